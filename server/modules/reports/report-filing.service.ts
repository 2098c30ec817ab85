import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { analyzePrepared, indicatorLookupKeys, indicatorsOf, MessageInputError, prepareMessage } from '../../../analysis/analyze.js';
import { stripControlCharactersDeep } from '../../platform/http/control-characters.js';
import type { Analysis, KnownIndicator, MessageInput } from '../../../analysis/analysis.types.js';
import { reportGuidance, type ReportConsequence } from '../../../contracts/reports.guidance.js';
import { REPORT_CONTENT_REQUIRED, ZReportFiling, type TReportFiling, type TReportFilingInput } from '../../../contracts/reports.schemas.js';
import { MESSAGE_KIND_OF_CHANNEL, type AttachmentOrigin, type ReportChannel, type ReportSource, type ReportStatus, type ScanStatus } from '../../../contracts/report-vocabulary.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { users } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { recordAudit, type AuditAction, type AuditContext } from '../../platform/audit/audit.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { GROUP_REPORT_QUEUE } from '../../platform/jobs/queues.js';
import { reportConfirmationMail, reportReceiptMail } from '../../platform/mail/report-mails.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { findActiveIndicators } from '../indicators/index.js';
import { emailForAnalysis, receiveAttachment, removeAttachments, scanAttachments, tooManyFiles, type ReceivedAttachment } from './report-attachments.js';
import { validateFields } from './report-fields.js';
import * as reportsRepo from './reports.repo.js';

/** A copy held in memory (a forwarded email's original, small): the filing stores it. */
export interface FiledAttachment {
  fileName: string;
  bytes: Uint8Array;
  origin: AttachmentOrigin;
}

export interface NewReportFiling {
  source: ReportSource;
  channel: ReportChannel;
  occurredOn?: string | null;
  organisationName?: string;
  callerNumber?: string;
  sender?: string;
  links?: string[];
  description?: string;
  pastedText?: string;
  /** The message to analyse: raw MIME bytes for an email, else text (defaults to pastedText + description). */
  analysisInput?: MessageInput;
  reporter: { userId: string } | { email: string; name?: string; confirmed: boolean };
  /** Defaults to the reporting account's département (null: national or unknown). */
  departement?: string | null;
  pseudonymous?: boolean;
  /** What happened to the reporter (money, credentials…), from the form; drives the guidance. */
  consequences?: ReportConsequence[];
  /**
   * Copies in memory (stored by the filing), or already streamed into the store by the form
   * (receiveAttachment). Either way the filing owns their keys: on any failure they are all removed.
   */
  attachments: (FiledAttachment | ReceivedAttachment)[];
  /**
   * Mail the receipt of a confirmed report (default true). The email intake sends its own
   * acknowledgement, or none to a robot, and sets it to false. The confirmation link of an unconfirmed
   * address is always mailed: without it the report could never count.
   */
  sendReceipt?: boolean;
  /**
   * A further audit entry on the new report, written in the same transaction (the email intake's
   * `intake.email.received`), so the report never exists without it.
   */
  auditAlso?: { action: AuditAction; details: Record<string, unknown> };
}

export interface FiledReport {
  reportId: string;
  receiptNumber: string;
  status: ReportStatus;
  followToken: string | null;
}

export const CONFIRMATION_HOURS = 48;
const MAX_SEARCH_TEXT = 20_000;
const OLDEST_OCCURRED_ON = '2000-01-01';
// Receipt numbers are read aloud and typed: no 0/O, 1/I.
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** SIG-<year>-<8 random characters>: not guessable, unique by constraint. */
export function newReceiptNumber(now = new Date()): string {
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now);
  return `SIG-${year}-${Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('')}`;
}

/** A reporter without an account must give an address: the same schema, with it required. */
const ZAnonymousFiling = ZReportFiling.required({ email: true });

interface CheckedFiling {
  fields: TReportFiling;
  /** The account, or the reporter without one with their address and name as validated. */
  reporter: { userId: string } | { email: string; name: string; confirmed: boolean };
}

/**
 * The filing's fields through ZReportFiling, the schema the routes' bodies are made of, whatever door
 * they came through; then the rules only the service can decide: the date against today's, something
 * to read (text, a file or a message), the number of files. Throws VALIDATION_FAILED or UPLOAD_REJECTED.
 */
