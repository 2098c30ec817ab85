import { and, asc, desc, eq, gte, lte, not, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { doctors, type DoctorStatus } from '../../platform/db/schema.js';

// Expressions written exactly as in the indexes of migration 0004, so the planner uses them.
const nameKey = sql`${doctors.searchText} COLLATE "C"`;
const cityKey = sql`registry_fold(${doctors.proCity}) COLLATE "C"`;
/** Matches the GIN index; costly per row by design (migration 0004), so only in index conditions. */
const indexedWords = sql`registry_words(${doctors.searchText})`;
/** The same words, cheap to compute on rows already found. */
const recordWords = sql`string_to_array(${doctors.searchText}, ' ')`;
/** Sorts after every character a folded text may hold ([a-z0-9 ]): `key < prefix + END` bounds a prefix. */
const AFTER_FOLDED = '~';

/** What a search is narrowed to, besides the name. Folded values (see search-text.ts). */
export interface SearchFilters {
  departement: string | null;
  status?: DoctorStatus;
  /** 1 to 11 digits: exact number, or the numbers starting with them. */
  rpps?: string;
  /** Folded city name or its beginning. */
  cityPrefix?: string;
}

/** A query word and the words of the register that resemble it, with their similarity (0–1). */
export interface NameTerm {
  word: string;
  similar: { word: string; similarity: number }[];
}

/** Only what a result line shows: no contact details. */
const summaryColumns = {
  id: doctors.id,
  rpps: doctors.rpps,
  birthName: doctors.birthName,
  usageName: doctors.usageName,
  firstNames: doctors.firstNames,
  specialty: doctors.specialty,
  departement: doctors.departement,
  status: doctors.status,
  proCity: doctors.proCity,
  frozenAt: doctors.frozenAt,
};
export type DoctorSummaryRow = { [K in keyof typeof summaryColumns]: (typeof doctors.$inferSelect)[K] };

function textArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
}

/**
 * Every condition joined by AND, or TRUE when there is none: a national account searching with no
 * filter has no condition at all, and an empty `WHERE` is a syntax error.
 */
function allOf(where: readonly SQL[]): SQL {
  return and(...where) ?? sql`TRUE`;
}

export function filterConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.departement !== null) conditions.push(eq(doctors.departement, filters.departement));
  if (filters.status) conditions.push(eq(doctors.status, filters.status));
  if (filters.rpps) {
    // Every RPPS has 11 digits, so a prefix is a range of the unique index, in any collation.
    const { rpps } = filters;
    conditions.push(rpps.length === 11 ? eq(doctors.rpps, rpps) : and(gte(doctors.rpps, rpps.padEnd(11, '0')), lte(doctors.rpps, rpps.padEnd(11, '9')))!);
  }
  if (filters.cityPrefix) conditions.push(sql`${cityKey} >= ${filters.cityPrefix} AND ${cityKey} < ${filters.cityPrefix + AFTER_FOLDED}`);
  return conditions;
}

/** The order a filter-only search pages in, each matching an index (RPPS, city then name, name). */
export function filterOrder(filters: SearchFilters): SQL[] {
  if (filters.rpps) return [asc(doctors.rpps)];
  if (filters.cityPrefix) return [sql`${cityKey}`, sql`${nameKey}`, asc(doctors.id)];
  return [sql`${nameKey}`, asc(doctors.id)];
}

/** Records whose search text starts with a (short, folded) prefix: « du » → Dubois, Dupont… */
export function startsWithCondition(prefix: string): SQL {
  return sql`${nameKey} >= ${prefix} AND ${nameKey} < ${prefix + AFTER_FOLDED}`;
}

/** Counts matches, stopping at `upTo`: exact totals of large result sets cost more than they tell. */
export async function countUpTo(db: Executor, where: SQL[], upTo: number): Promise<number> {
  if (upTo <= 0) return 0;
  const inner = db.select({ one: sql`1` }).from(doctors).where(allOf(where)).limit(upTo).as('matches');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(inner);
  return Number(row?.n ?? 0);
}

