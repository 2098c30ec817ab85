import { bigint, boolean, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

// Typed mirror of migration 0009's own tables (campaign grouping). The columns 0009 added to `reports`
// (grouped_at) and `indicators` (solo_links) are in their table objects, in schema-reports.ts.

export const campaignIndicators = pgTable(
  'campaign_indicators',
  {
    campaignId: uuid('campaign_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    reportCount: integer('report_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.indicatorId] })],
);

export const textBandBuckets = pgTable('text_band_buckets', {
  key: bigint('key', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull(),
  // Migration 0034: the number of the bucket write that opened it (text_band_bucket_writes).
  batch: bigint('batch', { mode: 'number' }).notNull().default(0),
});

// Migration 0034: how many grouping batches opened buckets (one row), for the in-memory filters of band keys.
export const textBandBucketWrites = pgTable('text_band_bucket_writes', {
  singleton: boolean('singleton').primaryKey().default(true),
  batches: bigint('batches', { mode: 'number' }).notNull().default(0),
});

export const indexedTexts = pgTable('indexed_texts', {
  reportId: uuid('report_id').primaryKey(),
  campaignId: uuid('campaign_id'),
  signature: integer('signature').array().notNull(),
});

// Migration 0028: one row per indicator extraction version, the backfill's run-once marker and counts.
export const indicatorBackfillRuns = pgTable('indicator_backfill_runs', {
  extractionVersion: integer('extraction_version').primaryKey(),
  enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  reportsRead: integer('reports_read').notNull().default(0),
  reportsChanged: integer('reports_changed').notNull().default(0),
  rowsAdded: integer('rows_added').notNull().default(0),
  rowsRemoved: integer('rows_removed').notNull().default(0),
  valuesWithdrawn: integer('values_withdrawn').notNull().default(0),
});
