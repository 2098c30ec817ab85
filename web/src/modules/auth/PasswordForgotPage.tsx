import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { usePasswordResetRequest } from './auth.api.js';

const ID = 'oubli';

export function PasswordForgotPage() {
  const request = usePasswordResetRequest();
  const errors = toFormErrors(request.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    request.mutate({ email });
  }

  return (
    <Page title="Mot de passe oublié">
      {request.isSuccess ? (
        <Notice tone="success" title="Demande enregistrée" focus>
          <p>
            Si un compte correspond à cette adresse, un courriel vient d'être envoyé. Le lien est valable 30
            minutes.
          </p>
        </Notice>
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit}>
          <p>
            Saisissez l'adresse électronique de votre compte Vigie. Vous recevrez un lien pour choisir un
            nouveau mot de passe.
          </p>
          <FormError errors={errors} idPrefix={ID} />
          <EmailField idPrefix={ID} error={errors?.fields.email} />
          <FormActions submitLabel="Envoyer le lien" pending={request.isPending} />
        </form>
      )}
      <p className="notice-text">
        Vigie ne vous demandera jamais votre mot de passe par téléphone, par SMS ou par courriel.
      </p>
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </Page>
  );
}
