import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';

/** The active account holding this address (addresses are stored lower-case), or null. */
export async function findActiveUserByEmail(db: Executor, email: string): Promise<{ id: string; departement: string | null; email: string } | null> {
  const [row] = await db
    .select({ id: users.id, departement: users.departement, email: users.email })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.status, 'active')))
    .limit(1);
  return row ?? null;
}

// The same fixed-window upsert as the HTTP rate limiter (rate_limits is shared, keys are prefixed), so
// every instance of the listener counts the same connections.
const INCREMENT = `
INSERT INTO rate_limits AS r (key, hits, reset_at)
VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
  reset_at = CASE WHEN r.reset_at <= now() THEN now() + make_interval(secs => $2::double precision / 1000) ELSE r.reset_at END
RETURNING hits`;

/** Counts one more connection from this client in the current window; returns the count so far. */
export async function countIntakeConnection(database: Database, clientIp: string, windowMs: number): Promise<number> {
  const { rows } = await database.raw.query<{ hits: number }>(INCREMENT, [`intake:${clientIp}`, windowMs]);
  return Number(rows[0]?.hits ?? 1);
}
