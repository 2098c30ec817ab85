import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { DisplayNameField } from '../../components/DisplayNameField.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordField } from '../../components/NewPasswordField.js';
import { InvalidLinkNotice, LinkUsedNotice, isTokenRejected } from '../../components/OneTimeLinkNotices.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useFirstAdminCreate } from './bootstrap.api.js';

const ID = 'premier-admin';

/** Reached from the one-time link Vigie prints at start while no administrator exists. */
export function FirstAdminPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  const create = useFirstAdminCreate();
  const errors = toFormErrors(create.error, { PASSWORD_TOO_WEAK: 'password' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      token,
      email: String(form.get('email') ?? '').trim(),
      displayName: String(form.get('displayName') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    });
  }

  let content;
  if (!token || isTokenRejected(create.error)) {
    content = (
      <InvalidLinkNotice>
        <p>Ce lien est invalide, expiré ou a déjà servi, ou un administrateur existe déjà.</p>
        <p>
          Tant qu'aucun administrateur n'existe, Vigie affiche un nouveau lien à chaque démarrage. Sinon,{' '}
          <Link to="/connexion">connectez-vous</Link>.
        </p>
      </InvalidLinkNotice>
    );
  } else if (create.isSuccess) {
    content = (
      <LinkUsedNotice title="Compte administrateur créé">
        <p>
          Connectez-vous avec cette adresse et ce mot de passe : Vigie vous demandera d'abord de configurer la
          double authentification.
        </p>
      </LinkUsedNotice>
    );
  } else {
    content = (
      <form className="form card" noValidate onSubmit={onSubmit}>
        <p>
          Ce compte sera l'administrateur national de Vigie. Il invitera ensuite les autres utilisateurs. Ce lien ne
          sert qu'une fois.
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <EmailField idPrefix={ID} error={errors?.fields.email} />
        <DisplayNameField idPrefix={ID} autoComplete="name" error={errors?.fields.displayName} />
        <NewPasswordField idPrefix={ID} name="password" label="Mot de passe" error={errors?.fields.password} />
        <FormActions submitLabel="Créer le compte administrateur" pending={create.isPending} />
      </form>
    );
  }

  return <Page title="Créer le premier administrateur">{content}</Page>;
}
