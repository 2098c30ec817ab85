import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { ApiError } from '../../lib/api.js';
import { localFormErrors, toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
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
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const errors = localErrors ?? toFormErrors(confirm.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const passwordConfirmation = String(form.get('passwordConfirmation') ?? '');
    if (password !== passwordConfirmation) {
      setLocalErrors(localFormErrors({ passwordConfirmation: 'Les deux mots de passe ne sont pas identiques.' }));
      return;
    }
    setLocalErrors(null);
    confirm.mutate({ token, password });
  }

  const tokenRejected =
    confirm.error instanceof ApiError && (confirm.error.code === 'TOKEN_INVALID' || 'token' in confirm.error.fields);

  let content;
  if (!token || tokenRejected) {
    content = <InvalidLink />;
  } else if (confirm.isSuccess) {
    content = (
      <Notice tone="success" title="Mot de passe enregistré" live>
        <p>Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.</p>
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
        <TextField
          idPrefix={ID}
          name="password"
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          minLength={12}
          maxLength={128}
          required
          hint="12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          error={errors?.fields.password}
        />
        <TextField
          idPrefix={ID}
          name="passwordConfirmation"
          label="Confirmer le nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          error={errors?.fields.passwordConfirmation}
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
