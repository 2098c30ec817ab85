import type { Database, RawExecutor } from '../../platform/db/client.js';
import type { DeliveryStatus } from '../../platform/db/schema-reports.js';

// The broadcast's hot path, in plain SQL on the raw executor: one row per recipient, claimed under a
// lease, fenced by its attempt number (a worker whose lease was taken over can no longer commit it).

/**
 * Rows still held by these claims ($1 ids, $2 attempt numbers): claimed ('envoi') with the same attempt
 * number. `id = ANY` keeps the plan on the primary key whatever the table statistics say.
 */
const HELD_BY_CLAIMS = `d.id = ANY($1::bigint[]) AND d.status = 'envoi'
          AND (d.id, d.attempts) IN (SELECT * FROM unnest($1::bigint[], $2::int[]))`;

export interface ClaimedDelivery {
  id: string;
  email: string;
  /** The attempt number this claim holds: the fence for every later write on the row. */
  attempts: number;
  /** The doctor's name in the register, for the salutation (null: « Docteur, »). */
  name: string | null;
}

/**
 * Claims up to `limit` deliveries of an alert still broadcasting, in id order after `afterId`: the
 * pending ones whose retry time has come and those whose worker's lease expired.
 */
export async function claimDeliveries(db: RawExecutor, alertId: string, afterId: string, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  // `id = ANY(ARRAY(…))` and a literal LIMIT keep the plan on the indexes even with a generic plan.
  const batch = Math.max(1, Math.min(10_000, Math.floor(limit)));
  const { rows } = await db.query<{ id: string | number; email: string; attempts: number; name: string | null }>(
    `WITH claimed AS (
     UPDATE alert_deliveries SET status = 'envoi', lease_until = now() + make_interval(secs => $3::int), attempts = attempts + 1
      WHERE id = ANY (ARRAY(
        SELECT d.id FROM alert_deliveries d
         WHERE d.alert_id = $1 AND d.id > $2::bigint
           AND d.status IN ('a_envoyer', 'envoi') AND (d.lease_until IS NULL OR d.lease_until < now())
           AND EXISTS (SELECT 1 FROM alerts a WHERE a.id = $1 AND a.status = 'en_diffusion')
         ORDER BY d.id
         LIMIT ${batch}
         FOR UPDATE SKIP LOCKED))
      RETURNING id, email, attempts, doctor_id)
     -- The name the salutation uses: the register's name of use, else the birth name.
     SELECT c.id, c.email, c.attempts, coalesce(doc.usage_name, doc.birth_name) AS name
       FROM claimed c LEFT JOIN doctors doc ON doc.id = c.doctor_id`,
    [alertId, afterId, leaseSeconds],
  );
  return rows
    .map((r) => ({ id: String(r.id), email: r.email, attempts: Number(r.attempts), name: r.name }))
    .sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Fresh planner statistics once an approval has added its deliveries, so that the broadcast's queries
 * use the indexes from the first message (autovacuum gets there only later; PGlite has none). Through
 * the owner's function (migration 0017): the application role may not ANALYZE a table it does not own.
 */
export async function analyzeDeliveries(db: RawExecutor): Promise<void> {
  await db.query('SELECT analyze_alert_deliveries()');
}

export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Marks claimed deliveries sent, in one committed transaction, before their messages' final dot. Only
 * rows still held by these claims (same attempt number) of an alert still broadcasting are marked;
 * returns their ids, and whether the alert still broadcasts. A dead client cannot commit: the COMMIT is
 * sent only by a live worker.
 */
export async function markSent(database: Database, alertId: string, claims: { id: string; attempts: number }[]): Promise<{ marked: Set<string>; broadcasting: boolean }> {
  const { rows } = await database.rawTransaction((tx) =>
    tx.query<{ broadcasting: boolean | null; ids: (string | number)[] | null }>(
      `WITH alert AS (SELECT status = 'en_diffusion' AS broadcasting FROM alerts WHERE id = $3),
            marked AS (
              UPDATE alert_deliveries d SET status = 'envoye', sent_at = now(), lease_until = NULL, last_error = NULL
               WHERE ${HELD_BY_CLAIMS} AND (SELECT broadcasting FROM alert)
              RETURNING d.id)
       SELECT (SELECT broadcasting FROM alert) AS broadcasting, (SELECT array_agg(id) FROM marked) AS ids`,
      [claims.map((c) => c.id), claims.map((c) => c.attempts), alertId],
    ),
  );
  const row = rows[0];
  return { marked: new Set((row?.ids ?? []).map(String)), broadcasting: row?.broadcasting === true };
}

/**
 * Settles a delivery that was not delivered: back to 'a_envoyer' after `retryInSeconds`, or 'echec'.
 * `from` is the status the claim left it in ('envoi', or 'envoye' when the relay refused after the dot).
 */
export async function settleUndelivered(
  db: RawExecutor,
  claim: { id: string; attempts: number },
  from: DeliveryStatus,
  to: 'a_envoyer' | 'echec',
  error: string,
  retryInSeconds = 0,
): Promise<void> {
  await db.query(
    `UPDATE alert_deliveries SET status = $4, sent_at = NULL, last_error = $5,
            lease_until = CASE WHEN $4 = 'a_envoyer' THEN now() + make_interval(secs => $6::int) ELSE NULL END
      WHERE id = $1::bigint AND status = $2 AND attempts = $3`,
    [claim.id, from, claim.attempts, to, error.slice(0, 500), retryInSeconds],
  );
}

/**
 * Gives claimed deliveries back without counting the attempt (the relay was unreachable, or the worker
 * is stopping). Safe for the fence: the number goes back to the value before this claim, which no other
 * live claim can hold.
 */
export async function releaseDeliveries(db: RawExecutor, claims: { id: string; attempts: number }[], retryInSeconds: number, error: string | null): Promise<void> {
  if (claims.length === 0) return;
  await db.query(
    `UPDATE alert_deliveries d SET status = 'a_envoyer', attempts = d.attempts - 1, last_error = COALESCE($4, d.last_error),
            lease_until = now() + make_interval(secs => $3::int)
      WHERE ${HELD_BY_CLAIMS}`,
    [claims.map((c) => c.id), claims.map((c) => c.attempts), retryInSeconds, error ? error.slice(0, 500) : null],
  );
}

/** Extends the leases this worker still holds (fenced): a lease lapses only when its worker is gone. */
export async function renewLeases(db: RawExecutor, claims: { id: string; attempts: number }[], leaseSeconds: number): Promise<void> {
  if (claims.length === 0) return;
  await db.query(
    `UPDATE alert_deliveries d SET lease_until = now() + make_interval(secs => $3::int)
      WHERE ${HELD_BY_CLAIMS}`,
    [claims.map((c) => c.id), claims.map((c) => c.attempts), leaseSeconds],
  );
}

/** Keeps a note on a delivery whose dot went out but whose answer never came (it stays 'envoye'). */
export async function noteUnconfirmed(db: RawExecutor, claim: { id: string; attempts: number }, error: string): Promise<void> {
  await db.query(`UPDATE alert_deliveries SET last_error = $3 WHERE id = $1::bigint AND status = 'envoye' AND attempts = $2`, [
    claim.id,
    claim.attempts,
    `Remise non confirmée par le relais : ${error}`.slice(0, 500),
  ]);
}

export interface PendingState {
  /** Deliveries not yet settled ('a_envoyer' or 'envoi'). */
  pending: number;
  /** Of those, claimable now. */
  ready: number;
  /** When the next one becomes claimable (lease end or retry time), if none is ready. */
  nextAt: Date | null;
}

export async function pendingState(db: RawExecutor, alertId: string): Promise<PendingState> {
  const { rows } = await db.query<{ pending: number | string; ready: number | string; next_at: Date | string | null }>(
    `SELECT count(*) AS pending,
            count(*) FILTER (WHERE lease_until IS NULL OR lease_until < now()) AS ready,
            min(lease_until) FILTER (WHERE lease_until >= now()) AS next_at
       FROM alert_deliveries WHERE alert_id = $1 AND status IN ('a_envoyer', 'envoi')`,
    [alertId],
  );
  const row = rows[0]!;
  return { pending: Number(row.pending), ready: Number(row.ready), nextAt: row.next_at ? new Date(row.next_at) : null };
}

/**
 * Alerts broadcasting now, except `excluding`, with whether any of their deliveries is pending and
 * claimable. No index holds the status (migration 0029), so each answer reads an alert's rows in id order
 * up to its first pending one: leave out the alerts this process is sending, it knows about them.
 */
export async function broadcastingAlerts(db: RawExecutor, excluding: string[] = []): Promise<{ id: string; pending: boolean; ready: boolean }[]> {
  const { rows } = await db.query<{ id: string; pending: boolean; ready: boolean }>(
    `SELECT a.id,
            EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status IN ('a_envoyer', 'envoi')) AS pending,
            EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.status IN ('a_envoyer', 'envoi')
                     AND (d.lease_until IS NULL OR d.lease_until < now())) AS ready
       FROM alerts a WHERE a.status = 'en_diffusion' AND a.id <> ALL ($1::uuid[])`,
    [excluding],
  );
  return rows;
}

export async function deliveryCounts(db: RawExecutor, alertId: string): Promise<Record<DeliveryStatus, number>> {
  const { rows } = await db.query<{ status: DeliveryStatus; n: number | string }>(
    'SELECT status, count(*) AS n FROM alert_deliveries WHERE alert_id = $1 GROUP BY status',
    [alertId],
  );
  const counts: Record<DeliveryStatus, number> = { a_envoyer: 0, envoi: 0, envoye: 0, echec: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Registers this worker and returns how many workers were alive in the last 30 seconds. */
export async function heartbeatWorker(db: RawExecutor, workerId: string): Promise<number> {
  await db.query(
    `INSERT INTO alert_workers (id, heartbeat_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
    [workerId],
  );
  await db.query(`DELETE FROM alert_workers WHERE heartbeat_at < now() - interval '10 minutes'`);
  const { rows } = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM alert_workers WHERE heartbeat_at > now() - interval '30 seconds'`);
  return Math.max(1, Number(rows[0]?.n ?? 1));
}

export async function removeWorker(db: RawExecutor, workerId: string): Promise<void> {
  await db.query('DELETE FROM alert_workers WHERE id = $1', [workerId]);
}