function checkFiling(deps: ServiceDeps, filing: NewReportFiling): CheckedFiling {
  const input: TReportFilingInput = {
    channel: filing.channel,
    occurredOn: filing.occurredOn,
    organisationName: filing.organisationName,
    callerNumber: filing.callerNumber,
    sender: filing.sender,
    links: filing.links,
    description: filing.description,
    pastedText: filing.pastedText,
    consequences: filing.consequences,
    pseudonymous: filing.pseudonymous,
    departement: filing.departement,
  };
  const r = filing.reporter;
  let checked: CheckedFiling;
  if ('userId' in r) {
    checked = { fields: validateFields(ZReportFiling, input), reporter: r };
  } else {
    const fields = validateFields(ZAnonymousFiling, { ...input, email: r.email, name: r.name });
    checked = { fields, reporter: { email: fields.email, name: fields.name, confirmed: r.confirmed } };
  }
  const { fields } = checked;
  if (fields.occurredOn) {
    if (fields.occurredOn > parisDay()) throw fieldError('occurredOn', 'La date ne peut pas être dans le futur.');
    if (fields.occurredOn < OLDEST_OCCURRED_ON) throw fieldError('occurredOn', 'La date est trop ancienne.');
  }
  if (filing.attachments.length > deps.config.uploadMaxFiles) throw tooManyFiles(deps.config.uploadMaxFiles);
  if (fields.description === '' && fields.pastedText.trim() === '' && filing.attachments.length === 0 && !filing.analysisInput) {
    throw fieldError('description', REPORT_CONTENT_REQUIRED);
  }
  // A consequence ticked twice (a repeated form part) is stored once.
  return { ...checked, fields: { ...fields, consequences: [...new Set(fields.consequences)] } };
}

interface Reporter {
  userId: string | null;
  email: string;
  storedEmail: string | null;
  name: string;
  confirmed: boolean;
  departement: string | null;
}

/** Who files: an active account (else FORBIDDEN), or the validated address; the département defaults to the account's. */
async function resolveReporter(deps: ServiceDeps, checked: CheckedFiling): Promise<Reporter> {
  const r = checked.reporter;
  let reporter: Reporter;
  if ('userId' in r) {
    const [user] = await deps.database.db.select().from(users).where(eq(users.id, r.userId));
    if (!user || user.status !== 'active') throw new AppError('FORBIDDEN');
    reporter = { userId: user.id, email: user.email, storedEmail: null, name: '', confirmed: true, departement: user.departement };
  } else {
    reporter = { userId: null, email: r.email, storedEmail: r.email, name: r.name, confirmed: r.confirmed, departement: null };
  }
  const { departement } = checked.fields;
  return departement !== undefined ? { ...reporter, departement } : reporter;
}

/**
 * What the engine reads: the copy of the exchanges, and the reporter's own account only when there is
 * no copy — their words may hold their own number, which the analysis would take for an indicator.
 */
function analysisText(f: TReportFiling): string {
  const parts = [f.pastedText.trim() !== '' ? f.pastedText : f.description];
  if (f.callerNumber) parts.push(`Numéro : ${f.callerNumber}`);
  if (f.sender) parts.push(`Expéditeur : ${f.sender}`);
  if (f.links.length > 0) parts.push(`Liens : ${f.links.join(' ')}`);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

async function analyseInput(deps: ServiceDeps, input: MessageInput): Promise<Analysis | null> {
  try {
    const prepared = await prepareMessage(input);
    const sightings = await findActiveIndicators(deps.database.db, indicatorLookupKeys(indicatorsOf(prepared)));
    const known = new Map<string, KnownIndicator>(sightings.map((s) => [s.value, { reports: s.reportCount, ...(s.campaignLabel ? { campaign: s.campaignLabel } : {}) }]));
    return analyzePrepared(prepared, { knownIndicators: known });
  } catch (err) {
    if (err instanceof MessageInputError) return null;
    throw err;
  }
}

/**
 * The engine's reading of the report: the given input (a forwarded email's MIME), else an uploaded
 * .eml for an email report, else the text (copy of the exchanges, description, numbers, links). A
 * message the engine cannot read falls back to the text; nothing to read at all gives no analysis.
 */
async function analyseReport(deps: ServiceDeps, filing: NewReportFiling, fields: TReportFiling, attachments: ReceivedAttachment[]): Promise<Analysis | null> {
  const text = analysisText(fields);
  const textInput: MessageInput = { kind: MESSAGE_KIND_OF_CHANNEL[filing.channel], text };
  const eml = filing.channel === 'courriel' && !filing.analysisInput ? attachments.find((a) => a.mediaType === 'message/rfc822') : undefined;
  const raw = eml ? await emailForAnalysis(deps, eml) : null;
  const first = filing.analysisInput ?? (raw ? { kind: 'email' as const, raw } : textInput);
  const analysis = await analyseInput(deps, first);
  if (analysis || first === textInput || text.trim() === '') return analysis;
  return analyseInput(deps, textInput);
}

function searchTextOf(f: TReportFiling): string {
  const parts = [f.organisationName, f.callerNumber, f.sender, ...f.links, f.description, f.pastedText.slice(0, MAX_SEARCH_TEXT)];
  return foldForSearch(parts.join(' ')).slice(0, MAX_SEARCH_TEXT);
}

function isReceiptCollision(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505' && /receipt_number/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) return true;
  }
  return false;
}

