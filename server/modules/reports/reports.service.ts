import { inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { reportGuidance, type GuidanceItem } from '../../../contracts/reports.guidance.js';
import { ACCEPTED_UPLOADS_LABEL, formatByteLimit, UPLOAD_ACCEPT, type TMyReports, type TOwnReport, type TReportLimits, type TReportSummary } from '../../../contracts/reports.schemas.js';
import { REPORT_CHANNEL_REPORTER_LABELS as REPORT_CHANNEL_LABELS, REPORT_STATUS_REPORTER_LABELS as REPORT_STATUS_LABELS } from '../../../contracts/report-vocabulary.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { reports, type ReportRow } from '../../platform/db/schema-reports.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/audit.js';
import { randomToken, safeEqual, sha256Hex } from '../../platform/crypto/tokens.js';
import { AppError, loggableError } from '../../platform/errors.js';
import { GROUP_REPORT_QUEUE } from '../../platform/jobs/queues.js';
import { reportReceiptMail } from '../../platform/mail/report-mails.js';
import { followUrl } from './report-filing.service.js';
import * as reportsRepo from './reports.repo.js';

const PAGE_SIZE = 20;

/** The guidance shown with a receipt, from the stored report: channel, what happened, links. */
export function guidanceForReport(report: ReportRow): GuidanceItem[] {
  const urls = (report.analysis as { indicators?: { urls?: unknown[] } } | null)?.indicators?.urls ?? [];
  return reportGuidance({ channel: report.channel, consequences: report.consequences, hasLinks: report.links.length > 0 || urls.length > 0 });
}

export async function guidanceForFiled(deps: ServiceDeps, reportId: string): Promise<GuidanceItem[]> {
  const report = await reportsRepo.findById(deps.database.db, reportId);
  return report ? guidanceForReport(report) : [];
}

export function reportLimits(deps: ServiceDeps): TReportLimits {
  return {
    maxFileBytes: deps.config.uploadMaxBytes,
    maxFileLabel: formatByteLimit(deps.config.uploadMaxBytes),
    maxFiles: deps.config.uploadMaxFiles,
    acceptedLabel: ACCEPTED_UPLOADS_LABEL,
    accept: UPLOAD_ACCEPT,
  };
}

/**
 * Confirms the address of a report filed without an account: the report becomes `nouveau`, is queued
 * for grouping, and the receipt with a personal follow link is mailed. The token works once, for 48 h.
 * Throws TOKEN_INVALID. Once the confirmation has committed nothing else throws: a job or mail that
 * cannot be queued is logged (pass the request's logger), never answered as a failure.
 */
export async function confirmReport(
  deps: ServiceDeps,
  ctx: AuditContext,
  token: string,
  log?: Pick<FastifyBaseLogger, 'error'>,
): Promise<{ report: ReportRow; guidance: GuidanceItem[] }> {
  const followToken = randomToken(32);
  const report = await deps.database.db.transaction(async (tx) => {
    const pending = await reportsRepo.findPendingConfirmation(tx, sha256Hex(token));
    if (!pending) throw new AppError('TOKEN_INVALID');
    const confirmed = await reportsRepo.markConfirmed(tx, pending.id, sha256Hex(followToken));
    if (!confirmed) throw new AppError('TOKEN_INVALID');
    await recordAudit(tx, ctx, { action: 'reports.report.confirmed', entityType: 'report', entityId: confirmed.id, details: { channel: confirmed.channel, source: confirmed.source } });
    return confirmed;
  });
  // The report is confirmed and the token spent: a 500 now would send the reporter back to a link
  // that no longer works. A lost grouping job loses nothing (every grouping job drains all ungrouped
  // reports, and one drain runs at each start); a lost receipt leaves the receipt number on screen.
  await deps.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId: report.id }).catch((err: unknown) => log?.error({ error: loggableError(err), reportId: report.id }, 'grouping job not queued after confirmation'));
  const guidance = guidanceForReport(report);
  await deps.outbox
    .queue(reportReceiptMail(report.reporterEmail!, report.receiptNumber, { kind: 'link', url: followUrl(deps, report.receiptNumber, followToken) }, guidance))
    .catch((err: unknown) => log?.error({ error: loggableError(err), reportId: report.id }, 'receipt mail not queued after confirmation'));
  return { report, guidance };
}

