import { useState } from 'react';
import type { FormEvent } from 'react';
import { DisplayNameField } from '../../components/DisplayNameField.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUserCreate } from './admin-users.api.js';
import { DEPARTEMENT_ERROR_FIELDS, RoleDepartementFields, chosenDepartement } from './RoleDepartementFields.js';
import type { RoleDepartement } from './RoleDepartementFields.js';

const ID = 'creer';
const INITIAL_ASSIGNMENT: RoleDepartement = { role: 'agent', departement: '' };

/** Creates an account; the server e-mails the invitation to choose a first password. */
export function UserCreateForm({ id }: { id: string }) {
  const create = useUserCreate();
  const [assignment, setAssignment] = useState(INITIAL_ASSIGNMENT);
  const errors = toFormErrors(create.error, { EMAIL_TAKEN: 'email', MEDECIN_FROM_REGISTRY_ONLY: 'role', ...DEPARTEMENT_ERROR_FIELDS });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        email: String(form.get('email') ?? '').trim(),
        displayName: String(form.get('displayName') ?? '').trim(),
        role: assignment.role,
        departement: chosenDepartement(assignment),
      },
      {
        onSuccess: () => {
          formElement.reset();
          setAssignment(INITIAL_ASSIGNMENT);
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
      <EmailField idPrefix={ID} autoComplete="off" error={errors?.fields.email} />
      <DisplayNameField
        idPrefix={ID}
        autoComplete="off"
        hint="Par exemple : Dr Marie Durand"
        error={errors?.fields.displayName}
      />
      <RoleDepartementFields idPrefix={ID} value={assignment} onChange={setAssignment} errors={errors?.fields} />
      <FormActions submitLabel="Créer le compte" pending={create.isPending} />
    </form>
  );
}
