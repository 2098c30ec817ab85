import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';

// The public form's catalogue suggestions. Not the catalogue search (dpc-search.repo.ts): that one
// matches the programme too and orders by screening priority, which a public list must not reveal.

export interface SuggestionRow {
  id: string;
  reference: string;
  title: string;
  organisationName: string;
}

/**
 * Actions whose reference, title or organisation name holds every folded word (registry_fold, the SQL
 * twin of foldForSearch), by title then reference: no programme, no screening read.
 */
export async function findSuggestions(db: Executor, words: readonly string[], limit: number): Promise<SuggestionRow[]> {
  const haystack = sql`registry_fold(a.reference || ' ' || a.title || ' ' || o.name)`;
  const where = words.map((word) => sql`${haystack} LIKE ${`%${word}%`}`);
  return rows<SuggestionRow>(db, sql`
    SELECT a.id, a.reference, a.title, o.name AS "organisationName"
    FROM dpc_actions a JOIN dpc_organisations o ON o.id = a.organisation_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.title, a.reference
    LIMIT ${limit}`);
}
