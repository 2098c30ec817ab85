import type { TAlertDraft, TAlertView, TAudience, TAudiencePreview, TPublicAlert } from '../../../contracts/alerts.schemas.js';
import { ALERT_STATUSES, DEFAULT_VISIBLE_DAYS } from '../../../contracts/alerts.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { hasPermission, type Actor } from '../../platform/authz/policy.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { ALERT_BROADCAST_QUEUE } from '../../platform/jobs/queues.js';
import type { AlertRow } from '../../platform/db/schema-alerts.js';
import type { AlertStatus } from '../../platform/db/schema-reports.js';
import * as repo from './alerts.repo.js';
import { analyzeDeliveries, deliveryCounts } from './alert-deliveries.repo.js';
import { coversAudience } from './alerts.policy.js';
import { notifyApprovers, notifyDrafter } from './alert-notifications.js';
import { ALERT_TEMPLATE_PLACEHOLDER } from '../../../contracts/alert-templates.js';

const ALERT_INVALID_STATE = "Cette alerte n'est plus dans un état qui permet cette action. Rechargez la page.";
const FOUR_EYES_MESSAGE = "Une alerte doit être approuvée par un autre agent que celui qui l'a rédigée : demandez à un collègue de l'approuver.";
const DRAFTER_ONLY_MESSAGE = "Seul l'agent qui a rédigé ce brouillon peut le modifier ou le soumettre.";
/** Jobs enqueued at approval: a second instance can join the broadcast at once. */
const BROADCAST_JOBS = 2;
const MAX_VISIBLE_DAYS = 366;

const audienceOf = (row: AlertRow) => ({ scope: row.audienceScope, departements: row.audienceDepartements, specialties: row.audienceSpecialties });

/** The instant a Paris calendar day ends (the alert shows through that whole day). */
export function endOfParisDay(date: string): Date {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(next).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(next.getTime() - offsetMinutes * 60_000);
}

function visibleUntilOf(date: string | null): Date | null {
  if (date === null) return null;
  const end = endOfParisDay(date);
  if (end.getTime() <= Date.now()) throw fieldError('visibleUntil', 'La date de fin d’affichage doit être aujourd’hui ou plus tard.');
  if (end.getTime() > Date.now() + MAX_VISIBLE_DAYS * 86_400_000) throw fieldError('visibleUntil', 'Une alerte reste affichée un an au plus.');
  return end;
}

function assertCanTarget(actor: Actor, audience: TAudience): void {
  if (coversAudience(actor, audience)) return;
  throw fieldError(
    audience.scope === 'national' ? 'audience.scope' : 'audience.departements',
    `Un compte départemental ne peut alerter que les médecins de son département (${actor.departement}).`,
  );
}

async function loadScoped(deps: ServiceDeps, actor: Actor, id: string): Promise<AlertRow> {
  const row = await repo.findAlert(deps.database.db, id);
  if (!row || !coversAudience(actor, audienceOf(row))) throw new AppError('NOT_FOUND');
  return row;
}

async function checkCampaign(deps: ServiceDeps, actor: Actor, campaignId: string | null): Promise<void> {
  if (campaignId && !(await repo.findCampaign(deps.database.db, campaignId, actor.departement))) throw fieldError('campaignId', 'Campagne introuvable.');
}

const invalidState = () => new AppError('INVALID_STATE', undefined, ALERT_INVALID_STATE);

