import { DPC_RESCREENINGS_LISTED, DPC_SEARCH_PAGE_SIZE, type TDpcRescreening, type TDpcRescreenMatchesPage } from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as screenings from './dpc-screenings.repo.js';
import * as search from './dpc-search.repo.js';
import { toRescreening } from './dpc-rescreen.service.js';
import { toActionSummary } from './dpc-search.service.js';

/**
 * The actions a rescreening newly flagged, highest priority first, 25 a page, each with the priority
 * and score it had before. Throws NOT_FOUND for an unknown run.
 */
export async function listRescreenMatches(deps: Pick<ServiceDeps, 'database'>, rescreeningId: string, page: number): Promise<TDpcRescreenMatchesPage> {
  const db = deps.database.db;
  const run = await screenings.findRescreening(db, rescreeningId);
  if (!run) throw new AppError('NOT_FOUND');
  const found = await search.findRescreenMatches(db, rescreeningId, (page - 1) * DPC_SEARCH_PAGE_SIZE, DPC_SEARCH_PAGE_SIZE);
  return {
    rescreening: toRescreening(run, run.rescreened === 0),
    items: found.rows.map((row) => ({ action: toActionSummary(row), previousPriority: row.previousPriority, previousScore: row.previousScore })),
    total: found.total,
    page,
    pageSize: DPC_SEARCH_PAGE_SIZE,
  };
}

/** The latest rescreen runs, newest first, so an agent can open what each one flagged. */
export async function listRescreenings(deps: Pick<ServiceDeps, 'database'>): Promise<{ items: TDpcRescreening[] }> {
  const runs = await screenings.latestRescreenings(deps.database.db, DPC_RESCREENINGS_LISTED);
  return { items: runs.map((run) => toRescreening(run, run.rescreened === 0)) };
}