/** Everything the report's row needs, decided before its transaction opens. */
interface PreparedFiling {
  fields: TReportFiling;
  reporter: Reporter;
  attachments: ReceivedAttachment[];
  scanStatuses: ScanStatus[];
  analysis: Analysis | null;
  status: ReportStatus;
  confirmationToken: string | null;
  followToken: string | null;
  now: Date;
}

/**
 * Stores the copies held in memory (the form's are already in the store) and returns every copy of the
 * filing in order; each key stored here is pushed to `owned` at once, so a later failure removes it.
 */
async function storeCopies(deps: ServiceDeps, filing: NewReportFiling, owned: ReceivedAttachment[]): Promise<ReceivedAttachment[]> {
  const attachments: ReceivedAttachment[] = [];
  for (const [index, a] of filing.attachments.entries()) {
    if ('key' in a) {
      attachments.push(a);
      continue;
    }
    const received = await receiveAttachment(deps, { source: a.bytes, rawFileName: a.fileName, origin: a.origin, index });
    owned.push(received);
    attachments.push(received);
  }
  return attachments;
}

/** Validates, resolves the reporter, stores and scans the copies, analyses the message, draws the tokens. */
async function prepareFiling(deps: ServiceDeps, ctx: AuditContext, filing: NewReportFiling, owned: ReceivedAttachment[]): Promise<PreparedFiling> {
  const checked = checkFiling(deps, filing);
  const reporter = await resolveReporter(deps, checked);
  const attachments = await storeCopies(deps, filing, owned);
  const scanStatuses = await scanAttachments(deps, ctx, filing, attachments);
  // A control character decoded from the message (quoted-printable =00, base64) would be refused by
  // PostgreSQL inside the stored analysis: the one rule for text applies to what the engine read too.
  const analysis = stripControlCharactersDeep(await analyseReport(deps, filing, checked.fields, attachments));
  const confirmationToken = reporter.confirmed ? null : randomToken(32);
  return {
    fields: checked.fields,
    reporter,
    attachments,
    scanStatuses,
    analysis,
    status: reporter.confirmed ? 'nouveau' : 'en_attente_confirmation',
    confirmationToken,
    followToken: reporter.userId === null && reporter.confirmed ? randomToken(32) : null,
    now: new Date(),
  };
}

function reportValues(filing: NewReportFiling, p: PreparedFiling, receiptNumber: string): reportsRepo.NewReportRow {
  const { fields, reporter, analysis } = p;
  return {
    receiptNumber,
    source: filing.source,
    status: p.status,
    channel: fields.channel,
    occurredOn: fields.occurredOn ?? null,
    organisationName: fields.organisationName,
    callerNumber: fields.callerNumber,
    sender: fields.sender,
    links: fields.links,
    description: fields.description,
    pastedText: fields.pastedText,
    consequences: fields.consequences,
    departement: reporter.departement,
    reporterUserId: reporter.userId,
    reporterEmail: reporter.storedEmail,
    reporterName: reporter.name,
    pseudonymous: fields.pseudonymous,
    followTokenHash: p.followToken ? sha256Hex(p.followToken) : null,
    confirmationTokenHash: p.confirmationToken ? sha256Hex(p.confirmationToken) : null,
    confirmationExpiresAt: p.confirmationToken ? new Date(p.now.getTime() + CONFIRMATION_HOURS * 3_600_000) : null,
    confirmedAt: reporter.confirmed ? p.now : null,
    analysis,
    verdict: analysis?.verdict ?? null,
    scamFamily: analysis?.family?.id ?? null,
    searchText: searchTextOf(fields),
  };
}

