import type { SQL } from 'drizzle-orm';
import type { TRegistrySearchQuery } from '../../../contracts/registry.schemas.js';
import { SEARCH_COUNT_CAP, SEARCH_PAGE_SIZE, type TRegistrySearchPage } from '../../../contracts/registry-search-import.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { oneTypoAway } from './search-text.js';
import * as repo from './registry-search.repo.js';

/** Query words compared by similarity; shorter ones must match exactly (« de », « le »). */
const MIN_FUZZY_LENGTH = 3;
const MAX_QUERY_WORDS = 6;
const SIMILAR_WORDS_PER_QUERY_WORD = 20;
/** Below this trigram similarity, a word is not a variant of the query word any more. */
const MIN_SIMILARITY = 0.4;
/** Shorter words have too many neighbours one typing mistake away (« roy »: « rot », « ray », « rey »…). */
const MIN_TYPO_LENGTH = 4;

/** « DUPONT Marie (naissance : MARTIN) »: the usage name first, the birth name when it differs. */
export function doctorDisplayName(d: Pick<repo.DoctorSummaryRow, 'birthName' | 'usageName' | 'firstNames'>): string {
  const usage = d.usageName && d.usageName !== d.birthName ? d.usageName : null;
  const name = `${(usage ?? d.birthName).toLocaleUpperCase('fr-FR')} ${d.firstNames}`;
  return usage ? `${name} (naissance : ${d.birthName.toLocaleUpperCase('fr-FR')})` : name;
}

function toSummary(row: repo.DoctorSummaryRow): TRegistrySearchPage['items'][number] {
  return {
    id: row.id,
    rpps: row.rpps,
    displayName: doctorDisplayName(row),
    specialty: row.specialty,
    departement: row.departement,
    status: row.status,
    proCity: row.proCity,
    frozen: row.frozenAt !== null,
  };
}

function emptyPage(page: number): TRegistrySearchPage {
  return { items: [], total: 0, totalCapped: false, page, pageSize: SEARCH_PAGE_SIZE };
}

/**
 * Searches the register by name (accent- and typo-tolerant), RPPS (exact or beginning), city, status
 * and département, 25 results a page, with the total counted up to SEARCH_COUNT_CAP. A departmental
 * account only ever sees its own département (asking for another yields nothing, not an error).
 * Results carry no contact details; reading a full record is a separate, audited operation.
 */
export async function searchDoctors(deps: Pick<ServiceDeps, 'database'>, actor: Actor, query: TRegistrySearchQuery): Promise<TRegistrySearchPage> {
  if (actor.departement !== null && query.departement !== undefined && query.departement !== actor.departement) return emptyPage(query.page);
  const folded = foldForSearch(query.q ?? '');
  // A number typed in the name box is an RPPS.
  const rppsInQ = /^[0-9 ]+$/.test(folded) ? folded.replace(/ /g, '') : undefined;
  if (rppsInQ !== undefined && (rppsInQ.length > 11 || (query.rpps !== undefined && query.rpps !== rppsInQ))) return emptyPage(query.page);
  const filters: repo.SearchFilters = {
    departement: actor.departement ?? query.departement ?? null,
    status: query.status,
    rpps: query.rpps ?? rppsInQ,
    cityPrefix: foldForSearch(query.city ?? '') || undefined,
  };
  const words = rppsInQ === undefined ? [...new Set(folded.split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS) : [];
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;
  const db = deps.database.db;
  const base = repo.filterConditions(filters);

  let found: { rows: repo.DoctorSummaryRow[]; counted: number };
  if (words.length === 0) {
    found = await repo.findCountedPage(db, base, repo.filterOrder(filters), offset, SEARCH_PAGE_SIZE, SEARCH_COUNT_CAP + 1);
  } else if (words.length === 1 && words[0]!.length < MIN_FUZZY_LENGTH) {
    found = await repo.findCountedPage(db, [...base, repo.startsWithCondition(words[0]!)], repo.nameOrder(), offset, SEARCH_PAGE_SIZE, SEARCH_COUNT_CAP + 1);
  } else {
    found = await searchByName(db, base, words, offset);
  }
  const { rows, counted } = found;
  return {
    items: rows.map(toSummary),
    total: Math.min(counted, SEARCH_COUNT_CAP),
    totalCapped: counted > SEARCH_COUNT_CAP,
    page: query.page,
    pageSize: SEARCH_PAGE_SIZE,
  };
}

/**
 * Records holding every query word exactly come first, in name order (cheap even for « Martin »: no
 * ranking needed); then records holding similar words, best match first. The second group is only
 * counted when the first fills the page.
 */
async function searchByName(db: Executor, base: SQL[], words: string[], offset: number): Promise<{ rows: repo.DoctorSummaryRow[]; counted: number }> {
  const fuzzyWords = words.filter((w) => w.length >= MIN_FUZZY_LENGTH);
  const lookups = fuzzyWords.map((word) => ({ word, typos: word.length >= MIN_TYPO_LENGTH ? oneTypoAway(word) : [] }));
  const similarWords = lookups.length ? await repo.findSimilarWords(db, lookups, SIMILAR_WORDS_PER_QUERY_WORD, MIN_SIMILARITY) : new Map<string, repo.NameTerm['similar']>();
  const terms: repo.NameTerm[] = words.map((word) => ({ word, similar: (similarWords.get(word) ?? []).filter((s) => s.word !== word) }));

  const exactWhere = [...base, repo.exactWordsCondition(terms)];
  const exact = await repo.findCountedPage(db, exactWhere, repo.nameOrder(), offset, SEARCH_PAGE_SIZE, SEARCH_COUNT_CAP + 1);
  if (exact.counted > SEARCH_COUNT_CAP || terms.every((t) => t.similar.length === 0)) return exact;

  // Records with similar words come after the exact ones, on the pages that follow them.
  const similarWhere = [...base, ...repo.similarWordsConditions(terms)];
  const upTo = SEARCH_COUNT_CAP + 1 - exact.counted;
  const missing = SEARCH_PAGE_SIZE - exact.rows.length;
  if (missing === 0) return { rows: exact.rows, counted: exact.counted + (await repo.countUpTo(db, similarWhere, upTo)) };
  const similar = await repo.findCountedPage(db, similarWhere, repo.rankedOrder(terms), Math.max(0, offset - exact.counted), missing, upTo);
  return { rows: [...exact.rows, ...similar.rows], counted: exact.counted + similar.counted };
}
