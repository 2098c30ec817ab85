import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../../../../contracts/roles.js';
import { SelectField, TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUserCreate } from './admin-users.api.js';
import { DepartementOptions, RoleOptions, departementHint, departementRule } from './options.js';

const ID = 'creer';

/** Creates an account; the server e-mails the invitation to choose a first password. */
export function UserCreateForm({ id }: { id: string }) {
  const create = useUserCreate();
  const [role, setRole] = useState<Role>('medecin');
  const [departement, setDepartement] = useState('');
  const national = departementRule(role) === 'national';
  const errors = toFormErrors(create.error, {
    EMAIL_TAKEN: 'email',
    DEPARTEMENT_REQUIRED: 'departement',
    DEPARTEMENT_NOT_ALLOWED: 'departement',
    OUT_OF_SCOPE: 'departement',
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        email: String(form.get('email') ?? '').trim(),
        displayName: String(form.get('displayName') ?? '').trim(),
        role,
        departement: national || !departement ? null : departement,
      },
      {
        onSuccess: () => {
          formElement.reset();
          setRole('medecin');
          setDepartement('');
        },
      },
    );
  }

  return (
    <form id={id} className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`} tabIndex={-1}>
      <h2 id={`${ID}-titre`}>Créer un compte</h2>
      <p>La personne recevra un courriel d'invitation pour choisir son mot de passe (lien valable 72 heures).</p>
      <div role="status">
        {create.isSuccess ? (
          <Notice tone="success">
            <p>
              Le compte de {create.data.displayName} est créé : une invitation a été envoyée à {create.data.email}.
            </p>
          </Notice>
        ) : null}
      </div>
      <FormError errors={errors} idPrefix={ID} />
      <TextField
        idPrefix={ID}
        name="email"
        label="Adresse électronique"
        type="email"
        autoComplete="off"
        inputMode="email"
        spellCheck={false}
        required
        error={errors?.fields.email}
      />
      <TextField
        idPrefix={ID}
        name="displayName"
        label="Nom affiché"
        autoComplete="off"
        required
        maxLength={120}
        hint="Par exemple : Dr Marie Durand"
        error={errors?.fields.displayName}
      />
      <SelectField
        idPrefix={ID}
        name="role"
        label="Rôle"
        value={role}
        onChange={(event) => setRole(event.currentTarget.value as Role)}
        error={errors?.fields.role}
      >
        <RoleOptions />
      </SelectField>
      <SelectField
        idPrefix={ID}
        name="departement"
        label="Département"
        value={national ? '' : departement}
        onChange={(event) => setDepartement(event.currentTarget.value)}
        hint={departementHint(role)}
        error={errors?.fields.departement}
      >
        <option value="">National</option>
        {national ? null : <DepartementOptions />}
      </SelectField>
      <div className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          Créer le compte
        </button>
      </div>
    </form>
  );
}
