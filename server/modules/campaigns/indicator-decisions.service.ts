import { randomUUID } from 'node:crypto';
import type { THeldIndicator, TIndicatorDecision, TIndicatorView } from '../../../contracts/campaigns.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import type { IndicatorStatus } from '../../platform/db/schema-reports.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as indicators from '../indicators/index.js';
import { buildCampaignLabel, displayValue, strongestIndicator } from './campaign-label.js';
import { distinctDepartements, indicatorAccess, SHARED_INDICATOR_REASON } from './campaigns.policy.js';
import { inTransactionUnlessShared, SharedRefusal } from './shared-refusal.js';
import { linkingIndicatorsOf, recountCampaigns } from './campaigns.repo.js';
import * as grouping from './grouping.repo.js';

// Agents' decisions on indicators: those held by the over-correlation guard (approve, common value,
// false positive) and a false positive spotted anywhere. Départemental agents see indicators their
// département reported (others answer 404) and decide only on those whose whole reach — reports
// carrying it, campaigns holding it — is of their département (campaigns.policy.ts); a shared one is
// decided by a national agent (403 CAMPAIGN_SHARED, audited).

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function toView(i: indicators.IndicatorRecord): TIndicatorView {
  return { id: i.id, kind: i.kind, value: i.value, status: i.status, sightings: Number(i.sightings), decidedAt: iso(i.decided_at) };
}

/** Indicators waiting for a decision, the most over-linking first. */
export async function listHeldIndicators(deps: ServiceDeps, actor: Actor): Promise<{ items: THeldIndicator[]; limit: number; sharedReason: string }> {
  const rows = await indicators.listHeldIndicators(deps.database.db, actor.departement);
  return {
    items: rows.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      display: displayValue(i.kind, i.value),
      status: i.status,
      sightings: Number(i.sightings),
      soloLinks: Number(i.solo_links),
      firstSeenAt: iso(i.first_seen_at)!,
      lastSeenAt: iso(i.last_seen_at)!,
      campaigns: i.campaigns ?? [],
      canDecide: indicatorAccess(actor, i.reach ?? []) === 'change',
    })),
    sharedReason: SHARED_INDICATOR_REASON,
    limit: deps.config.campaignLinkLimit,
  };
}

async function lockIndicator(tx: Executor, actor: Actor, id: string, operation: string): Promise<indicators.IndicatorRecord> {
  await grouping.lockGrouping(tx);
  const indicator = await indicators.findIndicatorInScope(tx, id, actor.departement, true);
  if (!indicator) throw new AppError('NOT_FOUND');
  const reach = await indicators.indicatorReachDepartements(tx, indicator);
  const access = indicatorAccess(actor, reach);
  if (access === 'hidden') throw new AppError('NOT_FOUND');
  if (access === 'read') throw new SharedRefusal('indicator', id, operation, distinctDepartements(reach));
  return indicator;
}

/** One decision in a transaction; an indicator shared with another département is refused, audited, answered 403. */
const decide = <T>(deps: ServiceDeps, ctx: AuditContext, work: (tx: Executor) => Promise<T>): Promise<T> =>
  inTransactionUnlessShared(deps, ctx, SHARED_INDICATOR_REASON, work);

const STATUS_OF_DECISION: Record<TIndicatorDecision['decision'], IndicatorStatus> = { approuver: 'approuve', commun: 'commun', faux_positif: 'faux_positif' };

/**
 * Decides on a held indicator. Approved, it links again, and at once: the reports carrying it are
 * grouped together (into the oldest of their campaigns, merging the others unless an agent shaped
 * them by hand). Common or false positive, it never links again; a false positive no longer flags
 * anything either. Throws NOT_FOUND, CAMPAIGN_SHARED (reach beyond the agent's département),
 * INVALID_STATE when the indicator is not held.
 */
