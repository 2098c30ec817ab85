import { NATIONAL_ONLY_ROLES, DEPARTEMENTAL_ONLY_ROLES, ROLE_LABELS, ROLES } from '../../../../contracts/roles.js';
import type { Role } from '../../../../contracts/roles.js';
import type { TUserView } from '../../../../contracts/admin-users.schemas.js';

export const STATUS_LABELS: Record<TUserView['status'], string> = {
  active: 'Activé',
  disabled: 'Désactivé',
};

export function roleLabel(role: string | null): string {
  if (!role) return 'Système';
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

/** Roles an administrator may give: a doctor's account comes only from the register (activation). */
export const ASSIGNABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'medecin');

/** The role a user may be given from here: a doctor stays a doctor, anyone else never becomes one. */
export function rolesFor(current: Role | null): readonly Role[] {
  return current === 'medecin' ? ['medecin'] : ASSIGNABLE_ROLES;
}

export function RoleOptions({ roles = ROLES }: { roles?: readonly Role[] }) {
  return roles.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

export function StatusOptions() {
  return Object.entries(STATUS_LABELS).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** What the département field accepts for a role: national only, one département only, or either. */
export function departementRule(role: Role): 'national' | 'required' | 'optional' {
  if (NATIONAL_ONLY_ROLES.includes(role)) return 'national';
  // Doctors always belong to the département where they are registered (server policy).
  if (DEPARTEMENTAL_ONLY_ROLES.includes(role)) return 'required';
  return 'optional';
}

export function departementHint(role: Role): string {
  switch (departementRule(role)) {
    case 'national':
      return 'Ce rôle est national : aucun département.';
    case 'required':
      return 'Ce rôle exige un département.';
    case 'optional':
      return 'Choisissez « National » pour un compte sans département.';
  }
}
