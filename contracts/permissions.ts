import type { Role } from './roles.js';

/**
 * The permission map: what each role may do, by `resource:action`. Routes name one permission; the
 * central policy (server/platform/authz) grants it or not. Record-level scope (département) is decided
 * by each module's policy function on top of this map.
 */
export const PERMISSIONS = [
  'auth:second_factor',
  'account:read',
  'account:update',
  'account:second_factor_enroll',
  'home:read',
  'users:read',
  'users:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SELF_SERVICE: Permission[] = [
  'account:read',
  'account:update',
  'account:second_factor_enroll',
  'home:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  medecin: SELF_SERVICE,
  agent: SELF_SERVICE,
  membre_cde: SELF_SERVICE,
  membre_cne: SELF_SERVICE,
  admin: [...SELF_SERVICE, 'users:read', 'users:manage', 'audit:read'],
};

/**
 * A session that has passed the password but not yet the second factor may only verify it; one whose
 * role demands a second factor not yet enrolled may only read its account and enrol one.
 */
export const SESSION_STATE_PERMISSIONS = {
  pending_second_factor: ['auth:second_factor'],
  pending_enrollment: ['account:read', 'account:second_factor_enroll'],
} as const satisfies Record<string, readonly Permission[]>;
