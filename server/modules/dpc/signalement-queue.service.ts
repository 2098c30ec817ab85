import { DPC_SIGNALEMENT_STATUSES, type DpcSignalementStatus } from '../../../contracts/dpc-signalements.schemas.js';
import { DPC_QUEUE_PAGE_SIZE, type TDpcQueuePage, type TDpcQueueQuery, type TDpcReviewerList } from '../../../contracts/dpc-workflow.schemas.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { signalementScope } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';

/**
 * The signalements the actor may see (an agent's queue, or a reviewer's designated signalements): the
 * new ones first by priority, then the newest. Lines never carry the reporter, nor the facts.
 */
export async function listSignalements(deps: Pick<ServiceDeps, 'database'>, actor: Actor, query: TDpcQueueQuery): Promise<TDpcQueuePage> {
  const db = deps.database.db;
  const scope = signalementScope(actor);
  const { items, total } = await repo.listQueue(db, { scope, status: query.status, kind: query.kind, priority: query.priority }, DPC_QUEUE_PAGE_SIZE, (query.page - 1) * DPC_QUEUE_PAGE_SIZE);
  const counts = Object.fromEntries(DPC_SIGNALEMENT_STATUSES.map((s) => [s, 0])) as Record<DpcSignalementStatus, number>;
  for (const row of await repo.countByStatus(db, scope)) counts[row.status] = Number(row.n);
  return {
    items: items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    page: query.page,
    pageSize: DPC_QUEUE_PAGE_SIZE,
    counts,
  };
}

/** The expert reviewers a signalement may be designated to: active `relecteur_dpc` accounts. */
export async function listReviewers(deps: Pick<ServiceDeps, 'database'>): Promise<TDpcReviewerList> {
  return { items: await repo.activeReviewers(deps.database.db) };
}
