import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../../contracts/roles.js';
import type { ChangeChannel, ChangeKind, ChangeStatus, DoctorHistorySource, DoctorStatus, IdentityDocumentType } from '../../../contracts/registry.schemas.js';

export type { ChangeChannel, ChangeStatus, DoctorHistorySource, DoctorStatus };

// Typed mirror of the SQL migrations in ./migrations — the migrations are the source of truth.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').$type<Role>().notNull(),
  departement: text('departement'),
  status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
  passwordHash: text('password_hash'),
  totpSecretSealed: text('totp_secret_sealed'),
  totpPendingSecretSealed: text('totp_pending_secret_sealed'),
  totpEnabledAt: ts('totp_enabled_at'),
  totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
  lastLoginAt: ts('last_login_at'),
  securityReferent: boolean('security_referent').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type UserRow = typeof users.$inferSelect;

export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type SessionRowState = 'pending_second_factor' | 'pending_enrollment' | 'active';
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  state: text('state').$type<SessionRowState>().notNull(),
  csrfToken: text('csrf_token').notNull(),
  secondFactorAt: ts('second_factor_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});
export type SessionRow = typeof sessions.$inferSelect;

export const knownDevices = pgTable(
  'known_devices',
  {
    userId: uuid('user_id').notNull(),
    deviceHash: text('device_hash').notNull(),
    firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);

export type AccountTokenPurpose = 'password_reset' | 'invitation';
export const accountTokens = pgTable('account_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: ts('reset_at').notNull(),
});

/** id, occurred_at, prev_hash and hash are set by the database trigger; never by the application. */
export const auditLog = pgTable('audit_log', {
  // Omitted on insert (DEFAULT): the BEFORE INSERT trigger fills id, occurred_at and the hashes.
  id: bigint('id', { mode: 'number' }).primaryKey().default(sql`NULL`),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  ip: text('ip'),
  requestId: text('request_id'),
  reason: text('reason'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull().default(sql`NULL`),
  hash: text('hash').notNull().default(sql`NULL`),
});

export const bootstrapTokens = pgTable('bootstrap_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type FraudIndicatorKind = 'phone' | 'domain' | 'url' | 'email';
export const fraudIndicators = pgTable('fraud_indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<FraudIndicatorKind>().notNull(),
  value: text('value').notNull(),
  status: text('status').$type<'active' | 'false_positive' | 'expired' | 'withdrawn'>().notNull().default('active'),
  reportCount: integer('report_count').notNull().default(0),
  campaignLabel: text('campaign_label'),
  campaignId: uuid('campaign_id'),
  firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const doctors = pgTable('doctors', {
  id: uuid('id').primaryKey().defaultRandom(),
  rpps: text('rpps').notNull(),
  birthName: text('birth_name').notNull(),
  usageName: text('usage_name'),
  firstNames: text('first_names').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  specialty: text('specialty').notNull().default(''),
  departement: text('departement').notNull(),
  status: text('status').$type<DoctorStatus>().notNull(),
  proAddress: text('pro_address').notNull().default(''),
  proPostalCode: text('pro_postal_code').notNull().default(''),
  proCity: text('pro_city').notNull().default(''),
  proEmail: text('pro_email'),
  proPhone: text('pro_phone'),
  corrAddress: text('corr_address').notNull().default(''),
  corrPostalCode: text('corr_postal_code').notNull().default(''),
  corrCity: text('corr_city').notNull().default(''),
  corrEmail: text('corr_email'),
  corrPhone: text('corr_phone'),
  searchText: text('search_text').notNull(),
  frozenAt: ts('frozen_at'),
  frozenReason: text('frozen_reason'),
  contactsTrustedFrom: ts('contacts_trusted_from'),
  version: integer('version').notNull().default(1),
  userId: uuid('user_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type DoctorRow = typeof doctors.$inferSelect;

export const doctorHistory = pgTable('doctor_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  doctorId: uuid('doctor_id').notNull(),
  version: integer('version').notNull(),
  source: text('source').$type<DoctorHistorySource>().notNull(),
  changeRequestId: uuid('change_request_id'),
  actorId: uuid('actor_id'),
  changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
});

export type ChangeRequestKind = ChangeKind;
/** Field name (doctors column, camelCase) → new value; null clears an email or phone. */
export type RequestedChanges = Record<string, string | null>;
export interface HoldReason {
  code:
    | 'shared_with_other_record'
    | 'disposable_email'
    | 'foreign_phone'
    | 'fraud_indicator'
    | 'record_frozen'
    | 'second_review_old_channel_missing'
    | 'second_review_old_channel_recent'
    | 'second_review_email_and_phone';
  field: string;
  message: string;
}
export const changeRequests = pgTable('change_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  doctorId: uuid('doctor_id'),
  kind: text('kind').$type<ChangeRequestKind>().notNull(),
  channel: text('channel').$type<ChangeChannel>().notNull(),
  status: text('status').$type<ChangeStatus>().notNull(),
  departement: text('departement').notNull(),
  requested: jsonb('requested').$type<RequestedChanges>().notNull(),
  holdReasons: jsonb('hold_reasons').$type<HoldReason[]>().notNull().default([]),
  createdBy: uuid('created_by'),
  checkedBy: uuid('checked_by'),
  reviewedBy: uuid('reviewed_by'),
  decisionReason: text('decision_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  appliedAt: ts('applied_at'),
});
export type ChangeRequestRow = typeof changeRequests.$inferSelect;

export const identityChecks = pgTable('identity_checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  changeRequestId: uuid('change_request_id').notNull(),
  documentType: text('document_type').$type<IdentityDocumentType>().notNull(),
  documentExpiry: date('document_expiry', { mode: 'string' }).notNull(),
  documentLast4: text('document_last4').notNull(),
  documentNumberHash: text('document_number_hash').notNull(),
  nameMatches: boolean('name_matches').notNull(),
  outcome: text('outcome').$type<'conforme' | 'fraude_suspectee'>().notNull(),
  place: text('place').notNull(),
  notes: text('notes'),
  agentId: uuid('agent_id').notNull(),
  checkedAt: ts('checked_at').notNull().defaultNow(),
});

export const contactVerifications = pgTable('contact_verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  changeRequestId: uuid('change_request_id').notNull(),
  channel: text('channel').$type<'email' | 'phone'>().notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: ts('expires_at').notNull(),
  verifiedAt: ts('verified_at'),
});

export const stepUpTokens = pgTable('step_up_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  sessionId: text('session_id').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const contactRevertTokens = pgTable('contact_revert_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  doctorId: uuid('doctor_id').notNull(),
  changeRequestId: uuid('change_request_id').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const doctorActivations = pgTable('doctor_activations', {
  id: uuid('id').primaryKey().defaultRandom(),
  doctorId: uuid('doctor_id').notNull(),
  method: text('method').$type<'email_on_file' | 'counter_code'>().notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: uuid('created_by'),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Tables read and written in raw SQL (search, upload storage, refusal counting), mirrored all the same so
// schema-drift.test.ts can hold every table of the database to its migration.

/** Migration 0004: every distinct word of doctors.search_text, kept by triggers (registry search). */
export const registrySearchWords = pgTable('registry_search_words', {
  word: text('word').primaryKey(),
});

/** Migration 0011: a report's back-office search text, copied by trigger from reports.search_text. */
export const reportSearchTexts = pgTable('report_search_texts', {
  reportId: uuid('report_id').primaryKey(),
  searchText: text('search_text').notNull(),
});

// Drizzle has no bytea builder: PGlite answers a Uint8Array, node-postgres a Buffer (a Uint8Array too).
export const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });

/** Migration 0013: upload bytes kept in PostgreSQL (UPLOAD_STORE=postgres), written chunk by chunk. */
export const uploadBlobs = pgTable('upload_blobs', {
  key: text('key').primaryKey(),
  completed: boolean('completed').notNull().default(false),
  sha256: text('sha256'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  completedAt: ts('completed_at'),
});

export const uploadBlobChunks = pgTable(
  'upload_blob_chunks',
  {
    key: text('key').notNull(),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.seq] })],
);

/** Migration 0015: repeated refusals counted per (user, thing refused, permission) and 10-minute window. */
export const accessDenialWindows = pgTable(
  'access_denial_windows',
  {
    actorId: uuid('actor_id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    permission: text('permission').notNull(),
    actorRole: text('actor_role'),
    windowStartedAt: ts('window_started_at').notNull(),
    lastDeniedAt: ts('last_denied_at').notNull(),
    lastIp: text('last_ip'),
    repeats: integer('repeats').notNull().default(0),
    closedRepeats: integer('closed_repeats').notNull().default(0),
    closedStartedAt: ts('closed_started_at'),
    closedLastAt: ts('closed_last_at'),
    closedIp: text('closed_ip'),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.entityType, t.entityId, t.permission] })],
);
