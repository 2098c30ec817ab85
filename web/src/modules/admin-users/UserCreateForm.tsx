import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../../../../contracts/roles.js';
import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { SelectField, TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUserCreate } from './admin-users.api.js';
import { DepartementOptions, RoleOptions, departementHint, departementRule } from './options.js';

const ID = 'inviter';

/** Creates an account; the server e-mails the invitation to choose a first password. */
export function UserCreateForm({ onCreated, onCancel }: {
  onCreated: (user: TUserView) => void;
  onCancel: () => void;
}) {
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
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        email: String(form.get('email') ?? '').trim(),
        displayName: String(form.get('displayName') ?? '').trim(),
        role,
        departement: national || !departement ? null : departement,
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Inviter un utilisateur</h2>
      <p>Un courriel d'invitation lui sera envoyé pour choisir son mot de passe.</p>
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
          Envoyer l'invitation
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
