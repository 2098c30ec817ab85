import { extractIndicators } from '../../../analysis/analyze.js';
import type { MessageInput } from '../../../analysis/analysis.types.js';
import { MAX_DESCRIPTION_CHARS, MAX_PASTED_TEXT_CHARS, MAX_REPORT_LINKS, MAX_SENDER_CHARS } from '../../../contracts/reports.schemas.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { stripControlCharacters } from '../../platform/http/control-characters.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { detectMediaType, fileReport, followUrl, type FiledAttachment, type NewReportFiling } from '../reports/index.js';
import { readReceivedEmail, type ForwardKind, type MailFile, type ReceivedEmail } from './forwarded-email.js';
import { forwardAcknowledgementMail } from './intake-mails.js';
import { findActiveUserByEmail } from './intake.repo.js';
import { withoutControlCharacters } from './intake-text.js';

/** Why a message was refused; the only detail kept about it (no address, no subject). */
export type RejectionReason =
  | 'destinataire_inconnu'
  | 'trop_volumineux'
  | 'trop_de_messages'
  | 'trop_de_connexions'
  | 'expediteur_absent'
  | 'boucle'
  | 'piece_jointe_refusee'
  | 'contenu_invalide';

/** A refusal the SMTP client is told about with this reply code (5xx: do not retry). */
export class IntakeRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface IntakeEnvelope {
  /** MAIL FROM, null for the empty reverse path of a bounce. */
  mailFrom: string | null;
  ctx: AuditContext;
}

export interface IntakeOutcome {
  reportId: string;
  receiptNumber: string;
  kind: ForwardKind;
  acknowledged: boolean;
}

/** The description keeps the doctor's comment; a whole thread quoted below it is cut. */
const MAX_COMMENT_CHARS = 4_000;

function bounded(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

async function linksOf(input: MessageInput | null): Promise<string[]> {
  if (!input) return [];
  try {
    const { urls } = await extractIndicators(input);
    return urls.map(stripControlCharacters).filter((u) => u.length <= 2048).slice(0, MAX_REPORT_LINKS);
  } catch {
    return [];
  }
}

/**
 * The copies kept with the report, within the upload limits: the message as received first, then the
 * attached emails, then the other attachments whose content is of an accepted type. What does not fit
 * (too large, too many, unknown type) is left out and counted, never refused: the report matters more.
 */
async function copiesToKeep(deps: ServiceDeps, raw: Uint8Array, read: ReceivedEmail): Promise<{ attachments: FiledAttachment[]; left: number }> {
  const candidates: (MailFile & { origin: FiledAttachment['origin']; fallback: string })[] = [
    { fileName: null, bytes: raw, origin: 'courriel_original', fallback: 'courriel-recu.eml' },
    ...read.attachedEmails.map((f) => ({ ...f, origin: 'piece_jointe_courriel' as const, fallback: 'message-transfere.eml' })),
    ...read.otherFiles.map((f) => ({ ...f, origin: 'piece_jointe_courriel' as const, fallback: 'piece-jointe' })),
  ];
  const attachments: FiledAttachment[] = [];
  let left = 0;
  for (const c of candidates) {
    const fits = attachments.length < deps.config.uploadMaxFiles && c.bytes.byteLength <= deps.config.uploadMaxBytes && (await detectMediaType(c.bytes)) !== null;
    if (fits) attachments.push({ fileName: c.fileName ?? c.fallback, bytes: c.bytes, origin: c.origin });
    else left += 1;
  }
  return { attachments, left };
}

function rejectionOf(err: unknown): IntakeRejection | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'UPLOAD_REJECTED') return new IntakeRejection('piece_jointe_refusee', 554, 'Message refuse : une piece jointe a ete refusee (type ou logiciel malveillant).');
  if (err.code === 'VALIDATION_FAILED' || err.code === 'FORBIDDEN') return new IntakeRejection('contenu_invalide', 554, 'Message refuse : son contenu ne peut pas etre enregistre.');
  return null;
}

/**
 * Turns one message received at the reporting address into a report: reads the forwarded message,
 * links it to the sender's account when the address is one, files it (one transaction, audited by
 * fileReport), audits the intake, then acknowledges it — except to a robot (bounce, auto-reply, list).
 * Throws IntakeRejection for a message that must be refused (the caller answers 5xx and audits it);
 * anything else is a temporary failure the sending server retries.
 */
