import { bigint, boolean, date, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  CresusAction,
  EntraideAidForm,
  EntraideBeneficiaryKind,
  EntraideCaseStatus,
  EntraideCommission,
  EntraideContactMeans,
  EntraideDecisionKind,
  EntraideEventKind,
  EntraideMemberRole,
  EntraideNature,
  EntraideSource,
  EntraideUrgency,
} from '../../../contracts/entraide.schemas.js';

// Typed mirror of migration 0023 (entraide ordinale); the migration is the source of truth. Columns
// named sealed_* hold AES-GCM ciphertexts under the case's scope key (server/platform/crypto/data-keys.ts).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const entraideDataKeys = pgTable('entraide_data_keys', {
  scope: text('scope').primaryKey(),
  wrappedKey: text('wrapped_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideCaseCounters = pgTable('entraide_case_counters', {
  year: integer('year').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

export const entraideCases = pgTable('entraide_cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  departement: text('departement').notNull(),
  status: text('status').$type<EntraideCaseStatus>().notNull().default('recu'),
  natures: text('natures').array().$type<EntraideNature[]>().notNull(),
  urgency: text('urgency').$type<EntraideUrgency>().notNull(),
  source: text('source').$type<EntraideSource>().notNull(),
  beneficiaryKind: text('beneficiary_kind').$type<EntraideBeneficiaryKind>().notNull(),
  contactMeans: text('contact_means').$type<EntraideContactMeans>().notNull(),
  contactConsent: boolean('contact_consent').notNull(),
  sealedIdentity: text('sealed_identity').notNull(),
  sealedIdentityCne: text('sealed_identity_cne'),
  sealedSubject: text('sealed_subject'),
  requesterTag: text('requester_tag'),
  referentId: uuid('referent_id'),
  recordedBy: uuid('recorded_by'),
  cneConsentAt: ts('cne_consent_at'),
  escalatedAt: ts('escalated_at'),
  openedAt: ts('opened_at').notNull().defaultNow(),
  closedAt: ts('closed_at'),
  lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
  purgeAfter: day('purge_after'),
});

export const entraideCaseEvents = pgTable('entraide_case_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  kind: text('kind').$type<EntraideEventKind>().notNull(),
  sealedBody: text('sealed_body'),
  occurredAt: ts('occurred_at').notNull(),
  authorId: uuid('author_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideDecisions = pgTable('entraide_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  commission: text('commission').$type<EntraideCommission>().notNull(),
  kind: text('kind').$type<EntraideDecisionKind>().notNull(),
  decidedOn: day('decided_on').notNull(),
  amountCents: bigint('amount_cents', { mode: 'number' }),
  aidForm: text('aid_form').$type<EntraideAidForm>(),
  membersSeated: smallint('members_seated').notNull(),
  membersPresent: smallint('members_present').notNull(),
  votesFor: smallint('votes_for').notNull(),
  votesAgainst: smallint('votes_against').notNull(),
  abstentions: smallint('abstentions').notNull(),
  quorumReached: boolean('quorum_reached').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideMandates = pgTable('entraide_mandates', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  commission: text('commission').$type<EntraideCommission>().notNull(),
  departement: text('departement'),
  role: text('role').$type<EntraideMemberRole>().notNull(),
  startsOn: day('starts_on').notNull(),
  endsOn: day('ends_on').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiryRecordedOn: day('expiry_recorded_on'),
});

export const entraideHelplines = pgTable('entraide_helplines', {
  id: uuid('id').primaryKey().defaultRandom(),
  departement: text('departement'),
  position: smallint('position').notNull(),
  name: text('name').notNull(),
  purpose: text('purpose').notNull(),
  number: text('number').notNull(),
  hours: text('hours').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const entraideHelplineCalls = pgTable('entraide_helpline_calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  departement: text('departement').notNull(),
  receivedOn: day('received_on').notNull(),
  natures: text('natures').array().$type<EntraideNature[]>().notNull(),
  urgency: text('urgency').$type<EntraideUrgency>().notNull(),
  sealedSummary: text('sealed_summary'),
  caseId: uuid('case_id'),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideCresusReferrals = pgTable('entraide_cresus_referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  consentRecordedAt: ts('consent_recorded_at').notNull(),
  sealedPayload: text('sealed_payload').notNull(),
  status: text('status').$type<'orientee' | 'en_accompagnement' | 'terminee'>().notNull().default('orientee'),
  referredBy: uuid('referred_by'),
  referredAt: ts('referred_at').notNull().defaultNow(),
});

export const entraideCresusActions = pgTable('entraide_cresus_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  referralId: uuid('referral_id').notNull(),
  action: text('action').$type<CresusAction>().notNull(),
  occurredOn: day('occurred_on').notNull(),
  sealedNote: text('sealed_note'),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideBudgets = pgTable('entraide_budgets', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  recordedOn: day('recorded_on').notNull(),
  sealedBudget: text('sealed_budget').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const entraideSettings = pgTable('entraide_settings', {
  id: boolean('id').primaryKey().default(true),
  retentionMonths: smallint('retention_months').notNull().default(60),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
