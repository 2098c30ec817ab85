import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../../../../contracts/roles.js';
import type { TUserUpdate, TUserView } from '../../../../contracts/admin-users.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { SelectField, TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUserUpdate } from './admin-users.api.js';
import { DepartementOptions, RoleOptions, STATUS_LABELS, departementHint, departementRule } from './options.js';

const ID = 'modifier';

/** Edits the name, role, département and status of an account; only the changed fields are sent. */
export function UserEditDialog({ user, onSaved, onClose }: {
  user: TUserView;
  onSaved: (user: TUserView) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const update = useUserUpdate(user.id);
  const [role, setRole] = useState<Role>(user.role);
  const [departement, setDepartement] = useState(user.departement ?? '');
  const [noChange, setNoChange] = useState(false);
  const national = departementRule(role) === 'national';
  const errors = noChange
    ? { message: 'Aucune modification à enregistrer.', fields: {} }
    : toFormErrors(update.error, {
        DEPARTEMENT_REQUIRED: 'departement',
        DEPARTEMENT_NOT_ALLOWED: 'departement',
        OUT_OF_SCOPE: 'departement',
      });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: TUserUpdate = {};
    const displayName = String(form.get('displayName') ?? '').trim();
    const nextDepartement = national || !departement ? null : departement;
    const status = String(form.get('status')) as TUserView['status'];
    if (displayName !== user.displayName) changes.displayName = displayName;
    if (role !== user.role) changes.role = role;
    if (nextDepartement !== user.departement) changes.departement = nextDepartement;
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
        <FormError errors={errors} idPrefix={ID} />
        <TextField
          idPrefix={ID}
          name="displayName"
          label="Nom affiché"
          defaultValue={user.displayName}
          autoComplete="off"
          required
          maxLength={120}
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
        <SelectField idPrefix={ID} name="status" label="Statut" defaultValue={user.status} error={errors?.fields.status}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button" disabled={update.isPending}>
            Enregistrer
          </button>
          <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()}>
            Annuler
          </button>
        </div>
      </form>
    </Dialog>
  );
}
