import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { PasswordField } from '../../components/PasswordField.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { usePasswordResetConfirm } from './auth.api.js';

const ID = 'nouveau-mot-de-passe';

function InvalidLink() {
  return (
    <Notice tone="warning" title="Lien invalide">
      <p>Ce lien est invalide, expiré ou a déjà servi.</p>
      <p>
        <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
      </p>
    </Notice>
  );
}

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

  const tokenRejected =
    confirm.error instanceof ApiError && (confirm.error.code === 'TOKEN_INVALID' || 'token' in confirm.error.fields);

  let content;
  if (!token || tokenRejected) {
    content = <InvalidLink />;
  } else if (confirm.isSuccess) {
    content = (
      <Notice tone="success" title="Mot de passe enregistré" focus>
        <p>Votre mot de passe a été enregistré. Vous pouvez maintenant vous connecter.</p>
        <p>
          <Link to="/connexion">Se rendre à la page de connexion</Link>
        </p>
      </Notice>
    );
  } else {
    content = (
      <form className="form card" noValidate onSubmit={onSubmit}>
        <p>Choisissez un mot de passe d'au moins 12 caractères, que vous n'utilisez sur aucun autre site.</p>
        <FormError errors={errors} idPrefix={ID} />
        <PasswordField
          idPrefix={ID}
          name="password"
          label="Nouveau mot de passe"
          autoComplete="new-password"
          minLength={12}
          maxLength={128}
          required
          hint="12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          error={errors?.fields.password}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={confirm.isPending}>
            Enregistrer le mot de passe
          </button>
        </div>
      </form>
    );
  }

  return <Page title="Choisir un mot de passe">{content}</Page>;
}
