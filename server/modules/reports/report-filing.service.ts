import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { analyzePrepared, indicatorLookupKeys, indicatorsOf, MessageInputError, prepareMessage } from '../../../analysis/analyze.js';
import { stripControlCharactersDeep } from '../../platform/http/control-characters.js';
import type { Analysis, KnownIndicator, MessageInput, MessageKind } from '../../../analysis/analysis.types.js';
import { isDepartementCode } from '../../../contracts/departements.js';
import { reportGuidance, REPORT_CONSEQUENCES, type ReportConsequence } from '../../../contracts/reports.guidance.js';
import {
  MAX_CALLER_NUMBER_CHARS,
  MAX_DESCRIPTION_CHARS,
  MAX_ORGANISATION_CHARS,
  MAX_PASTED_TEXT_CHARS,
  MAX_REPORT_LINKS,
  MAX_SENDER_CHARS,
} from '../../../contracts/reports.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AttachmentOrigin, ReportChannel, ReportStatus } from '../../platform/db/schema-reports.js';
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
import * as reportsRepo from './reports.repo.js';

/** A copy held in memory (a forwarded email's original, small): the filing stores it. */
export interface FiledAttachment {
  fileName: string;
  bytes: Uint8Array;
  origin: AttachmentOrigin;
}

export interface NewReportFiling {
  source: 'formulaire' | 'courriel';
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
const CHANNELS: readonly ReportChannel[] = ['telephone', 'sms', 'courriel', 'courrier', 'autre'];
const KIND_OF_CHANNEL: Record<ReportChannel, MessageKind> = { telephone: 'call', sms: 'sms', courriel: 'email', courrier: 'email', autre: 'email' };
const MAX_SEARCH_TEXT = 20_000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Receipt numbers are read aloud and typed: no 0/O, 1/I.
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** SIG-<year>-<8 random characters>: not guessable, unique by constraint. */
export function newReceiptNumber(now = new Date()): string {
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now);
  return `SIG-${year}-${Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('')}`;
}

interface CheckedFiling {
  occurredOn: string | null;
  organisationName: string;
  callerNumber: string;
  sender: string;
  links: string[];
  description: string;
  pastedText: string;
  consequences: ReportConsequence[];
}

