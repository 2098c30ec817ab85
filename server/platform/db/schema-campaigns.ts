import { bigint, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

// Typed mirror of migration 0009 (campaign grouping). The columns added to `reports` and `indicators`
// are mirrored by their own table objects naming the same tables, so the 0006 mirror stays as written.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const reportsGrouping = pgTable('reports', {
  id: uuid('id').primaryKey(),
  groupedAt: ts('grouped_at'),
});

export const indicatorsGuard = pgTable('indicators', {
  id: uuid('id').primaryKey(),
  soloLinks: integer('solo_links').notNull().default(0),
});

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
