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
  'dpc:signalement_file',
  'dpc:signalement_read_own',
  'dpc:signalement_triage',
  'dpc:signalement_review',
  'dpc:reporter_identity',
  'dpc:exchange',
  'dpc:stats_read',
  'entraide:request',
  'entraide:record',
  'entraide:call_log',
  'entraide:case_read',
  'entraide:case_manage',
  'entraide:identity_reveal',
  'entraide:escalate',
  'entraide:budget',
  'entraide:cresus_refer',
  'entraide:access_export',
  'entraide:stats_read',
  'entraide:mandates_manage',
  'entraide:helplines_manage',
  'entraide:retention_manage',
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
//
// Signalements (docs/dpc-signalements.md): doctors file them (as a participant, another professional or
// a patient's relative; a relative without an account files on the public form) and follow their own.
// Agents triage, designate an expert reviewer, invite the reported organisation to answer, decide, and
// exchange with the ANDPC and the MIVILUDES. The reviewer (`relecteur_dpc`) examines the signalements
// designated to them. The reporter's identity is for those who handle the signalement — agents and the
// designated reviewer — and is removed from every package shared. Administrators import and rescreen
// the catalogue and read the statistics; they do not handle signalements.
const DPC_AGENT: Permission[] = ['dpc:catalogue_read', 'dpc:signalement_file', 'dpc:signalement_triage', 'dpc:reporter_identity', 'dpc:exchange', 'dpc:stats_read'];
const DPC_ADMIN: Permission[] = ['dpc:catalogue_read', 'dpc:catalogue_import', 'dpc:rescreen', 'dpc:stats_read'];
const DPC_REVIEWER: Permission[] = ['dpc:catalogue_read', 'dpc:signalement_file', 'dpc:signalement_review', 'dpc:reporter_identity', 'dpc:stats_read'];

// Entraide (docs/entraide.md): a doctor asks for help; an agent records a request or a helpline call
// after a call and then sees only the case's pseudonym. Commission members work the cases of their
// département (the CNE: cases transmitted to it), reveal an identity with a reason, and only while a
// mandate is current (checked per request in the entraide policy, on top of this map). The CNE
// prescribes Crésus. Administrators set mandates, helplines and retention, and read anonymised
// statistics: no permission of theirs opens a case.
const ENTRAIDE_MEMBER: Permission[] = [
  'entraide:record',
  'entraide:call_log',
  'entraide:case_read',
  'entraide:case_manage',
  'entraide:identity_reveal',
  'entraide:budget',
  'entraide:access_export',
];
const ENTRAIDE_ADMIN: Permission[] = ['entraide:stats_read', 'entraide:mandates_manage', 'entraide:helplines_manage', 'entraide:retention_manage'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  medecin: [...SELF_SERVICE, 'self_registry:read', 'self_registry:update', 'report:create', 'report:read_own', 'entraide:request', 'dpc:signalement_file', 'dpc:signalement_read_own'],
  agent: [...SELF_SERVICE, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_AGENT, 'entraide:record', 'entraide:call_log'],
  membre_cde: [...SELF_SERVICE, ...ENTRAIDE_MEMBER, 'entraide:escalate'],
  membre_cne: [...SELF_SERVICE, ...ENTRAIDE_MEMBER, 'entraide:cresus_refer', 'entraide:stats_read'],
  relecteur_dpc: [...SELF_SERVICE, ...DPC_REVIEWER],
  admin: [...SELF_SERVICE, ...REGISTRY_AGENT, ...FRAUD_AGENT, ...DPC_ADMIN, ...ENTRAIDE_ADMIN, 'registry:security', 'users:read', 'users:manage', 'audit:read'],
};

/**
 * A session that has passed the password but not yet the second factor may only verify it; one whose
 * role demands a second factor not yet enrolled may only read its account and enrol one.
 */
export const SESSION_STATE_PERMISSIONS = {
  pending_second_factor: ['auth:second_factor'],
  pending_enrollment: ['account:read', 'account:second_factor_enroll'],
} as const satisfies Record<string, readonly Permission[]>;