export async function receiveEmail(deps: ServiceDeps, envelope: IntakeEnvelope, raw: Uint8Array): Promise<IntakeOutcome> {
  const read = withoutControlCharacters(await readReceivedEmail(raw));
  const ownAddresses = [deps.config.intakeSmtp.address, ...(/<([^>]+)>/.exec(deps.config.mailFrom)?.slice(1) ?? [deps.config.mailFrom])].map((a) => a.toLowerCase());
  const candidates = [read.reporterAddress, envelope.mailFrom?.toLowerCase() ?? null].filter((a): a is string => a !== null && a !== '');
  if (candidates.length === 0) throw new IntakeRejection('expediteur_absent', 550, "Message refuse : l'expediteur est introuvable.");
  if (candidates.some((a) => ownAddresses.includes(a))) throw new IntakeRejection('boucle', 550, 'Message refuse : il provient de Vigie.');

  // Only authenticated addresses (From, envelope) may tie the report to an account: a Resent-From header
  // is anyone's to write.
  const authenticated = [read.fromAddress, envelope.mailFrom?.toLowerCase() ?? null].filter((a): a is string => a !== null && a !== '');
  let user: Awaited<ReturnType<typeof findActiveUserByEmail>> = null;
  for (const address of new Set(authenticated)) {
    user ??= await findActiveUserByEmail(deps.database.db, address);
  }
  const reporterAddress = user?.email ?? candidates[0]!;
  const { original } = read;
  const occurredOn = original.occurredOn !== null && original.occurredOn >= '2000-01-01' && original.occurredOn <= parisDay() ? original.occurredOn : null;
  const { attachments, left } = await copiesToKeep(deps, raw, read);
  const links = await linksOf(original.analysisInput);

  const robot = read.autoGenerated || envelope.mailFrom === null;
  const filing: NewReportFiling & { sendReceipt: boolean } = {
    source: 'courriel',
    channel: 'courriel',
    occurredOn,
    sender: (original.sender ?? '').slice(0, MAX_SENDER_CHARS),
    links,
    description: bounded(read.comment, Math.min(MAX_COMMENT_CHARS, MAX_DESCRIPTION_CHARS)),
    // The readable copy of the suspicious message, for the search; the original itself is attached.
    pastedText: read.kind === 'none' && original.sender === null ? '' : bounded(original.text, MAX_PASTED_TEXT_CHARS),
    ...(original.analysisInput ? { analysisInput: original.analysisInput } : {}),
    reporter: user ? { userId: user.id } : { email: reporterAddress, ...(read.reporterName ? { name: read.reporterName.slice(0, 120) } : {}), confirmed: true },
    // An unknown sender may be anyone: the report goes to the national queue for the council to triage.
    departement: user ? user.departement : null,
    attachments,
    // The intake sends its own acknowledgement below, or none at all to a robot.
    sendReceipt: false,
    // In the report's own transaction: the report never exists without its intake entry.
    auditAlso: {
      action: 'intake.email.received',
      details: { forwarded: read.kind, sizeBytes: raw.byteLength, knownSender: user !== null, autoGenerated: robot, filesLeftOut: left, unreadable: read.unreadable },
    },
  };
  let filed;
  try {
    filed = await fileReport(deps, envelope.ctx, filing);
  } catch (err) {
    throw rejectionOf(err) ?? err;
  }

  let acknowledged = false;
  if (!robot) {
    const follow = filed.followToken
      ? { kind: 'link' as const, url: followUrl(deps, filed.receiptNumber, filed.followToken) }
      : { kind: 'account' as const, url: `${deps.config.publicUrl}/mes-signalements` };
    // The report is committed: a failure to queue the acknowledgement must not make the relay retry
    // (it would file the message twice). The sender can still follow the report from the reply's receipt.
    acknowledged = await deps.outbox
      .queue(forwardAcknowledgementMail({ to: reporterAddress, receiptNumber: filed.receiptNumber, kind: read.kind, follow, hasLinks: links.length > 0, formUrl: `${deps.config.publicUrl}/signaler` }))
      .then(() => true, () => false);
  }
  return { reportId: filed.reportId, receiptNumber: filed.receiptNumber, kind: read.kind, acknowledged };
}