function checkFields(deps: ServiceDeps, filing: NewReportFiling): CheckedFiling {
  if (!CHANNELS.includes(filing.channel)) throw fieldError('channel', 'Choisissez le canal : téléphone, SMS, courriel, courrier ou autre.');
  const bounded = (value: string | undefined, max: number, path: string, label: string) => {
    const v = (value ?? '').trim();
    if (v.length > max) throw fieldError(path, `${label} : ${max.toLocaleString('fr-FR')} caractères au plus.`);
    return v;
  };
  const occurredOn = filing.occurredOn ?? null;
  if (occurredOn !== null) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(occurredOn) ? new Date(`${occurredOn}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== occurredOn) throw fieldError('occurredOn', 'Date invalide (attendu : AAAA-MM-JJ).');
    if (occurredOn > parisDay()) throw fieldError('occurredOn', 'La date ne peut pas être dans le futur.');
    if (occurredOn < '2000-01-01') throw fieldError('occurredOn', 'La date est trop ancienne.');
  }
  const links = (filing.links ?? []).map((l) => l.trim()).filter((l) => l !== '');
  if (links.length > MAX_REPORT_LINKS) throw fieldError('links', `${MAX_REPORT_LINKS} liens au plus.`);
  links.forEach((l, i) => {
    if (l.length > 2048) throw fieldError(`links.${i}`, 'Lien trop long (2 048 caractères au plus).');
  });
  const pastedText = filing.pastedText ?? '';
  if (pastedText.length > MAX_PASTED_TEXT_CHARS) throw fieldError('pastedText', `Copie des échanges : ${MAX_PASTED_TEXT_CHARS.toLocaleString('fr-FR')} caractères au plus.`);
  const consequences = [...new Set(filing.consequences ?? [])];
  if (consequences.some((c) => !REPORT_CONSEQUENCES.includes(c))) throw fieldError('consequences', 'Conséquence inconnue.');
  const checked: CheckedFiling = {
    occurredOn,
    organisationName: bounded(filing.organisationName, MAX_ORGANISATION_CHARS, 'organisationName', "Nom de l'organisme"),
    callerNumber: bounded(filing.callerNumber, MAX_CALLER_NUMBER_CHARS, 'callerNumber', 'Numéro'),
    sender: bounded(filing.sender, MAX_SENDER_CHARS, 'sender', 'Expéditeur'),
    links,
    description: bounded(filing.description, MAX_DESCRIPTION_CHARS, 'description', 'Description'),
    pastedText,
    consequences,
  };
  if (filing.attachments.length > deps.config.uploadMaxFiles) throw tooManyFiles(deps.config.uploadMaxFiles);
  if (checked.description === '' && checked.pastedText.trim() === '' && filing.attachments.length === 0 && !filing.analysisInput) {
    throw fieldError('description', 'Décrivez ce qui s’est passé, collez la copie des échanges ou joignez un fichier.');
  }
  return checked;
}

interface Reporter {
  userId: string | null;
  email: string;
  storedEmail: string | null;
  name: string;
  confirmed: boolean;
  departement: string | null;
}

async function resolveReporter(deps: ServiceDeps, filing: NewReportFiling): Promise<Reporter> {
  const r = filing.reporter;
  let reporter: Reporter;
  if ('userId' in r) {
    const [user] = await deps.database.db.select().from(users).where(eq(users.id, r.userId));
    if (!user || user.status !== 'active') throw new AppError('FORBIDDEN');
    reporter = { userId: user.id, email: user.email, storedEmail: null, name: '', confirmed: true, departement: user.departement };
  } else {
    const email = r.email.trim().toLowerCase();
    if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw fieldError('email', 'Adresse électronique invalide.');
    const name = (r.name ?? '').trim();
    if (name.length > 120) throw fieldError('name', 'Nom : 120 caractères au plus.');
    reporter = { userId: null, email, storedEmail: email, name, confirmed: r.confirmed, departement: null };
  }
  const departement = filing.departement !== undefined ? filing.departement : reporter.departement;
  if (departement !== null && !isDepartementCode(departement)) throw fieldError('departement', 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).');
  return { ...reporter, departement };
}

/**
 * What the engine reads: the copy of the exchanges, and the reporter's own account only when there is
 * no copy — their words may hold their own number, which the analysis would take for an indicator.
 */
function analysisText(f: CheckedFiling): string {
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
async function analyseReport(deps: ServiceDeps, filing: NewReportFiling, fields: CheckedFiling, attachments: ReceivedAttachment[]): Promise<Analysis | null> {
  const text = analysisText(fields);
  const textInput: MessageInput = { kind: KIND_OF_CHANNEL[filing.channel], text };
  const eml = filing.channel === 'courriel' && !filing.analysisInput ? attachments.find((a) => a.mediaType === 'message/rfc822') : undefined;
  const raw = eml ? await emailForAnalysis(deps, eml) : null;
  const first = filing.analysisInput ?? (raw ? { kind: 'email' as const, raw } : textInput);
  const analysis = await analyseInput(deps, first);
  if (analysis || first === textInput || text.trim() === '') return analysis;
  return analyseInput(deps, textInput);
}

function searchTextOf(f: CheckedFiling): string {
  const parts = [f.organisationName, f.callerNumber, f.sender, ...f.links, f.description, f.pastedText.slice(0, MAX_SEARCH_TEXT)];
  return foldForSearch(parts.join(' ')).slice(0, MAX_SEARCH_TEXT);
}

function isReceiptCollision(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505' && /receipt_number/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) return true;
  }
  return false;
}

/**
 * Files a report from the form or from a forwarded email: validates, stores the copies held in memory
 * (the form's are already streamed in), types them by content, scans them from the store, analyses the
 * message, then inserts the report, its attachments and the audit entry in one transaction. After commit, a confirmed report is queued for campaign grouping and its
 * receipt mailed; a report from an unconfirmed address gets the confirmation link instead. Throws
 * VALIDATION_FAILED (field errors), UPLOAD_REJECTED (size, type or virus; details name the file),
 * FORBIDDEN (disabled account), SERVICE_UNAVAILABLE (antivirus down). On any failure every stored copy
 * of the filing, given or stored here, is removed: no file outlives its row, none is left half-written.
 */
export async function fileReport(deps: ServiceDeps, ctx: AuditContext, filing: NewReportFiling): Promise<FiledReport> {
  const owned: ReceivedAttachment[] = filing.attachments.filter((a): a is ReceivedAttachment => 'key' in a);
  let inserted: { reportId: string; receiptNumber: string } | null = null;
  let fields: CheckedFiling;
  let analysis: Analysis | null;
  let reporter: Reporter;
  let confirmationToken: string | null;
  let followToken: string | null;
  let status: ReportStatus;
  try {
    fields = checkFields(deps, filing);
    reporter = await resolveReporter(deps, filing);
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
    const scanStatuses = await scanAttachments(deps, ctx, filing, attachments);
    // A control character decoded from the message (quoted-printable =00, base64) would be refused by
    // PostgreSQL inside the stored analysis: the one rule for text applies to what the engine read too.
    analysis = stripControlCharactersDeep(await analyseReport(deps, filing, fields, attachments)) as Analysis | null;

    confirmationToken = reporter.confirmed ? null : randomToken(32);
    followToken = reporter.userId === null && reporter.confirmed ? randomToken(32) : null;
    status = reporter.confirmed ? 'nouveau' : 'en_attente_confirmation';
    const now = new Date();
    for (let attempt = 1; inserted === null; attempt++) {
      const receiptNumber = newReceiptNumber(now);
      try {
        const reportId = await deps.database.db.transaction(async (tx) => {
          const row = await reportsRepo.insertReport(
            tx,
            {
              receiptNumber,
              source: filing.source,
              status,
              channel: filing.channel,
              occurredOn: fields.occurredOn,
              organisationName: fields.organisationName,
              callerNumber: fields.callerNumber,
              sender: fields.sender,
              links: fields.links,
              description: fields.description,
              pastedText: fields.pastedText,
              departement: reporter.departement,
              reporterUserId: reporter.userId,
              reporterEmail: reporter.storedEmail,
              reporterName: reporter.name,
              pseudonymous: filing.pseudonymous ?? false,
              followTokenHash: followToken ? sha256Hex(followToken) : null,
              confirmationTokenHash: confirmationToken ? sha256Hex(confirmationToken) : null,
              confirmationExpiresAt: confirmationToken ? new Date(now.getTime() + CONFIRMATION_HOURS * 3_600_000) : null,
              confirmedAt: reporter.confirmed ? now : null,
              analysis: analysis as unknown as Record<string, unknown> | null,
              verdict: analysis?.verdict ?? null,
              scamFamily: analysis?.family?.id ?? null,
              searchText: searchTextOf(fields),
            },
            fields.consequences,
          );
          await reportsRepo.insertAttachments(
            tx,
            attachments.map((a, i) => ({
              reportId: row.id,
              origin: a.origin,
              fileName: a.fileName,
              mediaType: a.mediaType,
              sizeBytes: a.sizeBytes,
              sha256: a.sha256,
              storageKey: a.key,
              scanStatus: scanStatuses[i]!,
            })),
          );
          await recordAudit(tx, ctx, {
            action: 'reports.report.created',
            entityType: 'report',
            entityId: row.id,
            details: { channel: filing.channel, source: filing.source, status, verdict: analysis?.verdict ?? null, attachmentCount: attachments.length, pseudonymous: filing.pseudonymous ?? false },
          });
          if (filing.auditAlso) await recordAudit(tx, ctx, { ...filing.auditAlso, entityType: 'report', entityId: row.id });
          return row.id;
        });
        inserted = { reportId, receiptNumber };
      } catch (err) {
        if (attempt < 3 && isReceiptCollision(err)) continue;
        throw err;
      }
    }
  } catch (err) {
    await removeAttachments(deps, owned);
    throw err;
  }
  const { reportId, receiptNumber } = inserted;

  if (confirmationToken) {
    await deps.outbox.queue(reportConfirmationMail(reporter.email, receiptNumber, `${deps.config.publicUrl}/signaler/confirmer?jeton=${confirmationToken}`, CONFIRMATION_HOURS));
  } else {
    // The report is committed: a failure past this point must not tell the reporter to file again. A
    // lost grouping job loses nothing (the worker drains every ungrouped report), and the receipt
    // number is on the reporter's screen whether or not its mail could be queued.
    await deps.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId }).catch(() => undefined);
    if (filing.sendReceipt === false) return { reportId, receiptNumber, status, followToken };
    const guidance = reportGuidance({ channel: filing.channel, consequences: fields.consequences, hasLinks: fields.links.length > 0 || (analysis?.indicators.urls.length ?? 0) > 0 });
    const follow = followToken
      ? { kind: 'link' as const, url: followUrl(deps, receiptNumber, followToken) }
      : { kind: 'account' as const, url: `${deps.config.publicUrl}/mes-signalements` };
    await deps.outbox.queue(reportReceiptMail(reporter.email, receiptNumber, follow, guidance, filing.source === 'courriel')).catch(() => undefined);
  }
  return { reportId, receiptNumber, status, followToken };
}

export function followUrl(deps: ServiceDeps, receiptNumber: string, followToken: string): string {
  return `${deps.config.publicUrl}/suivi?recu=${encodeURIComponent(receiptNumber)}&jeton=${encodeURIComponent(followToken)}`;
}
