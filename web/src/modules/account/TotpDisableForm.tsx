import type { FormEvent } from 'react';
import { CurrentPasswordField } from '../../components/CurrentPasswordField.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { OtpCodeField, readOtpCode } from '../../components/OtpCodeField.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useTotpDisable } from './account.api.js';

const ID = 'desactiver-2fa';

export function TotpDisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const disable = useTotpDisable();
  const errors = toFormErrors(disable.error, { PASSWORD_INCORRECT: 'password', SECOND_FACTOR_INVALID: 'code' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    disable.mutate({ password: String(form.get('password') ?? ''), code: readOtpCode(form) }, { onSuccess: onDisabled });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <FocusedHeading id={`${ID}-titre`}>Désactiver la double authentification</FocusedHeading>
      <p>
        Sans double authentification, votre compte n'est protégé que par votre mot de passe. Confirmez avec votre
        mot de passe et un code de votre application.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <CurrentPasswordField idPrefix={ID} name="password" error={errors?.fields.password} />
      <OtpCodeField idPrefix={ID} error={errors?.fields.code} />
      <FormActions submitLabel="Confirmer la désactivation" pending={disable.isPending} danger onCancel={onCancel} />
    </form>
  );
}
