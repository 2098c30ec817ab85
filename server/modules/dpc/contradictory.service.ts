import { eq } from 'drizzle-orm';
import { DPC_SIGNALEMENT_LIMITS } from '../../../contracts/dpc-signalements.schemas.js';
import type { TDpcContradictoryInvite, TDpcContradictoryView, TDpcSignalementState } from '../../../contracts/dpc-workflow.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import type { Executor } from '../../platform/db/client.js';
import { dpcContradictoryInvitations, type DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { changeSignalement } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';
import { contradictoryInvitationMail } from './contradictory.mails.js';

// The contradictory step (docs/dpc-signalements.md « Workflow »): the reported organisation is told, in
// the agent's own words, what it is invited to answer, through a link whose token only it holds (the
// database keeps its hash). Nothing of the reporter nor of their facts goes out.

const OPEN_STATUSES = new Set(['nouveau', 'en_revue', 'avis_rendu']);
const UNKNOWN_LINK = 'Ce lien ne correspond à aucune demande d’observations.';

function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** How the subject is named to the organisation: the training and its organisation, from the catalogue. */
async function subjectLabelFor(db: Executor, row: Pick<DpcSignalementRow, 'actionId' | 'organisationId' | 'subjectLabel'>) {
  const found = row.actionId ? await repo.findAction(db, row.actionId) : null;
  const organisation = found?.organisation ?? (row.organisationId ? await repo.findOrganisation(db, row.organisationId) : null);
  if (found) return { label: `${found.action.title} — ${found.organisation.name}`, organisation };
  return { label: organisation ? organisation.name : row.subjectLabel, organisation };
}

/**
 * Invites the organisation to answer: a statement written by the agent, sent to the organisation's
 * contact (or the address given), due on the given day (default: DPC_SIGNALEMENT_LIMITS.contradictoryDays
 * from today). The signalement goes `contradictoire` and will return to the status it left. Journal
 * `contradictoire_ouvert`, audit `dpc.contradictory.invited` (no address); the mail leaves after commit.
 * Throws NOT_FOUND, STALE_VERSION, INVALID_STATE, VALIDATION_FAILED (recipientEmail, dueOn).
 */
export async function inviteOrganisation(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcContradictoryInvite): Promise<TDpcSignalementState> {
  const today = parisDay();
  const dueOn = body.dueOn ?? addDays(today, DPC_SIGNALEMENT_LIMITS.contradictoryDays);
  if (dueOn <= today) throw fieldError('dueOn', 'La date limite de réponse doit être dans l’avenir.');
  const token = randomToken(32);
  const { state, mail } = await changeSignalement(deps.database, ctx, actor, id, { permission: 'dpc:signalement_triage', version: body.version }, async (tx, row) => {
    if (!OPEN_STATUSES.has(row.status) || (await repo.findOpenInvitation(tx, row.id))) {
      throw new AppError('INVALID_STATE', undefined, 'Une demande d’observations est déjà en cours, ou le signalement est décidé.');
    }
    const subject = await subjectLabelFor(tx, row);
    const recipientEmail = body.recipientEmail ?? subject.organisation?.contactEmail ?? null;
    if (!recipientEmail) throw fieldError('recipientEmail', 'L’organisme n’a pas d’adresse de contact au catalogue : saisissez l’adresse à laquelle l’inviter.');
    const [invitation] = await tx
      .insert(dpcContradictoryInvitations)
      .values({ signalementId: row.id, organisationId: subject.organisation?.id ?? null, recipientEmail, statement: body.statement, tokenHash: sha256Hex(token), dueOn, invitedBy: actor.userId })
      .returning({ id: dpcContradictoryInvitations.id });
    const updated = await repo.updateSignalement(tx, row.id, { status: 'contradictoire', statusBeforeContradictory: row.status });
    await repo.addEvent(tx, row.id, 'contradictoire_ouvert', actor.userId, null, { invitationId: invitation!.id, dueOn });
    await recordAudit(tx, ctx, { action: 'dpc.contradictory.invited', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference, invitationId: invitation!.id, dueOn } });
    const link = `${deps.config.publicUrl}/vigilance-dpc/reponse#${token}`;
    return {
      state: { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version },
      mail: contradictoryInvitationMail(recipientEmail, { reference: row.reference, subjectLabel: subject.label, statement: body.statement, dueOn, link }),
    };
  });
  await deps.outbox.queue(mail);
  return state;
}

