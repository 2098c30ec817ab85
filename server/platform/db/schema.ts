import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../../contracts/roles.js';

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
  status: text('status').$type<'active' | 'false_positive' | 'expired'>().notNull().default('active'),
  reportCount: integer('report_count').notNull().default(0),
  campaignLabel: text('campaign_label'),
  firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