export async function decideHeldIndicator(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TIndicatorDecision): Promise<TIndicatorView> {
  return decide(deps, ctx, async (tx) => {
    const indicator = await lockIndicator(tx, actor, id, `decide_${input.decision}`);
    if (indicator.status !== 'en_attente') throw new AppError('INVALID_STATE', undefined, 'Cet indicateur n’attend plus de décision.');
    const status = STATUS_OF_DECISION[input.decision];
    await indicators.decideIndicator(tx, id, status, actor.userId);
    if (status === 'faux_positif') await indicators.markPublishedFalsePositive(tx, indicator.kind, indicator.value);
    const linked = status === 'approuve' ? await linkCarriers(tx, ctx, indicator) : null;
    await recordAudit(tx, ctx, {
      action: 'campaigns.indicator.decided',
      entityType: 'indicator',
      entityId: id,
      reason: input.reason ?? null,
      details: { kind: indicator.kind, value: indicator.value, decision: input.decision, status, ...(linked ? { campaignId: linked } : {}) },
    });
    return toView((await indicators.findIndicatorInScope(tx, id, null))!);
  });
}

/**
 * Marks an indicator false positive: it never links nor flags again (published value included).
 * Throws NOT_FOUND, CAMPAIGN_SHARED, INVALID_STATE (already).
 */
export async function markFalsePositive(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TIndicatorView> {
  return decide(deps, ctx, async (tx) => {
    const indicator = await lockIndicator(tx, actor, id, 'mark_false_positive');
    if (indicator.status === 'faux_positif') throw new AppError('INVALID_STATE', undefined, 'Cet indicateur est déjà marqué faux positif.');
    await indicators.decideIndicator(tx, id, 'faux_positif', actor.userId);
    await indicators.markPublishedFalsePositive(tx, indicator.kind, indicator.value);
    await recordAudit(tx, ctx, {
      action: 'campaigns.indicator.marked_false_positive',
      entityType: 'indicator',
      entityId: id,
      details: { kind: indicator.kind, value: indicator.value, previousStatus: indicator.status },
    });
    return toView((await indicators.findIndicatorInScope(tx, id, null))!);
  });
}

/** Groups the reports carrying an approved indicator; returns the campaign holding them, if any. */
async function linkCarriers(tx: Executor, ctx: AuditContext, indicator: indicators.IndicatorRecord): Promise<string | null> {
  const carriers = await indicators.findCarriers(tx, indicator.kind, indicator.value);
  const lone = carriers.filter((r) => r.campaign_id === null).map((r) => r.id);
  const campaigns = (await grouping.lockCampaigns(tx, [...new Set(carriers.flatMap((r) => (r.campaign_id ? [r.campaign_id] : [])))]))
    .sort((a, b) => Number(a.has_pinned) - Number(b.has_pinned) || new Date(a.since).getTime() - new Date(b.since).getTime() || (a.id < b.id ? -1 : 1));
  if (campaigns.length === 0) {
    if (lone.length < 2) return null;
    const [reference] = await grouping.nextCampaignReferences(tx, 1, new Date().getUTCFullYear());
    const families = carriers.map((r) => r.scam_family).filter((f): f is string => f !== null);
    const family = families.sort((a, b) => families.filter((f) => f === b).length - families.filter((f) => f === a).length)[0] ?? null;
    const label = buildCampaignLabel(family, strongestIndicator(await linkingIndicatorsOf(tx, lone)));
    const id = randomUUID();
    const now = new Date();
    await grouping.insertCampaigns(tx, [{ id, reference: reference!, label, scamFamily: family, reportCount: 0, firstReportAt: now, lastReportAt: now }]);
    await grouping.assignReports(tx, lone.map((reportId) => ({ reportId, campaignId: id })));
    await recountCampaigns(tx, [id]);
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.created', entityType: 'campaign', entityId: id, details: { reference, label, automatic: false, approvedIndicator: indicator.id, reportIds: lone } });
    return id;
  }
  const target = campaigns[0]!;
  const merges = target.has_pinned ? [] : campaigns.slice(1).filter((c) => !c.has_pinned).map((c) => ({ from: c.id, into: target.id }));
  await grouping.mergeCampaigns(tx, merges);
  await grouping.assignReports(tx, lone.map((reportId) => ({ reportId, campaignId: target.id })));
  await recountCampaigns(tx, [target.id]);
  for (const m of merges) {
    const absorbed = campaigns.find((c) => c.id === m.from)!;
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.merged', entityType: 'campaign', entityId: target.id, details: { automatic: false, absorbed: m.from, absorbedReference: absorbed.reference, approvedIndicator: indicator.id } });
  }
  if (lone.length > 0) {
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.reports_grouped', entityType: 'campaign', entityId: target.id, details: { automatic: false, approvedIndicator: indicator.id, reportIds: lone } });
  }
  return target.id;
}
