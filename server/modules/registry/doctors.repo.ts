import { and, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { doctorHistory, doctors, type DoctorHistorySource, type DoctorRow, type RequestedChanges } from '../../platform/db/schema.js';

export async function findDoctor(db: Executor, id: string): Promise<DoctorRow | null> {
  const [row] = await db.select().from(doctors).where(eq(doctors.id, id)).limit(1);
  return row ?? null;
}

/** Locks the record for the rest of the transaction: two requests cannot apply over each other. */
export async function lockDoctor(tx: Executor, id: string): Promise<DoctorRow | null> {
  const [row] = await tx.select().from(doctors).where(eq(doctors.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function findDoctorByUser(db: Executor, userId: string): Promise<DoctorRow | null> {
  const [row] = await db.select().from(doctors).where(eq(doctors.userId, userId)).limit(1);
  return row ?? null;
}

/** Other records already using this email address or phone number (any of their four contact fields). */
export async function findOtherRecordsUsing(db: Executor, doctorId: string, value: { email?: string; phone?: string }) {
  const conditions = [];
  if (value.email) conditions.push(sql`lower(${doctors.corrEmail}) = ${value.email}`, sql`lower(${doctors.proEmail}) = ${value.email}`);
  if (value.phone) conditions.push(eq(doctors.corrPhone, value.phone), eq(doctors.proPhone, value.phone));
  if (conditions.length === 0) return [];
  return db
    .select({ id: doctors.id, rpps: doctors.rpps, departement: doctors.departement })
    .from(doctors)
    .where(and(ne(doctors.id, doctorId), or(...conditions)))
    .limit(5);
}

/**
 * Writes new values on a record, bumps its version and appends the before/after of every changed field
 * to its history, in the caller's transaction.
 */
export async function updateDoctorWithHistory(
  tx: Executor,
  doctor: DoctorRow,
  values: Partial<DoctorRow>,
  history: { source: DoctorHistorySource; actorId: string | null; changeRequestId: string | null },
): Promise<DoctorRow> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, after] of Object.entries(values)) {
    const before = doctor[key as keyof DoctorRow];
    const same = before instanceof Date && after instanceof Date ? before.getTime() === after.getTime() : before === after;
    if (!same) changes[key] = { before, after };
  }
  const version = doctor.version + 1;
  const [row] = await tx.update(doctors).set({ ...values, version, updatedAt: new Date() }).where(eq(doctors.id, doctor.id)).returning();
  await tx.insert(doctorHistory).values({ doctorId: doctor.id, version, source: history.source, actorId: history.actorId, changeRequestId: history.changeRequestId, changes });
  return row!;
}

/**
 * Whether an email address or phone number of the record was changed (by an agent or the doctor) since
 * `since`: the channel a « ce n'était pas moi » notice would reach is then itself unconfirmed.
 */
export async function contactChannelChangedSince(db: Executor, doctorId: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: doctorHistory.id })
    .from(doctorHistory)
    .where(
      and(
        eq(doctorHistory.doctorId, doctorId),
        gt(doctorHistory.occurredAt, since),
        inArray(doctorHistory.source, ['change_request', 'self_service']),
        sql`${doctorHistory.changes} ?| array['corrEmail', 'proEmail', 'corrPhone', 'proPhone']`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function listHistory(db: Executor, doctorId: string) {
  return db.select().from(doctorHistory).where(eq(doctorHistory.doctorId, doctorId)).orderBy(doctorHistory.version);
}

/** The doctors columns a change request may write, from its `requested` map. */
export function requestedToColumns(requested: RequestedChanges): Partial<DoctorRow> {
  const allowed = [
    'corrAddress', 'corrPostalCode', 'corrCity', 'corrEmail', 'corrPhone',
    'proAddress', 'proPostalCode', 'proCity', 'proEmail', 'proPhone', 'departement',
  ] as const;
  const out: Record<string, string | null> = {};
  for (const key of allowed) if (key in requested) out[key] = requested[key] ?? null;
  return out as Partial<DoctorRow>;
}