/** The alert as an agent reads it, with delivery progress and what the viewer may do now. */
export async function toAlertView(deps: ServiceDeps, actor: Actor, row: AlertRow): Promise<TAlertView> {
  const db = deps.database.db;
  const names = await repo.displayNames(db, [row.draftedBy, ...(row.approvedBy ? [row.approvedBy] : [])]);
  const campaign = row.campaignId ? await repo.findCampaign(db, row.campaignId, actor.departement) : null;
  const counts = await deliveryCounts(deps.database.raw, row.id);
  const undecided = row.status === 'brouillon' || row.status === 'a_approuver';
  const isDrafter = row.draftedBy === actor.userId;
  const mayDecide = hasPermission(actor.role, 'active', 'alert:approve');
  return {
    id: row.id,
    title: row.title,
    situation: row.situation,
    whatToDo: row.whatToDo,
    whatNotToDo: row.whatNotToDo,
    audience: audienceOf(row),
    campaign: campaign ? { id: campaign.id, reference: campaign.reference, label: campaign.label } : null,
    status: row.status,
    draftedBy: { id: row.draftedBy, displayName: names.get(row.draftedBy) ?? '' },
    approvedBy: row.approvedBy ? { id: row.approvedBy, displayName: names.get(row.approvedBy) ?? '' } : null,
    reviewComment: row.reviewComment,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    broadcastFinishedAt: row.broadcastFinishedAt?.toISOString() ?? null,
    visibleUntil: row.visibleUntil?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    recipientsTotal: row.recipientsTotal,
    deliveries: {
      total: counts.a_envoyer + counts.envoi + counts.envoye + counts.echec,
      sent: counts.envoye,
      pending: counts.a_envoyer + counts.envoi,
      failed: counts.echec,
    },
    preview: undecided ? await repo.previewAudience(db, audienceOf(row)) : null,
    can: {
      edit: row.status === 'brouillon' && isDrafter,
      submit: row.status === 'brouillon' && isDrafter,
      approve: row.status === 'a_approuver' && !isDrafter && mayDecide,
      withdraw: row.status !== 'retiree' && mayDecide,
    },
  };
}

/** One alert within the actor's scope. Throws NOT_FOUND (missing or out of scope). */
export async function getAlert(deps: ServiceDeps, actor: Actor, id: string): Promise<TAlertView> {
  return toAlertView(deps, actor, await loadScoped(deps, actor, id));
}

export async function listAlerts(deps: ServiceDeps, actor: Actor, status: AlertStatus | undefined) {
  const rows = await repo.listAlerts(deps.database.db, actor.departement, status ? [status] : [...ALERT_STATUSES]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    audience: { scope: r.audienceScope, departements: r.audienceDepartements, specialties: r.audienceSpecialties },
    draftedBy: { id: r.draftedById, displayName: r.draftedByName },
    createdAt: r.createdAt.toISOString(),
    approvedAt: r.approvedAt?.toISOString() ?? null,
    recipientsTotal: r.recipientsTotal,
    // The second agent's comment stays until approval, resubmitted or not: only a draft is « returned ».
    returned: r.status === 'brouillon' && r.returned,
  }));
}

/** How many doctors an audience reaches now. Throws VALIDATION_FAILED outside the actor's scope. */
export async function previewAudience(deps: ServiceDeps, actor: Actor, audience: TAudience): Promise<TAudiencePreview> {
  assertCanTarget(actor, audience);
  return repo.previewAudience(deps.database.db, audience);
}

/**
 * Records a draft. A departmental agent targets only its own département. Throws VALIDATION_FAILED
 * (audience out of scope, unknown campaign, visibility date).
 */
export async function createDraft(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: TAlertDraft): Promise<AlertRow> {
  assertCanTarget(actor, input.audience);
  await checkCampaign(deps, actor, input.campaignId);
  const visibleUntil = visibleUntilOf(input.visibleUntil);
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.insertAlert(tx, {
      campaignId: input.campaignId,
      title: input.title,
      situation: input.situation,
      whatToDo: input.whatToDo,
      whatNotToDo: input.whatNotToDo,
      audienceScope: input.audience.scope,
      audienceDepartements: input.audience.departements,
      audienceSpecialties: input.audience.specialties,
      visibleUntil,
      draftedBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'alerts.alert.drafted',
      entityType: 'alert',
      entityId: row.id,
      details: { audience: input.audience, campaignId: input.campaignId },
    });
    return row;
  });
}

