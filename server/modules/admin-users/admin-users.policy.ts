import { DEPARTEMENTAL_ONLY_ROLES, NATIONAL_ONLY_ROLES, type Role } from '../../../contracts/roles.js';
import { AppError } from '../../platform/errors.js';
import { isInScope, type Actor } from '../../platform/authz/policy.js';

/**
 * Which accounts an administrator may manage: a national administrator any; a departmental one only
 * those of its département, and it can neither create national accounts nor move one elsewhere.
 * Throws OUT_OF_SCOPE, DEPARTEMENT_REQUIRED, DEPARTEMENT_NOT_ALLOWED.
 */
export function assertCanAssign(actor: Actor, role: Role, departement: string | null): void {
  if (NATIONAL_ONLY_ROLES.includes(role) && departement !== null) throw new AppError('DEPARTEMENT_NOT_ALLOWED');
  if (DEPARTEMENTAL_ONLY_ROLES.includes(role) && departement === null) throw new AppError('DEPARTEMENT_REQUIRED');
  if (!isInScope(actor, departement) || (actor.departement !== null && departement === null)) throw new AppError('OUT_OF_SCOPE');
}
