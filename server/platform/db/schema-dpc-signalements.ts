import { boolean, date, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DpcPriority } from '../../../contracts/dpc.schemas.js';
import type {
  DpcDecisionOutcome,
  DpcExchangeKind,
  DpcPartner,
  DpcReporterKind,
  DpcSignalementKind,
  DpcSignalementStatus,
  DpcSubjectKind,
} from '../../../contracts/dpc-signalements.schemas.js';
import { bytea } from './schema.js';
import type { StoredDriftFinding } from './schema-dpc.js';
import type { AttachmentMediaType } from './schema-reports.js';

// Typed mirror of migration 0026 (DPC signalements); the migration is the source of truth.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const dpcSignalementSequences = pgTable('dpc_signalement_sequences', {
  year: integer('year').primaryKey(),
  lastValue: integer('last_value').notNull(),
});

export const dpcSignalements = pgTable('dpc_signalements', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  kind: text('kind').$type<DpcSignalementKind>().notNull(),
  reporterKind: text('reporter_kind').$type<DpcReporterKind>().notNull(),
  subjectKind: text('subject_kind').$type<DpcSubjectKind>().notNull(),
  actionId: uuid('action_id'),
  organisationId: uuid('organisation_id'),
  subjectLabel: text('subject_label').notNull(),
  practitionerRpps: text('practitioner_rpps'),
  departement: text('departement'),
  occurredOn: date('occurred_on', { mode: 'string' }),
  facts: text('facts').notNull(),
  status: text('status').$type<DpcSignalementStatus>().notNull().default('nouveau'),
  statusBeforeContradictory: text('status_before_contradictory').$type<DpcSignalementStatus>(),
  reviewerId: uuid('reviewer_id'),
  lexiconVersion: text('lexicon_version').notNull(),
  lexiconFingerprint: text('lexicon_fingerprint').notNull(),
  score: smallint('score').notNull(),
  priority: text('priority').$type<DpcPriority>().notNull(),
  findings: jsonb('findings').$type<StoredDriftFinding[]>().notNull(),
  concernsHealth: boolean('concerns_health').notNull(),
  decisionOutcomes: text('decision_outcomes').array().$type<DpcDecisionOutcome[]>(),
  decisionReason: text('decision_reason'),
  decidedAt: ts('decided_at'),
  decidedBy: uuid('decided_by'),
  filedBy: uuid('filed_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type DpcSignalementRow = typeof dpcSignalements.$inferSelect;

/** The reporter's identity: read only where it may be shown (docs/dpc-signalements.md). */
export const dpcSignalementReporters = pgTable('dpc_signalement_reporters', {
  signalementId: uuid('signalement_id').primaryKey(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  profession: text('profession'),
  relation: text('relation'),
});

export const dpcSignalementEvidence = pgTable('dpc_signalement_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  signalementId: uuid('signalement_id').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').$type<AttachmentMediaType>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  scanStatus: text('scan_status').$type<'sain' | 'non_analyse'>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const DPC_SIGNALEMENT_EVENT_KINDS = [
  'depose',
  'trie',
  'relecteur_designe',
  'avis',
  'contradictoire_ouvert',
  'contradictoire_reponse',
  'contradictoire_clos',
  'decision',
  'envoi',
  'echange',
  'note',
] as const;
export type DpcSignalementEventKind = (typeof DPC_SIGNALEMENT_EVENT_KINDS)[number];

export const dpcSignalementEvents = pgTable('dpc_signalement_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  signalementId: uuid('signalement_id').notNull(),
  kind: text('kind').$type<DpcSignalementEventKind>().notNull(),
  actorId: uuid('actor_id'),
  note: text('note'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  at: ts('at').notNull().defaultNow(),
});

export const dpcSignalementReviews = pgTable('dpc_signalement_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  signalementId: uuid('signalement_id').notNull(),
  reviewerId: uuid('reviewer_id').notNull(),
  opinion: text('opinion').notNull(),
  recommendedOutcomes: text('recommended_outcomes').array().$type<DpcDecisionOutcome[]>().notNull(),
  confirmedRuleIds: text('confirmed_rule_ids').array().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const dpcContradictoryInvitations = pgTable('dpc_contradictory_invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  signalementId: uuid('signalement_id').notNull(),
  organisationId: uuid('organisation_id'),
  recipientEmail: text('recipient_email').notNull(),
  statement: text('statement').notNull(),
  tokenHash: text('token_hash').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  invitedBy: uuid('invited_by').notNull(),
  invitedAt: ts('invited_at').notNull().defaultNow(),
  answer: text('answer'),
  answeredAt: ts('answered_at'),
  closedAt: ts('closed_at'),
});

export const dpcExchanges = pgTable('dpc_exchanges', {
  id: uuid('id').primaryKey().defaultRandom(),
  signalementId: uuid('signalement_id').notNull(),
  partner: text('partner').$type<DpcPartner>().notNull(),
  direction: text('direction').$type<'sortant' | 'entrant'>().notNull(),
  kind: text('kind').$type<DpcExchangeKind>().notNull(),
  summary: text('summary'),
  partnerReference: text('partner_reference'),
  package: jsonb('package').$type<Record<string, unknown>>(),
  packagePdfSha256: text('package_pdf_sha256'),
  acknowledgedBy: uuid('acknowledged_by'),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Migration 0031: the PDF of a sent package, byte for byte as sent (read only to download it). */
export const dpcPackagePdfs = pgTable('dpc_package_pdfs', {
  exchangeId: uuid('exchange_id').primaryKey(),
  bytes: bytea('bytes').notNull(),
});
