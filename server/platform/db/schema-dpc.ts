import { date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DpcActionFormat, DpcPriority } from '../../../contracts/dpc.schemas.js';

// Typed mirror of migration 0018 (the DPC catalogue); the migration is the source of truth.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const dpcOrganisations = pgTable('dpc_organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  registrationNumber: text('registration_number').notNull(),
  name: text('name').notNull(),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const dpcActions = pgTable('dpc_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  reference: text('reference').notNull(),
  title: text('title').notNull(),
  programme: text('programme').notNull(),
  orientation: text('orientation'),
  format: text('format').$type<DpcActionFormat>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }),
  endsOn: date('ends_on', { mode: 'string' }),
  searchText: text('search_text').notNull(),
  importId: uuid('import_id').notNull(),
  importedBy: uuid('imported_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The stored findings: the analysis face's DriftFinding, as JSON. */
export interface StoredDriftFinding {
  ruleId: string;
  family: string;
  familyLabel: string;
  explanation: string;
  evidence: { start: number; end: number; text: string }[];
  weight: number;
}

export const dpcActionScreenings = pgTable('dpc_action_screenings', {
  actionId: uuid('action_id').primaryKey(),
  lexiconVersion: text('lexicon_version').notNull(),
  lexiconFingerprint: text('lexicon_fingerprint').notNull(),
  score: smallint('score').notNull(),
  priority: text('priority').$type<DpcPriority>().notNull(),
  findings: jsonb('findings').$type<StoredDriftFinding[]>().notNull(),
  screenedAt: ts('screened_at').notNull(),
});

export const dpcRescreenings = pgTable('dpc_rescreenings', {
  id: uuid('id').primaryKey().defaultRandom(),
  lexiconVersion: text('lexicon_version').notNull(),
  lexiconFingerprint: text('lexicon_fingerprint').notNull(),
  requestedBy: uuid('requested_by'),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
  rescreened: integer('rescreened').notNull().default(0),
  newlyMatching: integer('newly_matching').notNull().default(0),
});
export type DpcRescreeningRow = typeof dpcRescreenings.$inferSelect;

export const dpcRescreenMatches = pgTable(
  'dpc_rescreen_matches',
  {
    rescreeningId: uuid('rescreening_id').notNull(),
    actionId: uuid('action_id').notNull(),
    previousPriority: text('previous_priority').$type<DpcPriority>().notNull(),
    previousScore: smallint('previous_score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rescreeningId, t.actionId] })],
);
