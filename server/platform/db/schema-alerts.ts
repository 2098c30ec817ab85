import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AlertAudienceScope, AlertStatus } from './schema-reports.js';

// Typed mirror of the alerts table with migration 0010's column (review_comment), and of 0010's
// alert_workers. The alerts module reads and writes alerts through this mirror; the migrations are the
// source of truth.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id'),
  title: text('title').notNull(),
  situation: text('situation').notNull(),
  whatToDo: text('what_to_do').notNull(),
  whatNotToDo: text('what_not_to_do').notNull().default(''),
  audienceScope: text('audience_scope').$type<AlertAudienceScope>().notNull(),
  audienceDepartements: text('audience_departements').array().notNull().default([]),
  audienceSpecialties: text('audience_specialties').array().notNull().default([]),
  status: text('status').$type<AlertStatus>().notNull().default('brouillon'),
  draftedBy: uuid('drafted_by').notNull(),
  submittedAt: ts('submitted_at'),
  approvedBy: uuid('approved_by'),
  approvedAt: ts('approved_at'),
  broadcastFinishedAt: ts('broadcast_finished_at'),
  visibleUntil: ts('visible_until'),
  withdrawnAt: ts('withdrawn_at'),
  recipientsTotal: integer('recipients_total').notNull().default(0),
  reviewComment: text('review_comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type AlertRow = typeof alerts.$inferSelect;

export const alertWorkers = pgTable('alert_workers', {
  id: uuid('id').primaryKey(),
  heartbeatAt: ts('heartbeat_at').notNull().defaultNow(),
});
