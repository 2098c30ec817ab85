import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { CurrentPasswordField } from '../../components/CurrentPasswordField.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useLogin } from './auth.api.js';
import { SecondFactorStep } from './SecondFactorStep.js';

const ID = 'connexion';

function LoginForm() {
  const login = useLogin();
  const errors = toFormErrors(login.error, { INVALID_CREDENTIALS: 'password' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') });
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Identifiez-vous</h2>
      <FormError errors={errors} idPrefix={ID} />
      <EmailField idPrefix={ID} hint="Par exemple : prenom.nom@exemple.fr" error={errors?.fields.email} />
      <CurrentPasswordField idPrefix={ID} name="password" error={errors?.fields.password} />
      <FormActions submitLabel="Se connecter" pending={login.isPending}>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </FormActions>
    </form>
  );
}

export function LoginPage() {
  const { data: session } = useSession();
  return (
    <Page title="Connexion" heading="Connexion à Vigie">
      <p className="lead">
        Vigie protège les médecins contre les démarchages frauduleux et l'usurpation d'identité.
      </p>
      {session?.state === 'pending_second_factor' ? <SecondFactorStep /> : <LoginForm />}
      <section className="check-cta" aria-labelledby="verifier-cta">
        <h2 id="verifier-cta">Un message vous semble suspect ?</h2>
        <p>SMS, courriel, appel, lien ou numéro : vérifiez-le en quelques secondes, sans vous connecter.</p>
        <Link className="button" to="/verifier">
          Vérifier un message suspect
        </Link>
      </section>
    </Page>
  );
}