/** Edits a draft (its drafter only, while brouillon). Throws NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED. */
export async function updateDraft(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TAlertDraft): Promise<AlertRow> {
  const existing = await loadScoped(deps, actor, id);
  if (existing.draftedBy !== actor.userId) throw new AppError('FORBIDDEN', undefined, DRAFTER_ONLY_MESSAGE);
  if (existing.status !== 'brouillon') throw invalidState();
  assertCanTarget(actor, input.audience);
  await checkCampaign(deps, actor, input.campaignId);
  const visibleUntil = visibleUntilOf(input.visibleUntil);
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.lockAlert(tx, id);
    if (!row || row.status !== 'brouillon') throw invalidState();
    const next = {
      campaignId: input.campaignId,
      title: input.title,
      situation: input.situation,
      whatToDo: input.whatToDo,
      whatNotToDo: input.whatNotToDo,
      audienceScope: input.audience.scope,
      audienceDepartements: input.audience.departements,
      audienceSpecialties: input.audience.specialties,
      visibleUntil,
    };
    const changed = Object.entries(next)
      .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(row[key as keyof typeof next]))
      .map(([key]) => key);
    const updated = await repo.updateAlert(tx, id, next);
    await recordAudit(tx, ctx, { action: 'alerts.alert.updated', entityType: 'alert', entityId: id, details: { fields: changed } });
    return updated;
  });
}

/** Sends a draft for approval (its drafter only). Throws NOT_FOUND, FORBIDDEN, INVALID_STATE. */
export async function submitAlert(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<AlertRow> {
  const existing = await loadScoped(deps, actor, id);
  if (existing.draftedBy !== actor.userId) throw new AppError('FORBIDDEN', undefined, DRAFTER_ONLY_MESSAGE);
  if (existing.status !== 'brouillon') throw invalidState();
  refuseUnfinishedTemplate(existing);
  const submitted = await deps.database.db.transaction(async (tx) => {
    const row = await repo.lockAlert(tx, id);
    if (!row || row.status !== 'brouillon') throw invalidState();
    const updated = await repo.updateAlert(tx, id, { status: 'a_approuver', submittedAt: new Date() });
    await recordAudit(tx, ctx, { action: 'alerts.alert.submitted', entityType: 'alert', entityId: id });
    return updated;
  });
  await notifyApprovers(deps, submitted);
  return submitted;
}

/** A template's « [À compléter…] » left in a text would reach every doctor: the draft is not ready. */
function refuseUnfinishedTemplate(row: AlertRow): void {
  const fields = (['title', 'situation', 'whatToDo', 'whatNotToDo'] as const).filter((field) => row[field].includes(ALERT_TEMPLATE_PLACEHOLDER));
  if (fields.length === 0) return;
  throw new AppError('VALIDATION_FAILED', {
    fields: fields.map((path) => ({ path, message: 'Complétez le passage entre crochets du modèle avant de soumettre l’alerte.' })),
  });
}

/** The drafter may not decide on their own alert: refused, and the refusal is audited. */
async function refuseOwnAlert(deps: ServiceDeps, ctx: AuditContext, alertId: string, permission: 'alert:approve'): Promise<never> {
  await recordAccessDenial(deps.database, ctx, { entityType: 'alert', entityId: alertId, permission, details: { rule: 'four_eyes' } });
  throw new AppError('FOUR_EYES_REQUIRED', undefined, FOUR_EYES_MESSAGE);
}

/**
 * A second agent approves: in one transaction the alert goes en_diffusion, one delivery per recipient
 * is materialised from the registry, and the approval is audited; the broadcast jobs are enqueued after
 * commit (the workers' sweep re-enqueues them if that enqueue is lost). Throws NOT_FOUND,
 * FOUR_EYES_REQUIRED (audited as denied), INVALID_STATE, VALIDATION_FAILED (visibility date passed).
 */
export async function approveAlert(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<AlertRow> {
  const existing = await loadScoped(deps, actor, id);
  if (existing.draftedBy === actor.userId) await refuseOwnAlert(deps, ctx, id, 'alert:approve');
  if (existing.status !== 'a_approuver') throw invalidState();
  const approved = await deps.database.db.transaction(async (tx) => {
    const row = await repo.lockAlert(tx, id);
    if (!row || row.status !== 'a_approuver') throw invalidState();
    const now = new Date();
    if (row.visibleUntil && row.visibleUntil.getTime() <= now.getTime()) {
      throw fieldError('visibleUntil', 'La date de fin d’affichage est passée : renvoyez l’alerte au brouillon pour la corriger.');
    }
    const recipients = await repo.materialiseDeliveries(tx, id, audienceOf(row));
    const updated = await repo.updateAlert(tx, id, {
      status: 'en_diffusion',
      approvedBy: actor.userId,
      approvedAt: now,
      visibleUntil: row.visibleUntil ?? new Date(now.getTime() + DEFAULT_VISIBLE_DAYS * 86_400_000),
      recipientsTotal: recipients,
      reviewComment: null,
    });
    await recordAudit(tx, ctx, {
      action: 'alerts.alert.approved',
      entityType: 'alert',
      entityId: id,
      details: { recipients, audience: audienceOf(row), draftedBy: row.draftedBy },
    });
    return updated;
  });
  await analyzeDeliveries(deps.database.raw).catch(() => undefined);
  await notifyDrafter(deps, approved, 'approved');
  try {
    for (let i = 0; i < BROADCAST_JOBS; i++) await deps.jobs.enqueue(ALERT_BROADCAST_QUEUE, { alertId: id });
  } catch {
    // Committed already: the workers' periodic sweep finds the alert and enqueues it.
  }
  return approved;
}

/** A second agent sends the alert back to its drafter with a comment. Throws NOT_FOUND, FOUR_EYES_REQUIRED, INVALID_STATE. */
export async function returnAlert(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, comment: string): Promise<AlertRow> {
  const existing = await loadScoped(deps, actor, id);
  if (existing.draftedBy === actor.userId) await refuseOwnAlert(deps, ctx, id, 'alert:approve');
  if (existing.status !== 'a_approuver') throw invalidState();
  const returned = await deps.database.db.transaction(async (tx) => {
    const row = await repo.lockAlert(tx, id);
    if (!row || row.status !== 'a_approuver') throw invalidState();
    const updated = await repo.updateAlert(tx, id, { status: 'brouillon', submittedAt: null, reviewComment: comment });
    await recordAudit(tx, ctx, { action: 'alerts.alert.returned', entityType: 'alert', entityId: id, reason: comment });
    return updated;
  });
  await notifyDrafter(deps, returned, 'returned');
  return returned;
}

/**
 * Withdraws an alert: it leaves the public page at once and its pending deliveries are never sent
 * (workers claim and commit only deliveries of alerts en_diffusion). Throws NOT_FOUND, INVALID_STATE.
 */
export async function withdrawAlert(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reason: string): Promise<AlertRow> {
  const existing = await loadScoped(deps, actor, id);
  if (existing.status === 'retiree') throw invalidState();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.lockAlert(tx, id);
    if (!row || row.status === 'retiree') throw invalidState();
    const updated = await repo.updateAlert(tx, id, { status: 'retiree', withdrawnAt: new Date() });
    await recordAudit(tx, ctx, { action: 'alerts.alert.withdrawn', entityType: 'alert', entityId: id, reason, details: { previousStatus: row.status } });
    return updated;
  });
}

