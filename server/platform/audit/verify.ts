import type { Database } from '../db/client.js';

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; problem: 'hash_mismatch' | 'link_mismatch' };
}

const BATCH = 5_000;
const GENESIS = '0'.repeat(64);

/**
 * Walks the audit log in id order and recomputes each entry's hash: an edited entry breaks its own
 * hash, a deleted or inserted one breaks the next entry's link. Reports the first broken entry.
 */
export async function verifyAuditChain(database: Database): Promise<ChainVerification> {
  let previousHash = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const { rows } = await database.raw.query<{ id: string; prev_hash: string; hash: string; expected: string }>(
      'SELECT id, prev_hash, hash, audit_entry_hash(a) AS expected FROM audit_log a WHERE id > $1 ORDER BY id LIMIT $2',
      [afterId, BATCH],
    );
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prev_hash !== previousHash) return { ok: false, checked, firstBroken: { id, problem: 'link_mismatch' } };
      if (row.hash !== row.expected) return { ok: false, checked, firstBroken: { id, problem: 'hash_mismatch' } };
      previousHash = row.hash;
      afterId = id;
      checked += 1;
    }
    if (rows.length < BATCH) return { ok: true, checked };
  }
}
