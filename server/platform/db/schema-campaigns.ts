import { bigint, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

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
});

export const indexedTexts = pgTable('indexed_texts', {
  reportId: uuid('report_id').primaryKey(),
  campaignId: uuid('campaign_id'),
  signature: integer('signature').array().notNull(),
});
