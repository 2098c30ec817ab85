import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * Runs a raw SQL query and returns its rows typed as the caller's `T`. Drizzle types `execute()` by the
 * driver, which for a database that may be PGlite or node-postgres is `unknown`; this is the one place
 * that says both drivers answer `{ rows }`. `T` states the SELECT list: keep them side by side.
 */
export async function rows<T extends object>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as { rows?: T[] };
  return result.rows ?? [];
}
