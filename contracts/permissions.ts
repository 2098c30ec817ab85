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
  'auth:step_up',
  'registry:read',
  'registry:read_record',
  'registry:import',
  'registry:export',
  'registry:security',
  'change_request:create',
  'change_request:check',
  'change_request:review',
  'self_registry:read',
  'self_registry:update',
  'report:create',
  'report:read_own',
  'report:triage',
  'campaign:read',
  'campaign:manage',
  'indicator:manage',
  'share:export',
  'alert:draft',
  'alert:approve',
  'watchlist:manage',
  'dashboard:read',
  'dpc:catalogue_read',
  'dpc:catalogue_import',
  'dpc:rescreen',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SELF_SERVICE: Permission[] = [
  'account:read',
  'account:update',
  'account:second_factor_enroll',
  'home:read',
  'auth:step_up',
];

// Council staff work the registry of their département: search, open a record (audited), record and
// complete change requests (in person), review held ones, export with a stated reason.
const REGISTRY_AGENT: Permission[] = [
  'registry:read',
  'registry:read_record',
  'registry:import',
  'registry:export',
  'change_request:create',
  'change_request:check',
  'change_request:review',
];

// Council staff triage the signalements of their département (national accounts: all), group them into
// campaigns, share indicators and draft alerts; a second agent approves an alert (four eyes, enforced
// per record in the alerts service: the approver is never the drafter).
const FRAUD_AGENT: Permission[] = [
  'report:triage',
  'campaign:read',
  'campaign:manage',
  'indicator:manage',
  'share:export',
  'alert:draft',
  'alert:approve',
  'watchlist:manage',
  'dashboard:read',
];

// Council staff read the DPC catalogue with its screening, and the actions a rescreening newly flagged.
// Importing the catalogue and rescreening it are admin-only: the catalogue is national (one import
// changes what every département sees) and a rescreen follows a lexicon release (docs/dpc-vigilance.md).
const DPC_AGENT: Permission[] = ['dpc:catalogue_read'];
const DPC_ADMIN: Permission[] = ['dpc:catalogue_import', 'dpc:rescreen'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  medecin: [...SELF_SERVICE, 'self_registry:read', 'self_registry:update', 'report:create', 'report:read_own'],
  agent: [...SELF_SERVICE, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_AGENT],
  membre_cde: SELF_SERVICE,
  membre_cne: SELF_SERVICE,
  admin: [...SELF_SERVICE, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_AGENT, ...DPC_ADMIN, 'registry:security', 'users:read', 'users:manage', 'audit:read'],
};

/**
 * A session that has passed the password but not yet the second factor may only verify it; one whose
 * role demands a second factor not yet enrolled may only read its account and enrol one.
 */
export const SESSION_STATE_PERMISSIONS = {
  pending_second_factor: ['auth:second_factor'],
  pending_enrollment: ['account:read', 'account:second_factor_enroll'],
} as const satisfies Record<string, readonly Permission[]>;
