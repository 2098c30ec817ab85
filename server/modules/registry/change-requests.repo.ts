import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { changeRequests, identityChecks, type ChangeRequestRow } from '../../platform/db/schema.js';

export async function insertChangeRequest(tx: Executor, values: Omit<typeof changeRequests.$inferInsert, 'reference'>): Promise<ChangeRequestRow> {
  const [row] = await tx
    .insert(changeRequests)
    .values({ ...values, reference: await nextReference(tx) })
    .returning();
  return row!;
}

/** « DEM-2026-000123 »: what an agent reads on the phone or writes on a form. */
async function nextReference(tx: Executor): Promise<string> {
  const [next] = await rows<{ n: string }>(tx, sql`SELECT nextval('change_request_number_seq') AS n`);
  return `DEM-${new Date().getFullYear()}-${String(next!.n).padStart(6, '0')}`;
}

export async function findChangeRequest(db: Executor, id: string): Promise<ChangeRequestRow | null> {
  const [row] = await db.select().from(changeRequests).where(eq(changeRequests.id, id)).limit(1);
  return row ?? null;
}

export async function lockChangeRequest(tx: Executor, id: string): Promise<ChangeRequestRow | null> {
  const [row] = await tx.select().from(changeRequests).where(eq(changeRequests.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function updateChangeRequest(tx: Executor, id: string, values: Partial<ChangeRequestRow>): Promise<ChangeRequestRow> {
  const [row] = await tx.update(changeRequests).set({ ...values, updatedAt: new Date() }).where(eq(changeRequests.id, id)).returning();
  return row!;
}

export async function listRequestsForDoctor(db: Executor, doctorId: string) {
  return db.select().from(changeRequests).where(eq(changeRequests.doctorId, doctorId)).orderBy(desc(changeRequests.createdAt)).limit(50);
}

export async function listRequests(db: Executor, departement: string | null, statuses: ChangeRequestRow['status'][]) {
  const filters = [inArray(changeRequests.status, statuses)];
  if (departement !== null) filters.push(eq(changeRequests.departement, departement));
  return db.select().from(changeRequests).where(and(...filters)).orderBy(desc(changeRequests.createdAt)).limit(100);
}

export async function insertIdentityCheck(tx: Executor, values: typeof identityChecks.$inferInsert) {
  await tx.insert(identityChecks).values(values);
}

export async function findIdentityCheck(db: Executor, changeRequestId: string) {
  const [row] = await db.select().from(identityChecks).where(eq(identityChecks.changeRequestId, changeRequestId)).limit(1);
  return row ?? null;
}
