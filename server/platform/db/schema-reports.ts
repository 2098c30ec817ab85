import { bigint, bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportConsequence } from '../../../contracts/reports.guidance.js';
import type { ReportMediaType } from '../../../contracts/reports.schemas.js';
import type { CampaignStatus, IndicatorKind, IndicatorStatus } from '../../../contracts/campaigns.schemas.js';
import type { AlertStatus, AudienceScope } from '../../../contracts/alerts.schemas.js';
import type { WatchKind } from '../../../contracts/watchlists.schemas.js';
import type { AttachmentOrigin, ReportChannel, ReportSource, ReportStatus, ReportVerdict, ScanStatus } from '../../../contracts/report-vocabulary.js';

// Typed mirror of migration 0006 (signalements, campaigns, indicators, alerts, watchlists) and of the
// columns later migrations added to those tables (0007: reports.consequences) — the migrations are the
// source of truth. The words of a report (channels, statuses…) are those of contracts/report-vocabulary.ts.

export type { AttachmentOrigin, ReportChannel, ReportSource, ReportStatus, ReportVerdict, ScanStatus };
export type { AlertStatus, CampaignStatus, IndicatorKind, IndicatorStatus };

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  label: text('label').notNull(),
  status: text('status').$type<CampaignStatus>().notNull().default('ouverte'),
  scamFamily: text('scam_family'),
  summary: text('summary').notNull().default(''),
  reportCount: integer('report_count').notNull().default(0),
  firstReportAt: ts('first_report_at'),
  lastReportAt: ts('last_report_at'),
  qualifiedAt: ts('qualified_at'),
  qualifiedBy: uuid('qualified_by'),
  mergedInto: uuid('merged_into'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  // Migration 0016: the approved public label (proposed by one agent, approved by another) and a pending proposal.
  publicLabel: text('public_label'),
  publicLabelProposedBy: uuid('public_label_proposed_by'),
  publicLabelApprovedBy: uuid('public_label_approved_by'),
  publicLabelApprovedAt: ts('public_label_approved_at'),
  publicLabelProposal: text('public_label_proposal'),
  publicLabelProposalBy: uuid('public_label_proposal_by'),
  publicLabelProposalAt: ts('public_label_proposal_at'),
});
export type CampaignRow = typeof campaigns.$inferSelect;

export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  receiptNumber: text('receipt_number').notNull(),
  source: text('source').$type<ReportSource>().notNull(),
  status: text('status').$type<ReportStatus>().notNull(),
  channel: text('channel').$type<ReportChannel>().notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }),
  organisationName: text('organisation_name').notNull().default(''),
  callerNumber: text('caller_number').notNull().default(''),
  sender: text('sender').notNull().default(''),
  links: text('links').array().notNull().default([]),
  description: text('description').notNull().default(''),
  pastedText: text('pasted_text').notNull().default(''),
  departement: text('departement'),
  reporterUserId: uuid('reporter_user_id'),
  reporterEmail: text('reporter_email'),
  reporterName: text('reporter_name').notNull().default(''),
  pseudonymous: boolean('pseudonymous').notNull().default(false),
  followTokenHash: text('follow_token_hash'),
  confirmationTokenHash: text('confirmation_token_hash'),
  confirmationExpiresAt: ts('confirmation_expires_at'),
  confirmedAt: ts('confirmed_at'),
  analysis: jsonb('analysis'),
  verdict: text('verdict').$type<ReportVerdict>(),
  scamFamily: text('scam_family'),
  searchText: text('search_text').notNull().default(''),
  assignedTo: uuid('assigned_to'),
  campaignId: uuid('campaign_id'),
  campaignPinned: boolean('campaign_pinned').notNull().default(false),
  mergedInto: uuid('merged_into'),
  qualifiedAt: ts('qualified_at'),
  closedAt: ts('closed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  // Migration 0007: what happened to the reporter, from the form (drives the guidance).
  consequences: text('consequences').array().$type<ReportConsequence[]>().notNull().default([]),
  // Migration 0009: when the grouping took the report in (null: still to group).
  groupedAt: ts('grouped_at'),
});
export type ReportRow = typeof reports.$inferSelect;

// Migration 0022: reports per (département, status, assignee), kept exact by trigger for the queue's totals.
export const reportQueueCounts = pgTable('report_queue_counts', {
  departement: text('departement'),
  status: text('status').$type<ReportStatus>().notNull(),
  assignedTo: uuid('assigned_to'),
  n: integer('n').notNull(),
});

// Migration 0027: reports per Paris day and value of what the national dashboard counts, kept exact by trigger.
export const reportDayCounts = pgTable(
  'report_day_counts',
  {
    dimension: text('dimension').$type<'status' | 'channel' | 'scam_family' | 'departement' | 'campaign'>().notNull(),
    day: date('day').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.day, t.key] })],
);

// Migration 0027: a campaign's reports per day (UTC) and per département, kept exact by trigger for its page.
export const campaignReportCounts = pgTable('campaign_report_counts', {
  campaignId: uuid('campaign_id').notNull(),
  dimension: text('dimension').$type<'day' | 'departement'>().notNull(),
  day: date('day'),
  departement: text('departement'),
  n: integer('n').notNull(),
});

export type AttachmentMediaType = ReportMediaType;
export const reportAttachments = pgTable('report_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull(),
  origin: text('origin').$type<AttachmentOrigin>().notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').$type<AttachmentMediaType>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  scanStatus: text('scan_status').$type<ScanStatus>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
export type ReportAttachmentRow = typeof reportAttachments.$inferSelect;

export const reportNotes = pgTable('report_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull(),
  authorId: uuid('author_id').notNull(),
  body: text('body').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const reportIndicators = pgTable(
  'report_indicators',
  {
    reportId: uuid('report_id').notNull(),
    kind: text('kind').$type<IndicatorKind>().notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.kind, t.value] })],
);

export const reportTextBands = pgTable(
  'report_text_bands',
  {
    reportId: uuid('report_id').notNull(),
    band: smallint('band').notNull(),
    hash: bigint('hash', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.band] })],
);

export const indicators = pgTable('indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<IndicatorKind>().notNull(),
  value: text('value').notNull(),
  status: text('status').$type<IndicatorStatus>().notNull().default('actif'),
  sightings: integer('sightings').notNull().default(0),
  firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  // Migration 0009: how many reports carried this link alone (guards against publishing a lone link).
  soloLinks: integer('solo_links').notNull().default(0),
});
export type IndicatorRow = typeof indicators.$inferSelect;

export type AlertAudienceScope = AudienceScope;
// The alerts table's mirror lives in schema-alerts.ts (with migration 0010's columns).

export type DeliveryStatus = 'a_envoyer' | 'envoi' | 'envoye' | 'echec';
export const alertDeliveries = pgTable('alert_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  alertId: uuid('alert_id').notNull(),
  doctorId: uuid('doctor_id').notNull(),
  email: text('email').notNull(),
  status: text('status').$type<DeliveryStatus>().notNull().default('a_envoyer'),
  attempts: integer('attempts').notNull().default(0),
  leaseUntil: ts('lease_until'),
  sentAt: ts('sent_at'),
  lastError: text('last_error'),
});

export type WatchlistKind = WatchKind;
export const watchlists = pgTable('watchlists', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').$type<WatchlistKind>().notNull(),
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

