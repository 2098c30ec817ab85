import { ZAnalysis } from '../../../contracts/checks.schemas.js';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import { REPORT_STATUS_LABELS } from '../../../contracts/report-vocabulary.js';
import { ROLES } from '../../../contracts/roles.js';
import type { TAssignment, TMerge, TStatusChange, TStatusChangeResult, TTriageNote, TTriageReportDetail, TTriageReportState } from '../../../contracts/triage.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import type { ReportRow } from '../../platform/db/schema-reports.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { isInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as repo from './triage.repo.js';
import { allowedTransitions, canAssign, canMergeAway, canMergeInto, datesAfter, statusTransition } from './triage-status.js';

/** Roles holding `report:triage`: the only accounts a report may be assigned to. */
export const TRIAGE_ROLES = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('report:triage'));

const REPORT_ENTITY = 'report';

function invalidState(message: string): AppError {
  return new AppError('INVALID_STATE', undefined, message);
}

function actionsFor(row: ReportRow): TTriageReportState['actions'] {
  return { statuses: allowedTransitions(row.status), canAssign: canAssign(row.status), canMerge: canMergeAway(row.status) };
}

async function toState(db: Executor, row: ReportRow): Promise<TTriageReportState> {
  // One query after the other: inside a transaction they share one connection.
  const [person] = row.assignedTo ? await repo.findUsers(db, [row.assignedTo]) : [];
  const mergedReceipt = row.mergedInto ? await repo.findReceiptNumber(db, row.mergedInto) : null;
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    assignee: person ? { id: person.id, displayName: person.displayName } : null,
    mergedInto: row.mergedInto ? { id: row.mergedInto, receiptNumber: mergedReceipt ?? '' } : null,
    qualifiedAt: row.qualifiedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    actions: actionsFor(row),
  };
}

async function toNote(db: Executor, actor: Actor, note: { id: string; body: string; createdAt: Date }): Promise<TTriageNote> {
  const [author] = await repo.findUsers(db, [actor.userId]);
  return { id: note.id, author: { id: actor.userId, displayName: author?.displayName ?? '' }, body: note.body, createdAt: note.createdAt.toISOString() };
}

/** A report the actor may see, or NOT_FOUND: one outside the actor's département does not exist for it. */
export async function loadScoped(db: Executor, actor: Actor, id: string, lock: boolean): Promise<ReportRow> {
  const row = lock ? await repo.lockReport(db, id) : await repo.findReport(db, id);
  if (!row || !isInScope(actor, row.departement)) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Runs a change on the locked report, in one transaction, once its version is the one the actor saw.
 * Throws NOT_FOUND, STALE_VERSION.
 */
async function withLockedReport<T>(deps: ServiceDeps, actor: Actor, id: string, version: number, change: (tx: Executor, row: ReportRow) => Promise<T>): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const row = await loadScoped(tx, actor, id, true);
    if (row.version !== version) throw new AppError('STALE_VERSION');
    return change(tx, row);
  });
}

