import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordField } from '../../components/NewPasswordField.js';
import { InvalidLinkNotice, LinkUsedNotice, isTokenRejected } from '../../components/OneTimeLinkNotices.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { usePasswordResetConfirm } from './auth.api.js';

const ID = 'nouveau-mot-de-passe';

/** Reached from the emailed link: forgotten password, or first password of an invited user. */
export function PasswordResetPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const confirm = usePasswordResetConfirm();
  const errors = toFormErrors(confirm.error, { PASSWORD_TOO_WEAK: 'password' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    confirm.mutate({ token, password });
  }

  let content;
  if (!token || isTokenRejected(confirm.error)) {
    content = (
      <InvalidLinkNotice>
        <p>Ce lien est invalide, expiré ou a déjà servi.</p>
        <p>
          <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      </InvalidLinkNotice>
    );
  } else if (confirm.isSuccess) {
    content = (
      <LinkUsedNotice title="Mot de passe enregistré">
        <p>Votre mot de passe a été enregistré. Vous pouvez maintenant vous connecter.</p>
      </LinkUsedNotice>
    );
  } else {
    content = (
      <form className="form card" noValidate onSubmit={onSubmit}>
        <p>Choisissez un mot de passe d'au moins 12 caractères, que vous n'utilisez sur aucun autre site.</p>
        <FormError errors={errors} idPrefix={ID} />
        <NewPasswordField
          idPrefix={ID}
          name="password"
          hint="12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          error={errors?.fields.password}
        />
        <FormActions submitLabel="Enregistrer le mot de passe" pending={confirm.isPending} />
      </form>
    );
  }

  return <Page title="Choisir un mot de passe">{content}</Page>;
}
