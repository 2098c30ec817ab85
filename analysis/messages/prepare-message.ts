import type { MessageInput, MessageKind } from '../analysis.types.js';
import { MESSAGE_KINDS } from '../analysis.types.js';
import type { Span } from '../engine/normalize.js';
import type { EmailContext, ParsedEmail, SenderMailbox } from './email/parse-email.js';
import { emlTooLargeMessage, MAX_EML_BYTES } from './email/email-limits.js';
import { looksLikeMime, parseEmail } from './email/parse-email.js';
import { readPastedHeaders } from './email/pasted-headers.js';

/** A message reduced to the text the user will see, plus what an email adds (sender, attachments). */
export interface PreparedMessage {
  readonly kind: MessageKind;
  readonly shownText: string;
  readonly email?: EmailContext;
  /** French notes for the user (text cut, unreadable email…). */
  readonly notices: readonly string[];
  /** The text was cut to the maximum length. */
  readonly truncated: boolean;
  /**
   * Part of the message was left out or could not be read: text or file cut, MIME structure refused
   * (then read as raw text), attachments past the number listed, forwarded messages nested too deep.
   * The analysis is then marked incomplete; `notices` says why.
   */
  readonly partial: boolean;
  readonly receivedAt?: string;
}

export const DEFAULT_MAX_TEXT_LENGTH = 200_000;

/** Refused input: the message (French) says what is wrong. */
export class MessageInputError extends Error {}

const EMPTY_MESSAGE = 'Le message est vide : fournissez un texte ou un fichier.';

function checkKind(input: MessageInput): void {
  if (!(MESSAGE_KINDS as readonly string[]).includes(input.kind)) {
    throw new MessageInputError(`Type de message inconnu : « ${String(input.kind)} » (attendu : ${MESSAGE_KINDS.join(', ')}).`);
  }
  if (input.text === undefined && input.raw === undefined) throw new MessageInputError(EMPTY_MESSAGE);
  if (input.raw !== undefined && !(input.raw instanceof Uint8Array)) throw new MessageInputError('Le fichier du courriel doit être fourni en octets.');
  if (input.raw === undefined && typeof input.text !== 'string') throw new MessageInputError('Le message doit être un texte.');
  if (input.raw !== undefined && input.raw.length === 0) throw new MessageInputError('Le fichier est vide : il ne contient aucun octet.');
  // Refused, not cut: the start of a large file is mostly its first attachment, and a partial verdict
  // on it would mislead. The limit (25 Mo) lets in any message a mail service delivers.
  if (input.raw !== undefined && input.raw.length > MAX_EML_BYTES) throw new MessageInputError(emlTooLargeMessage(input.raw.length));
}

/** Only spaces and invisible characters: nothing to analyse, and « aucun signal » would mislead. */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

function checkNotBlank(text: string): void {
  if (BLANK.test(text)) throw new MessageInputError(EMPTY_MESSAGE);
}

function cut(text: string, maxLength: number): { text: string; truncated: boolean } {
  if (text.length <= maxLength) return { text, truncated: false };
  // Never split a surrogate pair: the shown text must stay valid UTF-16.
  const end = /[\ud800-\udbff]/.test(text[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return { text: text.slice(0, end), truncated: true };
}

function finish(
  kind: MessageKind,
  shownText: string,
  maxLength: number,
  receivedAt: string | undefined,
  email?: EmailContext,
  notices: string[] = [],
): PreparedMessage {
  const limited = cut(shownText, maxLength);
  if (limited.truncated) notices.push(`Le texte dépasse ${maxLength.toLocaleString('fr-FR')} caractères : seul le début a été analysé.`);
  const context = email && limited.truncated ? insideText(email, limited.text.length) : email;
  return { kind, shownText: limited.text, email: context, notices, truncated: limited.truncated, partial: notices.length > 0, receivedAt };
}

/**
 * The email context of a cut text: every offset must stay inside the shown text, so links of the
 * part cut off are dropped, and the highlights of a sender or attachment beyond the cut are too (the
 * checks on them still run).
 */
function insideText(context: EmailContext, length: number): EmailContext {
  const inside = (span: Span | undefined): boolean => span !== undefined && span.end <= length;
  const mailbox = (m: SenderMailbox): SenderMailbox => ({
    ...m,
    nameSpan: inside(m.nameSpan) ? m.nameSpan : undefined,
    addressSpan: inside(m.addressSpan) ? m.addressSpan : undefined,
  });
  return {
    ...context,
    from: context.from ? mailbox(context.from) : undefined,
    replyTo: context.replyTo.map(mailbox),
    attachments: context.attachments.map((a) => (inside(a.evidence) ? a : { ...a, evidence: { start: Math.min(a.evidence.start, length), end: length } })),
    htmlLinks: context.htmlLinks.filter((link) => inside(link.evidence)),
  };
}

function pastedEmailContext(text: string): EmailContext {
  const pasted = readPastedHeaders(text);
  return { from: pasted.from, replyTo: pasted.replyTo, authentication: null, attachments: [], htmlLinks: [] };
}

/**
 * Prepares a message without parsing MIME: for SMS, calls, links, numbers and emails copied as
 * text. An email given as raw bytes needs `prepareMessage`.
 */
export function prepareTextMessage(input: MessageInput, maxLength = DEFAULT_MAX_TEXT_LENGTH): PreparedMessage {
  checkKind(input);
  const text = input.text ?? new TextDecoder().decode(input.raw);
  checkNotBlank(text);
  const email = input.kind === 'email' ? pastedEmailContext(text) : undefined;
  return finish(input.kind, text, maxLength, input.receivedAt, email);
}

/** Prepares any message; an email file (bytes, or text starting with headers) is parsed as MIME. */
export async function prepareMessage(input: MessageInput, maxLength = DEFAULT_MAX_TEXT_LENGTH): Promise<PreparedMessage> {
  checkKind(input);
  const rawText = input.raw === undefined && input.text !== undefined && looksLikeMime(input.text) ? input.text : undefined;
  // A file without a header block (a body saved as .eml or .txt) is read as text, not parsed as MIME.
  const rawIsMime = input.raw !== undefined && looksLikeMime(new TextDecoder().decode(input.raw.subarray(0, 8000)));
  if (input.kind !== 'email' || (!rawIsMime && rawText === undefined)) {
    return prepareTextMessage(input.raw !== undefined && !rawIsMime ? { ...input, text: new TextDecoder().decode(input.raw) } : input, maxLength);
  }
  const notices: string[] = [];
  const raw: Uint8Array | string = input.raw ?? rawText ?? '';
  // A whole email pasted as text: characters, at least one byte each.
  if (raw.length > MAX_EML_BYTES) throw new MessageInputError(emlTooLargeMessage(typeof raw === 'string' ? new TextEncoder().encode(raw).length : raw.length));
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(raw);
  } catch {
    // postal-mime refuses broken or abusive structures (parts nested too deep, oversized headers).
    notices.push('Le courriel n’a pas pu être décodé : il est analysé comme du texte brut.');
    const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    return finish('email', text, maxLength, input.receivedAt, pastedEmailContext(text), notices);
  }
  if (BLANK.test(parsed.shownText)) throw new MessageInputError('Le courriel ne contient rien à analyser : ni expéditeur, ni objet, ni texte.');
  return finish('email', parsed.shownText, maxLength, input.receivedAt, parsed.context, [...notices, ...parsed.notices]);
}
