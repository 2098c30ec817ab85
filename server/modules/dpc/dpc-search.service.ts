import { DPC_SEARCH_PAGE_SIZE, type TDpcActionPage, type TDpcActionSearchQuery, type TDpcActionSummary } from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { foldForSearch } from '../../platform/text/fold.js';
import * as repo from './dpc-search.repo.js';

const MAX_QUERY_WORDS = 8;

export function toActionSummary(row: repo.ActionSummaryRow): TDpcActionSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    organisation: { registrationNumber: row.registrationNumber, name: row.organisationName },
    orientation: row.orientation,
    format: row.format,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    screening: {
      lexiconVersion: row.lexiconVersion,
      score: row.score,
      priority: row.priority,
      markers: row.markers,
      // Read in raw SQL: both drivers parse timestamptz to a Date today; text would read the same.
      screenedAt: new Date(row.screenedAt).toISOString(),
    },
  };
}

/**
 * Searches the DPC catalogue: every word of `q` (accents and case ignored) in the action's reference,
 * title, orientation or programme; narrowed to one organisation (registration number) and one
 * priority; highest priority first, 25 a page. The catalogue is national: every agent sees all of it.
 */
export async function searchDpcActions(deps: Pick<ServiceDeps, 'database'>, query: TDpcActionSearchQuery): Promise<TDpcActionPage> {
  const words = [...new Set(foldForSearch(query.q ?? '').split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
  const filters: repo.CatalogueFilters = { words, registrationNumber: query.organisation, priority: query.priority };
  const found = await repo.searchActions(deps.database.db, filters, (query.page - 1) * DPC_SEARCH_PAGE_SIZE, DPC_SEARCH_PAGE_SIZE);
  return { items: found.rows.map(toActionSummary), total: found.total, page: query.page, pageSize: DPC_SEARCH_PAGE_SIZE };
}
