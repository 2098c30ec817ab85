import type { MessageInput, MessageKind } from '../analysis.types.js';
import { MESSAGE_KINDS } from '../analysis.types.js';
import type { EmailContext } from './email/parse-email.js';
import { looksLikeMime, parseEmail } from './email/parse-email.js';
import { readPastedHeaders } from './email/pasted-headers.js';

/** A message reduced to the text the user will see, plus what an email adds (sender, attachments). */
export interface PreparedMessage {
  readonly kind: MessageKind;
  readonly shownText: string;
  readonly email?: EmailContext;
  /** French notes for the user (text cut, unreadable email…). */
  readonly notices: readonly string[];
  readonly truncated: boolean;
  readonly receivedAt?: string;
}

export const DEFAULT_MAX_TEXT_LENGTH = 200_000;
/** Larger email files are cut before parsing; a genuine message to a doctor is far smaller. */
const MAX_RAW_BYTES = 5_000_000;

/** Refused input: the message (French) says what is wrong. */
export class MessageInputError extends Error {}

function checkKind(input: MessageInput): void {
  if (!(MESSAGE_KINDS as readonly string[]).includes(input.kind)) {
    throw new MessageInputError(`Type de message inconnu : « ${String(input.kind)} » (attendu : ${MESSAGE_KINDS.join(', ')}).`);
  }
  if (input.text === undefined && input.raw === undefined) throw new MessageInputError('Le message est vide : fournissez un texte ou un fichier.');
}

function cut(text: string, maxLength: number): { text: string; truncated: boolean } {
  if (text.length <= maxLength) return { text, truncated: false };
  // Never split a surrogate pair: the shown text must stay valid UTF-16.
  const end = /[\ud800-\udbff]/.test(text[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return { text: text.slice(0, end), truncated: true };
}

function finish(kind: MessageKind, shownText: string, maxLength: number, receivedAt: string | undefined, email?: EmailContext, notices: string[] = []): PreparedMessage {
  const limited = cut(shownText, maxLength);
  if (limited.truncated) notices.push(`Le texte dépasse ${maxLength.toLocaleString('fr-FR')} caractères : seul le début a été analysé.`);
  return { kind, shownText: limited.text, email, notices, truncated: limited.truncated, receivedAt };
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
  let raw: Uint8Array | string = input.raw ?? rawText ?? '';
  if (raw.length > MAX_RAW_BYTES) {
    raw = raw.slice(0, MAX_RAW_BYTES);
    notices.push('Le fichier du courriel est très volumineux : seul son début a été lu.');
  }
  try {
    const parsed = await parseEmail(raw);
    return finish('email', parsed.shownText, maxLength, input.receivedAt, parsed.context, notices);
  } catch {
    notices.push('Le courriel n’a pas pu être décodé : il est analysé comme du texte brut.');
    const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    return finish('email', text, maxLength, input.receivedAt, pastedEmailContext(text), notices);
  }
}
