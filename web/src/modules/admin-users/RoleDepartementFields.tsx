import type { Role } from '../../../../contracts/roles.js';
import { SelectField } from '../../components/fields.js';
import type { ApiErrorCode } from '../../lib/api.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
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

/** The role select and the département select, whose choices follow the role. */
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
      <SelectField
        idPrefix={idPrefix}
        name="departement"
        label="Département"
        value={national ? '' : value.departement}
        onChange={(event) => onChange({ ...value, departement: event.currentTarget.value })}
        hint={departementHint(value.role)}
        error={errors?.departement}
      >
        <option value="">National</option>
        {national ? null : <DepartementOptions />}
      </SelectField>
    </>
  );
}