function cappedCount(where: SQL[], upTo: number): SQL<number> {
  // Uncorrelated: PostgreSQL runs it once, as an InitPlan of the page query.
  return sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM ${doctors} WHERE ${allOf(where)} LIMIT ${upTo}) AS counted)`.mapWith(Number);
}

/**
 * A page of matches and their number (counting stops at `upTo`) in one round trip. The count is lost
 * when the page is empty past the first one; it is then asked for on its own.
 */
export async function findCountedPage(db: Executor, where: SQL[], order: SQL[], offset: number, limit: number, upTo: number): Promise<{ rows: DoctorSummaryRow[]; counted: number }> {
  const found = await db
    .select({ ...summaryColumns, counted: cappedCount(where, upTo) })
    .from(doctors)
    .where(allOf(where))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  if (found.length === 0) return { rows: [], counted: offset === 0 ? 0 : await countUpTo(db, where, upTo) };
  return { rows: found.map(({ counted: _counted, ...row }) => row), counted: found[0]!.counted };
}

/** Similarity given to a word one typing mistake away from the query word: ranks just below exact. */
export const ONE_TYPO_SIMILARITY = 0.9;

/**
 * For each query word, the words of the register that resemble it, best first: those one typing
 * mistake away (`typos`, looked up by primary key), then the most similar by trigrams (or by how well
 * the query word matches part of a longer one, so « dupo » finds « dupont »), at most `perWord` of these.
 */
export async function findSimilarWords(
  db: Executor,
  words: readonly { word: string; typos: readonly string[] }[],
  perWord: number,
  minSimilarity: number,
): Promise<Map<string, NameTerm['similar']>> {
  const typoOf = new Map<string, string[]>();
  for (const { word, typos } of words) for (const t of typos) typoOf.set(t, [...(typoOf.get(t) ?? []), word]);
  const found = await rows<{ query: string | null; word: string; similarity: number }>(db, sql`
    SELECT q.w AS query, c.word, c.similarity
    FROM unnest(${textArray(words.map((w) => w.word))}) AS q(w)
    CROSS JOIN LATERAL (
      SELECT word, least(greatest(similarity(word, q.w), word_similarity(q.w, word) * 0.9), 0.89)::float8 AS similarity
      FROM registry_search_words
      WHERE word % q.w
      ORDER BY 2 DESC, 1
      LIMIT ${perWord}
    ) AS c
    WHERE c.similarity >= ${minSimilarity}
    UNION ALL
    SELECT NULL, found.word, ${ONE_TYPO_SIMILARITY}::float8
    FROM unnest(${sql.param([...typoOf.keys()])}::text[]) AS v(word)
    -- One primary-key probe per variant (LIMIT keeps the planner from turning it into a scan).
    CROSS JOIN LATERAL (SELECT w.word FROM registry_search_words AS w WHERE w.word = v.word LIMIT 1) AS found`);
  const byWord = new Map<string, Map<string, number>>(words.map((w) => [w.word, new Map()]));
  for (const row of found) {
    for (const query of row.query === null ? (typoOf.get(row.word) ?? []) : [row.query]) {
      const similar = byWord.get(query)!;
      similar.set(row.word, Math.max(similar.get(row.word) ?? 0, Number(row.similarity)));
    }
  }
  return new Map([...byWord].map(([w, similar]) => [w, [...similar].map(([word, similarity]) => ({ word, similarity })).sort((a, b) => b.similarity - a.similarity)]));
}

/** Records holding every query word as it was typed. */
export function exactWordsCondition(terms: readonly NameTerm[]): SQL {
  return sql`${indexedWords} @> ${textArray(terms.map((t) => t.word))}`;
}

/** Records holding, for every query word, one of its similar words, but not all the exact ones. */
export function similarWordsConditions(terms: readonly NameTerm[]): SQL[] {
  return [
    ...terms.map((t) => sql`${indexedWords} && ${textArray([t.word, ...t.similar.map((s) => s.word)])}`),
    not(sql`${recordWords} @> ${textArray(terms.map((t) => t.word))}`),
  ];
}

/**
 * Ranks a record by how close its words are to the query's: per query word, the similarity tenth of
 * the best word it holds (10 = exact), summed. Array overlaps per tenth are cheap; a similarity
 * function per record and word is not.
 */
export function similarityRank(terms: readonly NameTerm[]): SQL {
  const perTerm = terms.map((t) => {
    const tiers = new Map<number, string[]>([[10, [t.word]]]);
    for (const s of t.similar) {
      const tier = Math.min(10, Math.floor(s.similarity * 10));
      tiers.set(tier, [...(tiers.get(tier) ?? []), s.word]);
    }
    const branches = [...tiers.entries()].sort((a, b) => b[0] - a[0]).map(([tier, words]) => sql`WHEN ${recordWords} && ${textArray(words)} THEN ${sql.raw(String(tier))}`);
    return sql`(CASE ${sql.join(branches, sql` `)} ELSE 0 END)`;
  });
  return sql.join(perTerm, sql` + `);
}

export function rankedOrder(terms: readonly NameTerm[]): SQL[] {
  return [desc(similarityRank(terms)), sql`${nameKey}`, asc(doctors.id)];
}

export function nameOrder(): SQL[] {
  return [sql`${nameKey}`, asc(doctors.id)];
}
