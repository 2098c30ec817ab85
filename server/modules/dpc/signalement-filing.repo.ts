import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { dpcActions, dpcOrganisations } from '../../platform/db/schema-dpc.js';
import {
  dpcSignalementEvents,
  dpcSignalementEvidence,
  dpcSignalementReporters,
  dpcSignalements,
  type DpcSignalementRow,
} from '../../platform/db/schema-dpc-signalements.js';

// Writing a filed signalement and reading a reporter's own list. The reporter table is written here and
// never read: who reported is shown only by the review routes (docs/dpc-signalements.md).

/** A catalogue action with its organisation, as a signalement's subject names it. */
export async function findActionSubject(db: Executor, actionId: string): Promise<{ title: string; organisationId: string } | null> {
  const [row] = await db.select({ title: dpcActions.title, organisationId: dpcActions.organisationId }).from(dpcActions).where(eq(dpcActions.id, actionId));
  return row ?? null;
}

export async function findOrganisationName(db: Executor, organisationId: string): Promise<string | null> {
  const [row] = await db.select({ name: dpcOrganisations.name }).from(dpcOrganisations).where(eq(dpcOrganisations.id, organisationId));
  return row?.name ?? null;
}

/** The year's next sequence value, taken under the row's lock until the transaction ends. */
export async function nextSequence(tx: Executor, year: number): Promise<number> {
  const [row] = await rows<{ value: number }>(tx, sql`
    INSERT INTO dpc_signalement_sequences (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = dpc_signalement_sequences.last_value + 1
    RETURNING last_value AS value`);
  return Number(row!.value);
}

export async function insertSignalement(tx: Executor, values: typeof dpcSignalements.$inferInsert): Promise<DpcSignalementRow> {
  const [row] = await tx.insert(dpcSignalements).values(values).returning();
  return row!;
}

export async function insertReporter(tx: Executor, values: typeof dpcSignalementReporters.$inferInsert): Promise<void> {
  await tx.insert(dpcSignalementReporters).values(values);
}

export async function insertEvidence(tx: Executor, values: (typeof dpcSignalementEvidence.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await tx.insert(dpcSignalementEvidence).values(values);
}

export async function insertEvent(tx: Executor, values: typeof dpcSignalementEvents.$inferInsert): Promise<void> {
  await tx.insert(dpcSignalementEvents).values(values);
}

export interface OwnSignalementRow {
  id: string;
  reference: string;
  kind: DpcSignalementRow['kind'];
  subjectLabel: string;
  status: DpcSignalementRow['status'];
  createdAt: Date;
}

/** The signalements an account filed, newest first: only the columns its reporter may read. */
export async function listFiledBy(db: Executor, userId: string, offset: number, limit: number): Promise<{ rows: OwnSignalementRow[]; total: number }> {
  const mine = and(isNotNull(dpcSignalements.filedBy), eq(dpcSignalements.filedBy, userId));
  const page = await db
    .select({
      id: dpcSignalements.id,
      reference: dpcSignalements.reference,
      kind: dpcSignalements.kind,
      subjectLabel: dpcSignalements.subjectLabel,
      status: dpcSignalements.status,
      createdAt: dpcSignalements.createdAt,
    })
    .from(dpcSignalements)
    .where(mine)
    .orderBy(desc(dpcSignalements.createdAt), desc(dpcSignalements.reference))
    .limit(limit)
    .offset(offset);
  const [counted] = await db.select({ n: count() }).from(dpcSignalements).where(mine);
  return { rows: page, total: Number(counted?.n ?? 0) };
}
