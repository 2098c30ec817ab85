import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../../contracts/permissions.js';
import { ROLES, type Role } from '../../../contracts/roles.js';
import { hasPermission, isInScope } from './policy.js';

// The permission map as a truth table: a change to who may do what shows up here, in review.
const SELF = ['account:read', 'account:update', 'account:second_factor_enroll', 'home:read', 'auth:step_up'] as Permission[];
const REGISTRY_AGENT = [
  'registry:read',
  'registry:read_record',
  'registry:import',
  'registry:export',
  'change_request:create',
  'change_request:check',
  'change_request:review',
] as Permission[];
const FRAUD_AGENT = [
  'report:triage',
  'campaign:read',
  'campaign:manage',
  'indicator:manage',
  'share:export',
  'alert:draft',
  'alert:approve',
  'watchlist:manage',
  'dashboard:read',
] as Permission[];
// The DPC catalogue is national: every agent reads it; importing and rescreening follow a release (admin).
const DPC_AGENT = ['dpc:catalogue_read', 'dpc:signalement_file', 'dpc:signalement_triage', 'dpc:reporter_identity', 'dpc:exchange', 'dpc:stats_read'] as Permission[];
const DPC_ADMIN = ['dpc:catalogue_read', 'dpc:catalogue_import', 'dpc:rescreen', 'dpc:stats_read'] as Permission[];
const DPC_REVIEWER = ['dpc:catalogue_read', 'dpc:signalement_file', 'dpc:signalement_review', 'dpc:reporter_identity', 'dpc:stats_read'] as Permission[];
// Entraide: members work cases (scope and mandate checked per case); agents only record; admins never
// hold a permission that opens a case.
const ENTRAIDE_MEMBER = [
  'entraide:record',
  'entraide:call_log',
  'entraide:case_read',
  'entraide:case_manage',
  'entraide:identity_reveal',
  'entraide:budget',
  'entraide:access_export',
] as Permission[];
const ENTRAIDE_ADMIN = ['entraide:stats_read', 'entraide:mandates_manage', 'entraide:helplines_manage', 'entraide:retention_manage'] as Permission[];
const EXPECTED: Record<Role, Permission[]> = {
  medecin: [...SELF, 'self_registry:read', 'self_registry:update', 'report:create', 'report:read_own', 'entraide:request', 'dpc:signalement_file', 'dpc:signalement_read_own'],
  agent: [...SELF, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_AGENT, 'entraide:record', 'entraide:call_log'],
  membre_cde: [...SELF, ...ENTRAIDE_MEMBER, 'entraide:escalate'],
  membre_cne: [...SELF, ...ENTRAIDE_MEMBER, 'entraide:cresus_refer', 'entraide:stats_read'],
  relecteur_dpc: [...SELF, ...DPC_REVIEWER],
  admin: [...SELF, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_ADMIN, ...ENTRAIDE_ADMIN, 'registry:security', 'users:read', 'users:manage', 'audit:read'],
};

describe('central policy', () => {
  it('gives no administrator a permission that opens an entraide case or reveals an identity', () => {
    for (const p of ['entraide:case_read', 'entraide:identity_reveal', 'entraide:case_manage', 'entraide:access_export'] as Permission[]) {
      expect(hasPermission('admin', 'active', p)).toBe(false);
      expect(hasPermission('agent', 'active', p)).toBe(false);
    }
  });

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
