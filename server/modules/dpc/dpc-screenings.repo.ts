import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DpcPriority } from '../../../contracts/dpc.schemas.js';
import type { DriftScreening } from '../../../analysis/dpc/index.js';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { dpcRescreenings, type DpcRescreeningRow } from '../../platform/db/schema-dpc.js';

// The screening stored with each action, and the rescreening runs with what each newly flagged.

export interface ScreeningToWrite {
  actionId: string;
  screening: DriftScreening;
}

/**
 * Writes the screening of each action in one statement, or rewrites it when it was made with another
 * lexicon (a rescreen that another run has already done for this lexicon leaves the row alone). Returns
 * the actions written.
 */
export async function writeScreenings(tx: Executor, entries: readonly ScreeningToWrite[], screenedAt: Date): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const column = <T>(pick: (e: ScreeningToWrite) => T) => sql.param(entries.map(pick));
  const written = await rows<{ actionId: string }>(tx, sql`
    INSERT INTO dpc_action_screenings (action_id, lexicon_version, lexicon_fingerprint, score, priority, findings, screened_at)
    SELECT s.action_id, s.lexicon_version, s.lexicon_fingerprint, s.score, s.priority, s.findings::jsonb, ${screenedAt.toISOString()}::timestamptz
    FROM unnest(${column((e) => e.actionId)}::uuid[], ${column((e) => e.screening.lexiconVersion)}::text[],
                ${column((e) => e.screening.lexiconFingerprint)}::text[], ${column((e) => e.screening.score)}::smallint[],
                ${column((e) => e.screening.priority)}::text[], ${column((e) => JSON.stringify(e.screening.findings))}::text[])
      AS s(action_id, lexicon_version, lexicon_fingerprint, score, priority, findings)
    ON CONFLICT (action_id) DO UPDATE SET
      lexicon_version = EXCLUDED.lexicon_version, lexicon_fingerprint = EXCLUDED.lexicon_fingerprint, score = EXCLUDED.score,
      priority = EXCLUDED.priority, findings = EXCLUDED.findings, screened_at = EXCLUDED.screened_at
    WHERE dpc_action_screenings.lexicon_fingerprint <> EXCLUDED.lexicon_fingerprint
    RETURNING action_id AS "actionId"`);
  return new Set(written.map((r) => r.actionId));
}

export interface StaleAction {
  actionId: string;
  title: string;
  programme: string;
  priority: DpcPriority;
  score: number;
}

/** The next actions (by id, after `after`) screened with another lexicon than `fingerprint`. */
export async function findStaleActions(tx: Executor, fingerprint: string, after: string, limit: number): Promise<StaleAction[]> {
  return rows<StaleAction>(tx, sql`
    SELECT s.action_id AS "actionId", a.title, a.programme, s.priority, s.score
    FROM dpc_action_screenings s JOIN dpc_actions a ON a.id = s.action_id
    WHERE s.lexicon_fingerprint <> ${fingerprint} AND s.action_id > ${after}::uuid
    ORDER BY s.action_id
    LIMIT ${limit}`);
}

/** The unfinished run for this lexicon, created if there is none (a retry continues the same run). */
export async function openRescreening(tx: Executor, lexicon: { version: string; fingerprint: string }, requestedBy: string): Promise<DpcRescreeningRow> {
  const [created] = await tx
    .insert(dpcRescreenings)
    .values({ lexiconVersion: lexicon.version, lexiconFingerprint: lexicon.fingerprint, requestedBy })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findUnfinishedRescreening(tx, lexicon.fingerprint))!;
}

/** The run for this lexicon a crash (or a concurrent call) left unfinished, if any. */
export async function findUnfinishedRescreening(db: Executor, fingerprint: string): Promise<DpcRescreeningRow | null> {
  const [open] = await db.select().from(dpcRescreenings).where(and(eq(dpcRescreenings.lexiconFingerprint, fingerprint), isNull(dpcRescreenings.finishedAt)));
  return open ?? null;
}

export interface NewMatch {
  actionId: string;
  previousPriority: DpcPriority;
  previousScore: number;
}

/** Records the actions a batch newly flagged and adds the batch to the run's counts. */
export async function recordBatch(tx: Executor, rescreeningId: string, rescreened: number, matches: readonly NewMatch[]): Promise<void> {
  if (matches.length > 0) {
    await tx.execute(sql`
      INSERT INTO dpc_rescreen_matches (rescreening_id, action_id, previous_priority, previous_score)
      SELECT ${rescreeningId}::uuid, m.action_id, m.previous_priority, m.previous_score
      FROM unnest(${sql.param(matches.map((m) => m.actionId))}::uuid[], ${sql.param(matches.map((m) => m.previousPriority))}::text[],
                  ${sql.param(matches.map((m) => m.previousScore))}::smallint[]) AS m(action_id, previous_priority, previous_score)
      ON CONFLICT DO NOTHING`);
  }
  await tx
    .update(dpcRescreenings)
    .set({ rescreened: sql`${dpcRescreenings.rescreened} + ${rescreened}`, newlyMatching: sql`${dpcRescreenings.newlyMatching} + ${matches.length}` })
    .where(eq(dpcRescreenings.id, rescreeningId));
}

export async function finishRescreening(tx: Executor, rescreeningId: string, finishedAt: Date): Promise<DpcRescreeningRow> {
  const [row] = await tx
    .update(dpcRescreenings)
    .set({ finishedAt: sql`coalesce(${dpcRescreenings.finishedAt}, ${finishedAt.toISOString()}::timestamptz)` })
    .where(eq(dpcRescreenings.id, rescreeningId))
    .returning();
  return row!;
}

/** The last finished run for this lexicon, if any. */
export async function lastRescreening(db: Executor, fingerprint: string): Promise<DpcRescreeningRow | null> {
  const [row] = await db
    .select()
    .from(dpcRescreenings)
    .where(and(eq(dpcRescreenings.lexiconFingerprint, fingerprint), isNotNull(dpcRescreenings.finishedAt)))
    .orderBy(desc(dpcRescreenings.finishedAt))
    .limit(1);
  return row ?? null;
}

export async function latestRescreenings(db: Executor, limit: number): Promise<DpcRescreeningRow[]> {
  return db.select().from(dpcRescreenings).orderBy(desc(dpcRescreenings.startedAt)).limit(limit);
}

export async function findRescreening(db: Executor, id: string): Promise<DpcRescreeningRow | null> {
  const [row] = await db.select().from(dpcRescreenings).where(eq(dpcRescreenings.id, id));
  return row ?? null;
}
