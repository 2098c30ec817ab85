import type { Role } from '../../../../contracts/roles.js';
import { SelectField } from '../../components/fields.js';
import type { ApiErrorCode } from '../../lib/api.js';
import { DepartementPicker } from '../../components/DepartementPicker.js';
import { RoleOptions, departementHint, departementRule, rolesFor } from './options.js';

export interface RoleDepartement {
  role: Role;
  /** '' stands for « National ». */
  departement: string;
}

/** For `toFormErrors`: the server's refusals of a département, shown next to that field. */
export const DEPARTEMENT_ERROR_FIELDS: Partial<Record<ApiErrorCode, string>> = {
  DEPARTEMENT_REQUIRED: 'departement',
  DEPARTEMENT_NOT_ALLOWED: 'departement',
  OUT_OF_SCOPE: 'departement',
};

/** The département to send: none for a national role, whatever was chosen before the role changed. */
export function chosenDepartement({ role, departement }: RoleDepartement): string | null {
  return departementRule(role) === 'national' || !departement ? null : departement;
}

/** The role select and the département picker (number or name, searchable), whose choices follow the role. */
export function RoleDepartementFields({ idPrefix, value, onChange, errors, currentRole = null }: {
  idPrefix: string;
  value: RoleDepartement;
  onChange: (value: RoleDepartement) => void;
  errors: Record<string, string> | undefined;
  /** The role the account has now (null when creating one): decides which roles are offered. */
  currentRole?: Role | null;
}) {
  const roles = rolesFor(currentRole);
  const national = departementRule(value.role) === 'national';
  return (
    <>
      <SelectField
        idPrefix={idPrefix}
        name="role"
        label="Rôle"
        value={value.role}
        onChange={(event) => onChange({ ...value, role: event.currentTarget.value as Role })}
        hint={
          roles.includes('medecin')
            ? "Le rôle d'un compte médecin ne change pas : il est lié à sa fiche du tableau."
            : "Les comptes médecins s'activent depuis leur fiche du tableau."
        }
        error={errors?.role}
      >
        <RoleOptions roles={roles} />
      </SelectField>
      {national ? (
        // A national role has no département: a one-choice select says so and cannot be changed.
        <SelectField idPrefix={idPrefix} name="departement" label="Département" value="" onChange={() => undefined} hint={departementHint(value.role)} error={errors?.departement}>
          <option value="">National</option>
        </SelectField>
      ) : (
        <DepartementPicker
          idPrefix={idPrefix}
          name="departement"
          label="Département"
          value={value.departement}
          onChange={(departement) => onChange({ ...value, departement })}
          emptyLabel={departementRule(value.role) === 'optional' ? 'National' : undefined}
          hint={`${departementHint(value.role)} Tapez un numéro ou un nom, par exemple « 75 » ou « Corse ».`}
          error={errors?.departement}
        />
      )}
    </>
  );
}
