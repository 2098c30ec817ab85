import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../../contracts/permissions.js';
import { ROLES, type Role } from '../../../contracts/roles.js';
import { hasPermission, isInScope } from './policy.js';

// The permission map as a truth table: a change to who may do what shows up here, in review.
const EXPECTED: Record<Role, Permission[]> = {
  medecin: ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read'],
  agent: ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read'],
  membre_cde: ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read'],
  membre_cne: ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read'],
  admin: ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read', 'users:read', 'users:manage', 'audit:read'],
};

describe('central policy', () => {
  it.each(ROLES)('grants an active %s exactly its permissions', (role) => {
    const granted = PERMISSIONS.filter((p) => hasPermission(role, 'active', p));
    expect(granted.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it.each(ROLES)('lets a %s waiting for the second factor only verify it', (role) => {
    expect(PERMISSIONS.filter((p) => hasPermission(role, 'pending_second_factor', p))).toEqual(['auth:second_factor']);
  });

  it.each(ROLES)('lets a %s waiting for 2FA enrolment only read its account and enrol', (role) => {
    expect(PERMISSIONS.filter((p) => hasPermission(role, 'pending_enrollment', p)).sort()).toEqual(['account:read', 'account:second_factor_enroll']);
  });

  it('scopes by département: national sees all, departmental only its own', () => {
    const national = { userId: 'n', role: 'admin' as const, departement: null };
    const paris = { userId: 'p', role: 'admin' as const, departement: '75' };
    expect(isInScope(national, '2A')).toBe(true);
    expect(isInScope(national, null)).toBe(true);
    expect(isInScope(paris, '75')).toBe(true);
    expect(isInScope(paris, '69')).toBe(false);
    expect(isInScope(paris, null)).toBe(false);
  });
});