async function summarise(deps: ServiceDeps, rows: ReportRow[]): Promise<TReportSummary[]> {
  const counts = await reportsRepo.countAttachments(deps.database.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    receiptNumber: r.receiptNumber,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    channel: r.channel,
    channelLabel: REPORT_CHANNEL_LABELS[r.channel],
    occurredOn: r.occurredOn,
    organisationName: r.organisationName,
    verdict: r.verdict,
    attachmentCount: counts.get(r.id) ?? 0,
    pseudonymous: r.pseudonymous,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * What the follow link shows a reporter without an account: the status and a short summary, never
 * agents' notes, assignment or campaign. Receipt and token must both match. Throws NOT_FOUND.
 */
export async function followReport(deps: ServiceDeps, receiptNumber: string, token: string): Promise<TReportSummary> {
  const report = /^SIG-\d{4}-[0-9A-Z]{8}$/.test(receiptNumber) ? await reportsRepo.findByReceipt(deps.database.db, receiptNumber) : null;
  // Compare even when no report matched, so a wrong receipt and a wrong token take the same path.
  const expected = report?.followTokenHash ?? sha256Hex('absent');
  if (!report || !report.followTokenHash || !safeEqual(sha256Hex(token), expected)) throw new AppError('NOT_FOUND');
  const [summary] = await summarise(deps, [report]);
  return summary!;
}

/** A doctor's own reports, newest first. */
export async function listOwnReports(deps: ServiceDeps, actor: Actor, page: number): Promise<TMyReports> {
  const { rows, total } = await reportsRepo.listByReporter(deps.database.db, actor.userId, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  return { items: await summarise(deps, rows), total, page, pageSize: PAGE_SIZE };
}

/**
 * A report the doctor sent, reopened from « Mes signalements »: what they sent (their account, the copy,
 * the numbers, links and files), its status and the guidance — never the council's notes, assignment or
 * campaign. Another's report, or an unknown receipt, answers NOT_FOUND alike.
 */
export async function ownReport(deps: ServiceDeps, actor: Actor, receiptNumber: string): Promise<TOwnReport> {
  const report = await reportsRepo.findByReceipt(deps.database.db, receiptNumber);
  if (!report || report.reporterUserId !== actor.userId) throw new AppError('NOT_FOUND', undefined, "Ce signalement n'existe pas ou n'est pas l'un des vôtres.");
  const [summary] = await summarise(deps, [report]);
  return {
    ...summary!,
    description: report.description,
    pastedText: report.pastedText,
    callerNumber: report.callerNumber,
    sender: report.sender,
    links: report.links,
    attachments: await reportsRepo.listAttachmentsOf(deps.database.db, report.id),
    guidance: guidanceForReport(report),
  };
}

/**
 * Deletes reports whose address was never confirmed within 48 h, and their stored files: they were
 * never transmitted to the council (the confirmation mail says so). Returns how many were deleted.
 * Meant for the runtime's periodic sweep.
 */
export async function purgeUnconfirmedReports(deps: ServiceDeps, batch = 200): Promise<number> {
  const expired = await reportsRepo.findExpiredUnconfirmed(deps.database.db, batch);
  if (expired.length === 0) return 0;
  const ids = expired.map((e) => e.id);
  const deleted = await deps.database.db.transaction(async (tx) => {
    const gone = await reportsRepo.deleteUnconfirmed(tx, ids);
    // Their filing was audited; so is their end.
    for (const id of gone) {
      await recordAudit(tx, SYSTEM_CONTEXT, { action: 'reports.report.purged', entityType: 'report', entityId: id, details: { reason: 'non_confirme_48h' } });
    }
    return gone.length;
  });
  // Files after commit: a failed delete leaves rows that still point to their files.
  const survivors = new Set((await deps.database.db.select({ id: reports.id }).from(reports).where(inArray(reports.id, ids))).map((r) => r.id));
  await Promise.allSettled(expired.filter((e) => !survivors.has(e.id)).flatMap((e) => e.storageKeys.map((key) => deps.uploads.remove(key))));
  return deleted;
}
