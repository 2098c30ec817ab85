import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ReportConsequence } from '../../../contracts/reports.guidance.js';

// Typed mirror of migration 0007 (columns the report form added to `reports`), kept apart from
// schema-reports.ts so the 0006 mirror stays as the scaffold wrote it. Read and write these columns
// through this table object; it names the same table.

export const reportsExtra = pgTable('reports', {
  id: uuid('id').primaryKey(),
  consequences: text('consequences').array().$type<ReportConsequence[]>().notNull().default([]),
});
