import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from '../../../contracts/zod.js';
import { ZAnonymousReportCreate, ZAnonymousReportFormFields, ZMyReports, ZMyReportsQuery, ZOwnReport, ZOwnReportParams, ZReportConfirm, ZReportCreate, ZReportFiled, ZReportFormFields, ZReportFollowQuery, ZReportLimits, ZReportSummary, type TReportCreate, type TReportFiled } from '../../../contracts/reports.schemas.js';
import { REPORT_STATUS_REPORTER_LABELS as REPORT_STATUS_LABELS } from '../../../contracts/report-vocabulary.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { requireSession } from '../../platform/http/request-context.js';
import { discardUnreadBody, takeUploadSlot } from '../../platform/storage/upload-requests.js';
import { removeAttachments, type ReceivedAttachment } from './report-attachments.js';
import { fileReport, type NewReportFiling } from './report-filing.service.js';
import { validateFields } from './report-fields.js';
import { multipartBound, multipartLimits, receiveReportForm, REPORT_TEXT_BYTES } from './report-form.js';
import { filingOpenApi } from './report-form.openapi.js';
import { createUploadSlots } from './upload-slots.js';
import { confirmReport, followReport, guidanceForFiled, listOwnReports, ownReport, reportLimits } from './reports.service.js';

/** The JSON body limit of the filing routes: text fields only, files come as multipart parts. */
export function reportBodyLimit(): number {
  return REPORT_TEXT_BYTES;
}

type FilingFields = Omit<TReportCreate, 'attachments'>;

function toFiling(body: FilingFields, attachments: ReceivedAttachment[]): Omit<NewReportFiling, 'reporter' | 'departement'> {
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
    attachments,
  };
}

/** What a filing route answers to a body that is neither JSON nor multipart, naming what the files are. */
function neitherJsonNorMultipart(filesNoun: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', undefined, `Envoyez le signalement en JSON (sans fichier) ou en multipart/form-data (avec ${filesNoun}).`);
}

export interface FilingFormOptions {
  /** What the form calls its files in the refusal of another body (« fichiers », « pièces jointes »). */
  filesNoun: string;
  /** Turns the multipart text parts into the shape the schema reads (nested fields, booleans). */
  shapeFields?: (flat: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The filing's text fields and files from either body: JSON (text only, validated by the route schema)
 * or multipart (files streamed into the store under deps.config's upload bounds, fields validated by
 * the same schema). Throws UNSUPPORTED_MEDIA_TYPE for another body, UPLOAD_REJECTED or VALIDATION for
 * a refused form, whose stored files are then removed. The caller owns the returned files.
 */
export async function readFilingForm<T>(
  deps: ServiceDeps,
  req: FastifyRequest,
  jsonBody: T | null | undefined,
  schema: z.ZodType<T>,
  options: FilingFormOptions,
): Promise<{ body: T; attachments: ReceivedAttachment[] }> {
  if (!req.isMultipart()) {
    if (jsonBody === undefined || jsonBody === null) throw neitherJsonNorMultipart(options.filesNoun);
    return { body: jsonBody, attachments: [] };
  }
  let form;
  try {
    form = await receiveReportForm(deps, () => req.parts());
  } catch (err) {
    discardUnreadBody(req, multipartBound(deps));
    throw err;
  }
  try {
    return { body: validateFields(schema, options.shapeFields ? options.shapeFields(form.fields) : form.fields), attachments: form.attachments };
  } catch (err) {
    await removeAttachments(deps, form.attachments);
    throw err;
  }
}

/** A report's form: fileReport removes the received files on any failure. */
function readFiling<T extends z.output<typeof ZReportFormFields>>(deps: ServiceDeps, req: FastifyRequest, jsonBody: T | null | undefined, schema: z.ZodType<T>) {
  return readFilingForm(deps, req, jsonBody, schema, { filesNoun: 'fichiers' });
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
    consequences: [...new Set(filing.consequences ?? [])],
  };
}

const FILING_DESCRIPTION =
  'JSON for a report without files (base64 attachments are refused: 400 naming `attachments`). With files, multipart/form-data: the text fields as parts, then one `attachments` part per file, streamed to storage; a file over the size limit is refused as soon as it passes it.';

/** Filing a report (doctor or anyone with an address), confirming it, following it. */
export const reportsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const limited = { max: deps.config.reportRateLimitPerMinute, timeWindow: 60_000 };
  const bodyLimit = reportBodyLimit();
  // In this plugin's scope only: no other route accepts multipart bodies. Limits are set per request
  // (multipartLimits); files are never buffered by the plugin, they are read as streams.
  await app.register(fastifyMultipart, { limits: multipartLimits(deps) });