function storedAnalysis(value: unknown): TTriageReportDetail['analysis'] {
  if (value === null || value === undefined) return null;
  const parsed = ZAnalysis.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Opens a report with everything the council holds: facts, reporter identity, analysis, copies of the
 * exchanges (its own and its merged duplicates'), notes. Reading the reporter's identity is a confidential
 * read, written to the audit log in the same transaction. Throws NOT_FOUND.
 */
export async function readReport(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TTriageReportDetail> {
  return deps.database.db.transaction(async (tx) => {
    const row = await loadScoped(tx, actor, id, false);
    await recordAudit(tx, ctx, { action: 'reports.report.read', entityType: REPORT_ENTITY, entityId: row.id, details: { receiptNumber: row.receiptNumber } });
    const duplicates = await repo.listDuplicates(tx, row.id);
    const state = await toState(tx, row);
    const attachments = await repo.listAttachments(tx, [row.id, ...duplicates.map((d) => d.id)]);
    const notes = await repo.listNotes(tx, row.id);
    const [account] = row.reporterUserId ? await repo.findUsers(tx, [row.reporterUserId]) : [];
    const campaign = row.campaignId ? await repo.findCampaign(tx, row.campaignId) : null;
    return {
      ...state,
      receiptNumber: row.receiptNumber,
      source: row.source,
      channel: row.channel,
      occurredOn: row.occurredOn,
      organisationName: row.organisationName,
      callerNumber: row.callerNumber,
      sender: row.sender,
      links: row.links,
      description: row.description,
      pastedText: row.pastedText,
      departement: row.departement,
      reporter: {
        name: row.reporterName,
        email: row.reporterEmail,
        pseudonymous: row.pseudonymous,
        account: account ? { id: account.id, displayName: account.displayName, email: account.email, role: account.role } : null,
        confirmedAt: row.confirmedAt?.toISOString() ?? null,
      },
      verdict: row.verdict,
      scamFamily: row.scamFamily,
      analysis: storedAnalysis(row.analysis),
      campaign,
      campaignPinned: row.campaignPinned,
      duplicates: duplicates.map((d) => ({ id: d.id, receiptNumber: d.receiptNumber, channel: d.channel, createdAt: d.createdAt.toISOString() })),
      attachments: attachments.map(({ attachment: a, receiptNumber }) => ({
        id: a.id,
        reportId: a.reportId,
        receiptNumber,
        fromDuplicate: a.reportId !== row.id,
        origin: a.origin,
        fileName: a.fileName,
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
        scanStatus: a.scanStatus,
        createdAt: a.createdAt.toISOString(),
      })),
      notes: notes.map((n) => ({ id: n.id, author: { id: n.authorId, displayName: n.authorName }, body: n.body, createdAt: n.createdAt.toISOString() })),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/**
 * One copy of the exchanges as a stream from the upload store (a 10 MB file never sits whole in memory),
 * with what was checked about it; the read is audited. Throws NOT_FOUND (report out of scope, file not
 * of this report, or bytes missing from the store).
 */
export async function readAttachment(deps: ServiceDeps, ctx: AuditContext, actor: Actor, reportId: string, attachmentId: string) {
  const db = deps.database.db;
  await loadScoped(db, actor, reportId, false);
  const attachment = await repo.findAttachment(db, reportId, attachmentId);
  if (!attachment) throw new AppError('NOT_FOUND');
  const content = await deps.uploads.open(attachment.storageKey).catch(() => {
    throw new AppError('NOT_FOUND');
  });
  try {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'reports.attachment.read',
        entityType: 'report_attachment',
        entityId: attachment.id,
        details: { reportId, sha256: attachment.sha256 },
      }),
    );
  } catch (err) {
    content.destroy();
    throw err;
  }
  return { attachment, content };
}

/** Accounts the report may be assigned to: staff of its département (and national staff, for a national actor). */
export async function listAssignees(deps: ServiceDeps, actor: Actor, reportId: string) {
  const row = await loadScoped(deps.database.db, actor, reportId, false);
  return { items: await repo.listStaffSeeing(deps.database.db, TRIAGE_ROLES, row.departement, actor.departement === null) };
}

/**
 * Assigns the report to an agent who may triage it and sees it (same département; a national actor may
 * also pick national staff), or to nobody. Throws NOT_FOUND, STALE_VERSION, INVALID_STATE,
 * VALIDATION_FAILED (assignee).
 */
export async function assignReport(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TAssignment): Promise<TTriageReportState> {
  return withLockedReport(deps, actor, id, input.version, async (tx, row) => {
    if (!canAssign(row.status)) throw invalidState('Un signalement fusionné ou non confirmé ne peut pas être attribué.');
    if (input.assigneeId !== null) {
      const [person] = await repo.findUsers(tx, [input.assigneeId]);
      const eligible =
        person !== undefined &&
        person.status === 'active' &&
        TRIAGE_ROLES.includes(person.role) &&
        (actor.departement === null ? isInScope({ userId: person.id, role: person.role, departement: person.departement }, row.departement) : person.departement === row.departement);
      if (!eligible) throw fieldError('assigneeId', 'Cette personne ne peut pas traiter ce signalement : choisissez un agent de son département.');
    }
    if (input.assigneeId === row.assignedTo) return toState(tx, row);
    const updated = await repo.updateReport(tx, row.id, { assignedTo: input.assigneeId });
    await recordAudit(tx, ctx, {
      action: 'reports.report.assigned',
      entityType: REPORT_ENTITY,
      entityId: row.id,
      details: { from: row.assignedTo, to: input.assigneeId },
    });
    return toState(tx, updated);
  });
}

/**
 * Moves the report along its statuses (see triage-status.ts). Classing without follow-up and reopening
 * need a reason, kept as a note and in the audit entry. Throws NOT_FOUND, STALE_VERSION, INVALID_STATE,
 * VALIDATION_FAILED (reason).
 */
export async function changeStatus(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TStatusChange): Promise<TStatusChangeResult> {
  return withLockedReport(deps, actor, id, input.version, async (tx, row) => {
    const rule = statusTransition(row.status, input.status);
    if (!rule) throw invalidState('Ce changement de statut n’est pas possible depuis le statut actuel du signalement.');
    if (rule.reasonRequired && !input.reason) {
      throw fieldError('reason', input.status === 'classe_sans_suite' ? 'Indiquez pourquoi le signalement est classé sans suite.' : 'Indiquez pourquoi le signalement est rouvert.');
    }
    const updated = await repo.updateReport(tx, row.id, { status: input.status, ...datesAfter(input.status, new Date()) });
    let note: TTriageNote | null = null;
    if (input.reason) {
      const heading =
        input.status === 'classe_sans_suite' || input.status === 'qualifie' ? REPORT_STATUS_LABELS[input.status] : row.status === 'nouveau' ? 'Pris en charge' : 'Rouvert';
      note = await toNote(tx, actor, await repo.insertNote(tx, { reportId: row.id, authorId: actor.userId, body: `${heading} — motif : ${input.reason}` }));
    }
    await recordAudit(tx, ctx, {
      action: 'reports.report.status_changed',
      entityType: REPORT_ENTITY,
      entityId: row.id,
      reason: input.reason ?? null,
      details: { from: row.status, to: input.status },
    });
    return { ...(await toState(tx, updated)), note };
  });
}

/** Appends a note (notes are never edited nor removed). Throws NOT_FOUND. */
export async function addNote(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: string): Promise<TTriageNote> {
  return deps.database.db.transaction(async (tx) => {
    // Locked so a note never lands on a report in the middle of a merge.
    const row = await loadScoped(tx, actor, id, true);
    const note = await repo.insertNote(tx, { reportId: row.id, authorId: actor.userId, body });
    await recordAudit(tx, ctx, { action: 'reports.note.added', entityType: REPORT_ENTITY, entityId: row.id, details: { noteId: note.id } });
    return toNote(tx, actor, note);
  });
}

/**
 * Marks report `id` as a duplicate of the report with the given receipt number: same département, the
 * target not itself a duplicate nor unconfirmed, the duplicate still being worked on. The duplicate keeps
 * its files (listed on the target's page); its own duplicates now point at the target. Audited on both.
 * Throws NOT_FOUND, STALE_VERSION, INVALID_STATE, VALIDATION_FAILED (targetReceiptNumber).
 */
export async function mergeReport(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TMerge): Promise<TTriageReportState> {
  return deps.database.db.transaction(async (tx) => {
    const targetId = await repo.findIdByReceipt(tx, input.targetReceiptNumber);
    // Both rows locked in id order, so two agents merging the same pair both ways cannot deadlock.
    const locked = await repo.lockReports(tx, targetId ? [id, targetId] : [id]);
    const duplicate = locked.find((r) => r.id === id);
    if (!duplicate || !isInScope(actor, duplicate.departement)) throw new AppError('NOT_FOUND');
    if (duplicate.version !== input.version) throw new AppError('STALE_VERSION');
    const target = locked.find((r) => r.id === targetId);
    if (!target || !isInScope(actor, target.departement)) throw fieldError('targetReceiptNumber', 'Aucun signalement de votre périmètre ne porte ce numéro.');
    if (target.id === duplicate.id) throw fieldError('targetReceiptNumber', 'Un signalement ne peut pas être fusionné avec lui-même.');
    if (target.departement !== duplicate.departement) throw fieldError('targetReceiptNumber', 'Les deux signalements doivent relever du même département.');
    if (!canMergeInto(target.status)) throw fieldError('targetReceiptNumber', 'Ce signalement est lui-même un doublon ou n’est pas confirmé : indiquez le signalement principal.');
    if (!canMergeAway(duplicate.status)) throw invalidState('Seul un signalement nouveau ou en cours peut être fusionné ; rouvrez-le d’abord.');

    const updated = await repo.updateReport(tx, duplicate.id, { status: 'fusionne', mergedInto: target.id });
    const moved = await repo.repointDuplicates(tx, duplicate.id, target.id);
    await recordAudit(tx, ctx, {
      action: 'reports.report.merged',
      entityType: REPORT_ENTITY,
      entityId: duplicate.id,
      details: { role: 'duplicate', from: duplicate.status, into: target.id, intoReceiptNumber: target.receiptNumber, movedDuplicates: moved },
    });
    await recordAudit(tx, ctx, {
      action: 'reports.report.merged',
      entityType: REPORT_ENTITY,
      entityId: target.id,
      details: { role: 'target', duplicate: duplicate.id, duplicateReceiptNumber: duplicate.receiptNumber, movedDuplicates: moved },
    });
    return toState(tx, updated);
  });
}