/** The report, its attachments and its audit entries in one transaction; a receipt number taken by another report is drawn again. */
async function insertReport(deps: ServiceDeps, ctx: AuditContext, filing: NewReportFiling, p: PreparedFiling): Promise<{ reportId: string; receiptNumber: string }> {
  for (let attempt = 1; ; attempt++) {
    const receiptNumber = newReceiptNumber(p.now);
    try {
      const reportId = await deps.database.db.transaction(async (tx) => {
        const row = await reportsRepo.insertReport(tx, reportValues(filing, p, receiptNumber));
        await reportsRepo.insertAttachments(
          tx,
          p.attachments.map((a, i) => ({
            reportId: row.id,
            origin: a.origin,
            fileName: a.fileName,
            mediaType: a.mediaType,
            sizeBytes: a.sizeBytes,
            sha256: a.sha256,
            storageKey: a.key,
            scanStatus: p.scanStatuses[i]!,
          })),
        );
        await recordAudit(tx, ctx, {
          action: 'reports.report.created',
          entityType: 'report',
          entityId: row.id,
          details: { channel: filing.channel, source: filing.source, status: p.status, verdict: p.analysis?.verdict ?? null, attachmentCount: p.attachments.length, pseudonymous: p.fields.pseudonymous },
        });
        if (filing.auditAlso) await recordAudit(tx, ctx, { ...filing.auditAlso, entityType: 'report', entityId: row.id });
        return row.id;
      });
      return { reportId, receiptNumber };
    } catch (err) {
      if (attempt < 3 && isReceiptCollision(err)) continue;
      throw err;
    }
  }
}

/**
 * After commit: the confirmation link to an unconfirmed address; else the grouping job and the receipt.
 * The report is committed: a failure past this point must not tell the reporter to file again. A lost
 * grouping job loses nothing (the worker drains every ungrouped report), and the receipt number is on
 * the reporter's screen whether or not its mail could be queued.
 */
async function announceFiled(deps: ServiceDeps, filing: NewReportFiling, p: PreparedFiling, filed: FiledReport): Promise<void> {
  const { receiptNumber, reportId } = filed;
  if (p.confirmationToken) {
    await deps.outbox.queue(reportConfirmationMail(p.reporter.email, receiptNumber, `${deps.config.publicUrl}/signaler/confirmer?jeton=${p.confirmationToken}`, CONFIRMATION_HOURS));
    return;
  }
  await deps.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId }).catch(() => undefined);
  if (filing.sendReceipt === false) return;
  const hasLinks = p.fields.links.length > 0 || (p.analysis?.indicators.urls.length ?? 0) > 0;
  const guidance = reportGuidance({ channel: filing.channel, consequences: p.fields.consequences, hasLinks });
  const follow = p.followToken
    ? { kind: 'link' as const, url: followUrl(deps, receiptNumber, p.followToken) }
    : { kind: 'account' as const, url: `${deps.config.publicUrl}/mes-signalements` };
  await deps.outbox.queue(reportReceiptMail(p.reporter.email, receiptNumber, follow, guidance, filing.source === 'courriel')).catch(() => undefined);
}

/**
 * Files a report from the form or from a forwarded email: validates its fields with ZReportFiling,
 * stores the copies held in memory (the form's are already streamed in), types them by content, scans
 * them from the store, analyses the message, then inserts the report, its attachments and the audit
 * entry in one transaction. After commit, a confirmed report is queued for campaign grouping and its
 * receipt mailed; a report from an unconfirmed address gets the confirmation link instead. Throws
 * VALIDATION_FAILED (field errors), UPLOAD_REJECTED (size, type or virus; details name the file),
 * FORBIDDEN (disabled account), SERVICE_UNAVAILABLE (antivirus down). On any failure every stored copy
 * of the filing, given or stored here, is removed: no file outlives its row, none is left half-written.
 */
export async function fileReport(deps: ServiceDeps, ctx: AuditContext, filing: NewReportFiling): Promise<FiledReport> {
  const owned: ReceivedAttachment[] = filing.attachments.filter((a): a is ReceivedAttachment => 'key' in a);
  let prepared: PreparedFiling;
  let inserted: { reportId: string; receiptNumber: string };
  try {
    prepared = await prepareFiling(deps, ctx, filing, owned);
    inserted = await insertReport(deps, ctx, filing, prepared);
  } catch (err) {
    await removeAttachments(deps, owned);
    throw err;
  }
  const filed: FiledReport = { ...inserted, status: prepared.status, followToken: prepared.followToken };
  await announceFiled(deps, filing, prepared, filed);
  return filed;
}

export function followUrl(deps: ServiceDeps, receiptNumber: string, followToken: string): string {
  return `${deps.config.publicUrl}/suivi?recu=${encodeURIComponent(receiptNumber)}&jeton=${encodeURIComponent(followToken)}`;
}
