import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { TUserUpdate, TUserView } from '../../../../contracts/admin-users.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { DisplayNameField } from '../../components/DisplayNameField.js';
import { SelectField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUserUpdate } from './admin-users.api.js';
import { StatusOptions } from './options.js';
import { InvitationBadge, invitationPending } from './AccountState.js';
import { DEPARTEMENT_ERROR_FIELDS, RoleDepartementFields, chosenDepartement } from './RoleDepartementFields.js';

const ID = 'modifier';

/** Edits the name, role, département and status of an account; only the changed fields are sent. */
export function UserEditDialog({ user, onSaved, onClose }: {
  user: TUserView;
  onSaved: (user: TUserView) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const update = useUserUpdate(user.id);
  const [assignment, setAssignment] = useState({ role: user.role, departement: user.departement ?? '' });
  const [noChange, setNoChange] = useState(false);
  const errors = noChange
    ? { message: 'Aucune modification à enregistrer.', fields: {} }
    : toFormErrors(update.error, { MEDECIN_FROM_REGISTRY_ONLY: 'role', ...DEPARTEMENT_ERROR_FIELDS });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: TUserUpdate = {};
    const displayName = String(form.get('displayName') ?? '').trim();
    const departement = chosenDepartement(assignment);
    const status = String(form.get('status')) as TUserView['status'];
    if (displayName !== user.displayName) changes.displayName = displayName;
    if (assignment.role !== user.role) changes.role = assignment.role;
    if (departement !== user.departement) changes.departement = departement;
    if (status !== user.status) changes.status = status;
    if (Object.keys(changes).length === 0) {
      setNoChange(true);
      return;
    }
    setNoChange(false);
    update.mutate(changes, {
      onSuccess: (saved) => {
        onSaved(saved);
        dialogRef.current?.close();
      },
    });
  }

  return (
    <Dialog title={`Modifier le compte de ${user.displayName}`} onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="break">{user.email}</p>
        {invitationPending(user) ? (
          <p>
            <InvitationBadge sentAt={user.invitationSentAt} /> Le compte ne s'est pas encore connecté : la personne doit
            suivre le lien reçu pour choisir son mot de passe.
          </p>
        ) : null}
        <FormError errors={errors} idPrefix={ID} />
        <DisplayNameField
          idPrefix={ID}
          defaultValue={user.displayName}
          autoComplete="off"
          error={errors?.fields.displayName}
        />
        <RoleDepartementFields idPrefix={ID} value={assignment} onChange={setAssignment} errors={errors?.fields} currentRole={user.role} />
        <SelectField idPrefix={ID} name="status" label="Statut" defaultValue={user.status} error={errors?.fields.status}>
          <StatusOptions />
        </SelectField>
        <FormActions submitLabel="Enregistrer" pending={update.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}
