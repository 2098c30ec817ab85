import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { TextField } from '../../components/fields.js';
import { PasswordField } from '../../components/PasswordField.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useFirstAdminCreate } from './bootstrap.api.js';

const ID = 'premier-admin';

function InvalidLink() {
  return (
    <Notice tone="warning" title="Lien invalide">
      <p>Ce lien est invalide, expiré ou a déjà servi, ou un administrateur existe déjà.</p>
      <p>
        Tant qu'aucun administrateur n'existe, Vigie affiche un nouveau lien à chaque démarrage. Sinon,{' '}
        <Link to="/connexion">connectez-vous</Link>.
      </p>
    </Notice>
  );
}

/** Reached from the one-time link Vigie prints at start while no administrator exists. */
export function FirstAdminPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  const create = useFirstAdminCreate();
  const errors = toFormErrors(create.error, { PASSWORD_TOO_WEAK: 'password' });
  const tokenRejected =
    create.error instanceof ApiError && (create.error.code === 'TOKEN_INVALID' || 'token' in create.error.fields);

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
  if (!token || tokenRejected) {
    content = <InvalidLink />;
  } else if (create.isSuccess) {
    content = (
      <Notice tone="success" title="Compte administrateur créé" focus>
        <p>
          Connectez-vous avec cette adresse et ce mot de passe : Vigie vous demandera d'abord de configurer la
          double authentification.
        </p>
        <p>
          <Link to="/connexion">Se rendre à la page de connexion</Link>
        </p>
      </Notice>
    );
  } else {
    content = (
      <form className="form card" noValidate onSubmit={onSubmit}>
        <p>
          Ce compte sera l'administrateur national de Vigie. Il invitera ensuite les autres utilisateurs. Ce lien ne
          sert qu'une fois.
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <TextField
          idPrefix={ID}
          name="email"
          label="Adresse électronique"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          error={errors?.fields.email}
        />
        <TextField
          idPrefix={ID}
          name="displayName"
          label="Nom affiché"
          autoComplete="name"
          required
          maxLength={120}
          error={errors?.fields.displayName}
        />
        <PasswordField
          idPrefix={ID}
          name="password"
          label="Mot de passe"
          autoComplete="new-password"
          minLength={12}
          maxLength={128}
          required
          hint="12 caractères au moins, sans reprendre votre adresse électronique."
          error={errors?.fields.password}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Créer le compte administrateur
          </button>
        </div>
      </form>
    );
  }

  return <Page title="Créer le premier administrateur">{content}</Page>;
}