/**
 * Closes the open invitation without an answer (the delay passed, or the council moves on); the
 * signalement returns to the status it left. Journal `contradictoire_clos`, audit
 * `dpc.contradictory.closed`. Throws NOT_FOUND, STALE_VERSION, INVALID_STATE.
 */
export async function closeContradictory(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, version: number): Promise<TDpcSignalementState> {
  return changeSignalement(deps.database, ctx, actor, id, { permission: 'dpc:signalement_triage', version }, async (tx, row) => {
    const open = await repo.findOpenInvitation(tx, row.id);
    if (row.status !== 'contradictoire' || !open || !row.statusBeforeContradictory) throw new AppError('INVALID_STATE', undefined, 'Aucune demande d’observations n’est en cours.');
    await tx.update(dpcContradictoryInvitations).set({ closedAt: new Date() }).where(eq(dpcContradictoryInvitations.id, open.id));
    const updated = await repo.updateSignalement(tx, row.id, { status: row.statusBeforeContradictory, statusBeforeContradictory: null });
    await repo.addEvent(tx, row.id, 'contradictoire_clos', actor.userId, null, { invitationId: open.id });
    await recordAudit(tx, ctx, { action: 'dpc.contradictory.closed', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference, invitationId: open.id } });
    return { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version };
  });
}

/**
 * What the organisation reads through its link: the reference, the subject, the statement, the due day,
 * and whether it is still open. Never the facts, findings, reporter or reviewer. Throws NOT_FOUND.
 */
export async function readInvitation(deps: ServiceDeps, token: string): Promise<TDpcContradictoryView> {
  const db = deps.database.db;
  const invitation = await repo.findInvitationByTokenHash(db, sha256Hex(token));
  if (!invitation) throw new AppError('NOT_FOUND', undefined, UNKNOWN_LINK);
  const [row] = await repo.signalementsByIds(db, [invitation.signalementId]);
  if (!row) throw new AppError('NOT_FOUND', undefined, UNKNOWN_LINK);
  const subject = await subjectLabelFor(db, row);
  return {
    reference: row.reference,
    subjectLabel: subject.label,
    statement: invitation.statement,
    dueOn: invitation.dueOn,
    state: invitation.answeredAt ? 'repondu' : invitation.closedAt ? 'clos' : 'ouvert',
  };
}

/**
 * The organisation's answer, once, while the invitation is open; the signalement returns to the status
 * it left. Journal `contradictoire_reponse`, audit `dpc.contradictory.answered` (no actor: the link is
 * the organisation's). Throws NOT_FOUND, INVALID_STATE (already answered, or closed).
 */
export async function answerInvitation(deps: ServiceDeps, ctx: AuditContext, token: string, answer: string): Promise<{ reference: string; answeredAt: string }> {
  return deps.database.db.transaction(async (tx) => {
    const invitation = await repo.findInvitationByTokenHash(tx, sha256Hex(token), true);
    if (!invitation) throw new AppError('NOT_FOUND', undefined, UNKNOWN_LINK);
    if (invitation.answeredAt) throw new AppError('INVALID_STATE', undefined, 'Une réponse a déjà été envoyée par ce lien.');
    if (invitation.closedAt) throw new AppError('INVALID_STATE', undefined, 'Cette demande d’observations est close : elle ne reçoit plus de réponse.');
    const [row] = await repo.signalementsByIds(tx, [invitation.signalementId], true);
    if (!row || row.status !== 'contradictoire' || !row.statusBeforeContradictory) throw new AppError('INVALID_STATE');
    const answeredAt = new Date();
    await tx.update(dpcContradictoryInvitations).set({ answer, answeredAt }).where(eq(dpcContradictoryInvitations.id, invitation.id));
    await repo.updateSignalement(tx, row.id, { status: row.statusBeforeContradictory, statusBeforeContradictory: null });
    await repo.addEvent(tx, row.id, 'contradictoire_reponse', null, null, { invitationId: invitation.id });
    await recordAudit(tx, { ...ctx, actorId: null }, { action: 'dpc.contradictory.answered', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference, invitationId: invitation.id } });
    return { reference: row.reference, answeredAt: answeredAt.toISOString() };
  });
}
