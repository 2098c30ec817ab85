import type { TDashboardQuery, TDashboardStats } from '../../../contracts/dashboard.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/authz/policy.js';
import * as repo from './dashboard.repo.js';
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
  const byChannel = await repo.countPerWeek(db, scope, 'channel');
  const byFamily = await repo.countPerWeek(db, scope, 'scam_family');
  const byDepartement = await repo.countPerWeek(db, scope, 'departement');
  const topCampaigns = await repo.topCampaigns(db, scope, TOP_CAMPAIGNS);
  const qualification = await repo.qualificationDelay(db, scope);
  const byStatus = await repo.countByStatus(db, scope);
  return {
    from: period.from,
    to: period.to,
    departement: scope.departement,
    weeks: period.weeks,
    totalReports: byChannel.reduce((sum, r) => sum + Number(r.count), 0),
    byChannel: byChannel.map((r) => ({ week: r.week, key: r.key, count: Number(r.count) })),
    byFamily: byFamily.map((r) => ({ week: r.week, key: r.key, count: Number(r.count) })),
    byDepartement: byDepartement.map((r) => ({ week: r.week, key: r.key, count: Number(r.count) })),
    topCampaigns: topCampaigns.map((c) => ({ ...c, reports: Number(c.reports) })),
    qualification,
    byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
  };
}
