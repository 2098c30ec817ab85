import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MAX_DESCRIPTION_CHARS,
  MAX_PASTED_TEXT_CHARS,
  REPORT_STATUS_LABELS,
  ZAnonymousReportCreate,
  ZMyReports,
  ZMyReportsQuery,
  ZReportConfirm,
  ZReportCreate,
  ZReportFiled,
  ZReportFollowQuery,
  ZReportLimits,
  ZReportSummary,
  type TReportCreate,
  type TReportFiled,
} from '../../../contracts/reports.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { requireSession } from '../../platform/http/request-context.js';
import { fileReport, type NewReportFiling } from './report-filing.service.js';
import { confirmReport, followReport, guidanceForFiled, listOwnReports, reportLimits } from './reports.service.js';

/**
 * The body carries the files in base64 (a third larger than the bytes), so the limit is the configured
 * files at their maximum size plus the text fields at theirs (UTF-8, up to 3 bytes a character).
 */
export function reportBodyLimit(deps: ServiceDeps): number {
  const files = Math.ceil((deps.config.uploadMaxBytes * 4) / 3) * deps.config.uploadMaxFiles;
  const texts = (MAX_PASTED_TEXT_CHARS + MAX_DESCRIPTION_CHARS) * 3;
  return files + texts + 256 * 1024;
}

function toFiling(body: TReportCreate): Omit<NewReportFiling, 'reporter' | 'departement'> {
  return {
    source: 'formulaire',
    channel: body.channel,
    occurredOn: body.occurredOn ?? null,
    organisationName: body.organisationName,
    callerNumber: body.callerNumber,
    sender: body.sender,
    links: body.links,
    description: body.description,
    pastedText: body.pastedText,
    pseudonymous: body.pseudonymous,
    consequences: body.consequences,
    attachments: body.attachments.map((a) => ({ fileName: a.fileName, bytes: new Uint8Array(Buffer.from(a.contentBase64, 'base64')), origin: 'televersement' as const })),
  };
}

async function fileAndDescribe(deps: ServiceDeps, ctx: AuditContext, filing: NewReportFiling): Promise<TReportFiled> {
  const filed = await fileReport(deps, ctx, filing);
  return {
    reportId: filed.reportId,
    receiptNumber: filed.receiptNumber,
    status: filed.status,
    statusLabel: REPORT_STATUS_LABELS[filed.status],
    channel: filing.channel,
    confirmationRequired: filed.status === 'en_attente_confirmation',
    guidance: await guidanceForFiled(deps, filed.reportId),
  };
}

/** Filing a report (doctor or anyone with an address), confirming it, following it. */
export const reportsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const limited = { max: deps.config.reportRateLimitPerMinute, timeWindow: 60_000 };
  const bodyLimit = reportBodyLimit(deps);

  app.get('/api/reports/limits', {
    config: { access: 'public' },
    schema: { tags: ['reports'], summary: 'Accepted file types and size limits of the report form', response: { 200: ZReportLimits } },
  }, async () => reportLimits(deps));

  app.post('/api/reports', {
    config: { access: { permission: 'report:create' }, rateLimit: limited },
    bodyLimit,
    schema: { tags: ['reports'], summary: 'File a report as a logged-in doctor (département of the account)', body: ZReportCreate, response: { 201: ZReportFiled } },
  }, async (req, reply) => {
    const session = requireSession(req);
    const filed = await fileAndDescribe(deps, req.auditContext, { ...toFiling(req.body), reporter: { userId: session.user.id } });
    return reply.status(201).send(filed);
  });

  app.post('/api/reports/anonymous', {
    // Public: anyone may report, with an address confirmed by a link before the report counts.
    config: { access: 'public', rateLimit: limited },
    bodyLimit,
    schema: { tags: ['reports'], summary: 'File a report without an account (address confirmed by a link)', body: ZAnonymousReportCreate, response: { 201: ZReportFiled } },
  }, async (req, reply) => {
    const { email, name, departement, ...rest } = req.body;
    const filed = await fileAndDescribe(deps, req.auditContext, { ...toFiling(rest), reporter: { email, name, confirmed: false }, departement: departement ?? null });
    return reply.status(201).send(filed);
  });

  app.post('/api/reports/confirm', {
    config: { access: 'public', rateLimit: limited },
    schema: { tags: ['reports'], summary: 'Confirm the address of a report filed without an account', body: ZReportConfirm, response: { 200: ZReportFiled } },
  }, async (req) => {
    const { report, guidance } = await confirmReport(deps, req.auditContext, req.body.token);
    return { reportId: report.id, receiptNumber: report.receiptNumber, status: report.status, statusLabel: REPORT_STATUS_LABELS[report.status], channel: report.channel, confirmationRequired: false, guidance };
  });

  app.get('/api/reports/follow', {
    config: { access: 'public', rateLimit: limited },
    schema: { tags: ['reports'], summary: 'Status of a report, from the follow link mailed to its reporter', querystring: ZReportFollowQuery, response: { 200: ZReportSummary } },
  }, async (req) => followReport(deps, req.query.recu, req.query.jeton));

  app.get('/api/reports/mine', {
    config: { access: { permission: 'report:read_own' } },
    schema: { tags: ['reports'], summary: "The doctor's own reports and their status", querystring: ZMyReportsQuery, response: { 200: ZMyReports } },
  }, async (req) => listOwnReports(deps, requireSession(req).actor, req.query.page));
};
