import { ROLE_PERMISSIONS, SESSION_STATE_PERMISSIONS, type Permission } from '../../../contracts/permissions.js';
import type { Role } from '../../../contracts/roles.js';
import type { SessionRowState } from '../db/schema.js';
import { AppError } from '../errors.js';

/** Who is acting: the account behind an authenticated request (or a job acting for one). */
export interface Actor {
  userId: string;
  role: Role;
  /** null = national account. */
  departement: string | null;
}

/** What a route demands: nothing (public) or one permission. There is no third kind. */
export type RouteAccess = 'public' | { permission: Permission };

/** The permissions a session holds: the role's, narrowed while the second factor is pending. */
export function permissionsFor(role: Role, state: SessionRowState): readonly Permission[] {
  if (state === 'active') return ROLE_PERMISSIONS[role];
  return SESSION_STATE_PERMISSIONS[state];
}

export function hasPermission(role: Role, state: SessionRowState, permission: Permission): boolean {
  return permissionsFor(role, state).includes(permission);
}

/** National accounts see every département; departmental ones only their own. */
export function isInScope(actor: Actor, departement: string | null): boolean {
  return actor.departement === null || actor.departement === departement;
}

/**
 * Throws NOT_FOUND when a record lies outside the actor's département: a record one may not see does
 * not exist, as far as the actor can tell.
 */
export function assertInScope(actor: Actor, departement: string | null): void {
  if (!isInScope(actor, departement)) throw new AppError('NOT_FOUND');
}
