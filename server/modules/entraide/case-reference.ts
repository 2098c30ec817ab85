import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { entraideCaseCounters } from '../../platform/db/schema-entraide.js';

/**
 * The next pseudonym of the year, « E-2026-014 »: numbered without gaps per year (the counter row is
 * locked by the upsert until the caller's transaction ends, so two requests never share a number).
 */
export async function nextCaseReference(tx: Executor, year: number): Promise<string> {
  const [row] = await tx
    .insert(entraideCaseCounters)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({ target: entraideCaseCounters.year, set: { lastNumber: sql`${entraideCaseCounters.lastNumber} + 1` } })
    .returning({ lastNumber: entraideCaseCounters.lastNumber });
  return `E-${year}-${String(row!.lastNumber).padStart(3, '0')}`;
}
