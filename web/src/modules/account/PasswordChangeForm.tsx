import type { FormEvent } from 'react';
import { CurrentPasswordField } from '../../components/CurrentPasswordField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordField } from '../../components/NewPasswordField.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { usePasswordChange } from './account.api.js';

const ID = 'changer-mot-de-passe';

export function PasswordChangeForm() {
  const change = usePasswordChange();
  const errors = toFormErrors(change.error, { PASSWORD_INCORRECT: 'currentPassword', PASSWORD_TOO_WEAK: 'newPassword' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => formElement.reset() });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Changer de mot de passe</h2>
      <div role="status">
        {change.isSuccess ? (
          <Notice tone="success">
            <p>Votre mot de passe a été modifié.</p>
          </Notice>
        ) : null}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormError errors={errors} idPrefix={ID} />
        <CurrentPasswordField
          idPrefix={ID}
          name="currentPassword"
          label="Mot de passe actuel"
          error={errors?.fields.currentPassword}
        />
        <NewPasswordField idPrefix={ID} name="newPassword" error={errors?.fields.newPassword} />
        <FormActions submitLabel="Changer de mot de passe" pending={change.isPending} />
      </form>
    </section>
  );
}
