import type { TDashboardQuery, TDashboardStats } from '../../../contracts/dashboard.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/authz/policy.js';
import * as repo from './dashboard.repo.js';
import * as rollup from './dashboard-rollup.repo.js';
import { resolvePeriod } from './dashboard-period.js';

const TOP_CAMPAIGNS = 10;

/**
 * The dashboard's figures for the actor's scope: a departmental account sees its département (asking
 * for another answers NOT_FOUND), a national one everything or the département it filters on. Aggregate
 * counts only, no personal data: reading them is not audited (see docs/sharing.md).
 * Throws VALIDATION_FAILED (period), NOT_FOUND (département out of scope).
 */
export async function dashboardStats(deps: ServiceDeps, actor: Actor, query: TDashboardQuery, now = new Date()): Promise<TDashboardStats> {
  if (actor.departement !== null && query.departement !== undefined && query.departement !== actor.departement) throw new AppError('NOT_FOUND');
  const period = resolvePeriod(query, now);
  const scope: repo.Scope = { from: period.from, to: period.to, departement: actor.departement ?? query.departement ?? null };
  const db = deps.database.db;
  // The whole country reads its counts from the daily rollup; a département's few thousand reports are
  // read directly. Three independent reads: on the PostgreSQL server they run side by side on the pool.
  const national = scope.departement === null;
  const [counts, topCampaigns, qualification] = await Promise.all([
    national ? rollup.countPeriodFromRollup(db, scope) : repo.countPeriod(db, scope),
    national ? rollup.topCampaignsFromRollup(db, scope, TOP_CAMPAIGNS) : repo.topCampaigns(db, scope, TOP_CAMPAIGNS),
    repo.qualificationDelay(db, scope),
  ]);
  const { channel: byChannel, scam_family: byFamily, departement: byDepartement } = counts.perWeek;
  return {
    from: period.from,
    to: period.to,
    departement: scope.departement,
    weeks: period.weeks,
    totalReports: byChannel.reduce((sum, r) => sum + r.count, 0),
    byChannel,
    byFamily,
    byDepartement,
    topCampaigns: topCampaigns.map((c) => ({ ...c, reports: Number(c.reports) })),
    qualification,
    byStatus: counts.byStatus,
  };
}