/** The campaign's public label and reference, to prefill a draft. Throws NOT_FOUND. */
export async function campaignPrefill(deps: ServiceDeps, actor: Actor, campaignId: string) {
  const campaign = await repo.findCampaign(deps.database.db, campaignId, actor.departement);
  if (!campaign) throw new AppError('NOT_FOUND');
  return campaign;
}

export interface PublicAlertsCache {
  get(deps: ServiceDeps): Promise<TPublicAlert[]>;
  clear(): void;
}

/** « Alertes en cours », kept a few seconds per instance (cleared here on approval and withdrawal). */
export function createPublicAlertsCache(ttlMs = 5_000): PublicAlertsCache {
  let cached: { at: number; items: Promise<TPublicAlert[]> } | null = null;
  return {
    get(deps) {
      if (cached && Date.now() - cached.at < ttlMs) return cached.items;
      const items = repo.listPublicAlerts(deps.database.db).then((rows) =>
        rows.map((r) => ({ id: r.id, title: r.title, publishedAt: r.approvedAt!.toISOString(), situation: r.situation, whatToDo: r.whatToDo, whatNotToDo: r.whatNotToDo })),
      );
      cached = { at: Date.now(), items };
      items.catch(() => (cached = null));
      return items;
    },
    clear: () => (cached = null),
  };
}