  // Anonymous uploads in progress on this instance: beyond the bound, refused before the body is read.
  const takeAnonymousUploadSlot = takeUploadSlot(createUploadSlots(deps.config.uploadMaxConcurrentAnonymous));

  app.get('/api/reports/limits', {
    config: { access: 'public' },
    schema: { tags: ['reports'], summary: 'Accepted file types and size limits of the report form', response: { 200: ZReportLimits } },
  }, async () => reportLimits(deps));

  app.post('/api/reports', {
    config: { access: { permission: 'report:create' }, rateLimit: limited, swaggerTransform: filingOpenApi(ZReportCreate, ZReportFormFields, deps.config) },
    bodyLimit,
    // A multipart body reaches the handler unread (null here): the handler streams it.
    schema: { tags: ['reports'], summary: 'File a report as a logged-in doctor (département of the account)', description: FILING_DESCRIPTION, body: ZReportCreate.nullish(), response: { 201: ZReportFiled } },
  }, async (req, reply) => {
    const session = requireSession(req);
    const { body, attachments } = await readFiling(deps, req, req.body, ZReportFormFields);
    const filed = await fileAndDescribe(deps, req.auditContext, { ...toFiling(body, attachments), reporter: { userId: session.user.id } });
    return reply.status(201).send(filed);
  });

  app.post('/api/reports/anonymous', {
    // Public: anyone may report, with an address confirmed by a link before the report counts.
    config: { access: 'public', rateLimit: limited, swaggerTransform: filingOpenApi(ZAnonymousReportCreate, ZAnonymousReportFormFields, deps.config) },
    bodyLimit,
    onRequest: takeAnonymousUploadSlot,
    schema: { tags: ['reports'], summary: 'File a report without an account (address confirmed by a link)', description: `${FILING_DESCRIPTION} At most UPLOAD_MAX_CONCURRENT_ANONYMOUS multipart filings at once per instance: beyond, 503 UPLOADS_BUSY with Retry-After.`, body: ZAnonymousReportCreate.nullish(), response: { 201: ZReportFiled } },
  }, async (req, reply) => {
    const { body, attachments } = await readFiling(deps, req, req.body, ZAnonymousReportFormFields);
    const { email, name, departement, ...rest } = body;
    const filed = await fileAndDescribe(deps, req.auditContext, { ...toFiling(rest, attachments), reporter: { email, name, confirmed: false }, departement: departement ?? null });
    return reply.status(201).send(filed);
  });

  app.post('/api/reports/confirm', {
    config: { access: 'public', rateLimit: limited },
    schema: { tags: ['reports'], summary: 'Confirm the address of a report filed without an account', body: ZReportConfirm, response: { 200: ZReportFiled } },
  }, async (req) => {
    const { report, guidance } = await confirmReport(deps, req.auditContext, req.body.token, req.log);
    return { reportId: report.id, receiptNumber: report.receiptNumber, status: report.status, statusLabel: REPORT_STATUS_LABELS[report.status], channel: report.channel, confirmationRequired: false, guidance, consequences: report.consequences };
  });

  app.get('/api/reports/follow', {
    config: { access: 'public', rateLimit: limited },
    schema: { tags: ['reports'], summary: 'Status of a report, from the follow link mailed to its reporter', querystring: ZReportFollowQuery, response: { 200: ZReportSummary } },
  }, async (req) => followReport(deps, req.query.recu, req.query.jeton));

  app.get('/api/reports/mine', {
    config: { access: { permission: 'report:read_own' } },
    schema: { tags: ['reports'], summary: "The doctor's own reports and their status", querystring: ZMyReportsQuery, response: { 200: ZMyReports } },
  }, async (req) => listOwnReports(deps, requireSession(req).actor, req.query.page));

  app.get('/api/reports/mine/:receiptNumber', {
    config: { access: { permission: 'report:read_own' } },
    schema: { tags: ['reports'], summary: 'One report the doctor sent: what they sent, its status and the guidance', params: ZOwnReportParams, response: { 200: ZOwnReport } },
  }, async (req) => ownReport(deps, requireSession(req).actor, req.params.receiptNumber));
};
