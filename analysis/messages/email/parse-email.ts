import type { Address, Email, Mailbox } from 'postal-mime';
import PostalMime from 'postal-mime';
import type { Span } from '../../engine/normalize.js';
import type { FoundLink } from '../links/extract-links.js';
import { MAX_LINKS, parseHref } from '../links/extract-links.js';
import type { AttachmentInfo } from './attachments.js';
import type { AuthenticationResults } from './auth-results.js';
import { parseAuthenticationResults } from './auth-results.js';
import { htmlToText } from './html-text.js';

export interface SenderMailbox {
  readonly name: string;
  readonly address: string;
  /** Where the display name and the address appear in the shown text. */
  readonly nameSpan?: Span;
  readonly addressSpan?: Span;
}

/** What the analysis needs from an email, all offsets pointing into `shownText`. */
export interface EmailContext {
  readonly from?: SenderMailbox;
  readonly replyTo: readonly SenderMailbox[];
  readonly returnPath?: string;
  readonly authentication: AuthenticationResults | null;
  readonly attachments: readonly (AttachmentInfo & { readonly evidence: Span })[];
  /**
   * Links of the HTML body, with the text displayed for each: the first MAX_LINKS + 1 (one more than
   * is ever checked, so that the analysis knows when some were left out).
   */
  readonly htmlLinks: readonly FoundLink[];
}

export interface ParsedEmail {
  readonly shownText: string;
  readonly context: EmailContext;
  /** What was left out of the message (French), for the analysis to say it is partial. */
  readonly notices: readonly string[];
}

/** Attachments listed and checked; a genuine message rarely has more. */
const MAX_ATTACHMENTS = 20;

/**
 * The « From sender date » line mailbox files put before each message (mbox), kept by many tools
 * that save a message as .eml. It is not a header (no colon after « From »); postal-mime skips it.
 */
const MBOX_SEPARATOR = /^From [^\s:]+[ \t][^\r\n]*\r?\n/;

/** A header block at the top of the text means a raw message (.eml) rather than a copied body. */
export function looksLikeMime(text: string): boolean {
  const head = text.slice(0, 8000).replace(MBOX_SEPARATOR, '');
  const blank = head.search(/\r?\n\r?\n/);
  const lines = (blank < 0 ? head : head.slice(0, blank)).split(/\r?\n/);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,60}:/.test(lines[0] ?? '')) return false;
  const known = ['from:', 'to:', 'subject:', 'date:', 'received:', 'mime-version:', 'message-id:', 'return-path:', 'content-type:'];
  return lines.filter((line) => known.some((name) => line.toLowerCase().startsWith(name))).length >= 2;
}

function firstMailbox(address: Address | undefined): Mailbox | undefined {
  if (!address) return undefined;
  return address.address !== undefined ? address : address.group[0];
}

function mailboxes(addresses: readonly Address[] | undefined): Mailbox[] {
  return (addresses ?? []).flatMap((a) => (a.address !== undefined ? [a] : a.group));
}

function header(email: Email, key: string): string | undefined {
  return email.headers.find((h) => h.key === key)?.value;
}

/** Builds the text shown to the user: a few decoded header lines, then the body. */
class ShownTextBuilder {
  text = '';

  line(label: string, value: string): Span {
    const start = this.text.length + label.length;
    this.text += `${label}${value}\n`;
    return { start, end: start + value.length };
  }

  mailboxLine(label: string, mailbox: Mailbox): SenderMailbox {
    const prefix = mailbox.name !== '' ? `${mailbox.name} <` : '<';
    const span = this.line(label, `${prefix}${mailbox.address}>`);
    const nameSpan = mailbox.name !== '' ? { start: span.start, end: span.start + mailbox.name.length } : undefined;
    const addressStart = span.start + prefix.length;
    return { name: mailbox.name, address: mailbox.address.toLowerCase(), nameSpan, addressSpan: { start: addressStart, end: addressStart + mailbox.address.length } };
  }
}

/**
 * Deepest MIME nesting accepted: a genuine message rarely goes past five levels (mixed, alternative,
 * related…). Deeper, postal-mime refuses the message, which is then analysed as raw text.
 */
const MAX_MIME_DEPTH = 64;

/** Parses MIME bytes (multipart, quoted-printable, base64, encoded words) with postal-mime. */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: MAX_MIME_DEPTH });
  const builder = new ShownTextBuilder();
  const fromMailbox = firstMailbox(email.from);
  const from = fromMailbox ? builder.mailboxLine('De : ', fromMailbox) : undefined;
  const replyTo = mailboxes(email.replyTo).slice(0, 3).map((m) => builder.mailboxLine('Répondre à : ', m));
  if (email.subject) builder.line('Objet : ', email.subject.replace(/\s/g, ' '));
  const attachments: (AttachmentInfo & { evidence: Span })[] = [];
  const notices: string[] = [];
  const allFiles = email.attachments.filter((a) => a.disposition !== 'inline' || a.filename !== null);
  const files = allFiles.slice(0, MAX_ATTACHMENTS);
  if (allFiles.length > MAX_ATTACHMENTS) {
    notices.push(`Le courriel a ${allFiles.length.toLocaleString('fr-FR')} pièces jointes : seules les ${MAX_ATTACHMENTS} premières ont été examinées.`);
  }
  if (email.attachments.some((a) => a.rfc822DepthExceeded === true)) {
    notices.push('Le courriel contient des messages transférés imbriqués trop profondément : les plus profonds n’ont pas été lus.');
  }
  if (files.length > 0) {
    builder.text += 'Pièces jointes : ';
    files.forEach((file, i) => {
      const filename = (file.filename ?? 'sans nom').replace(/\s/g, ' ');
      const start = builder.text.length;
      builder.text += filename + (i < files.length - 1 ? ', ' : '\n');
      attachments.push({ filename, mimeType: file.mimeType, evidence: { start, end: start + filename.length } });
    });
  }
  builder.text += '\n';
  const bodyOffset = builder.text.length;
  const htmlLinks: FoundLink[] = [];
  if (email.html) {
    const html = htmlToText(email.html);
    builder.text += html.text;
    for (const anchor of html.anchors) {
      if (htmlLinks.length > MAX_LINKS) break;
      const parsed = parseHref(anchor.href);
      if (!parsed) continue;
      const evidence = { start: bodyOffset + anchor.start, end: bodyOffset + Math.max(anchor.end, anchor.start) };
      htmlLinks.push({ ...parsed, evidence, displayedText: anchor.displayedText });
    }
  } else {
    builder.text += email.text ?? '';
  }
  const returnPath = email.returnPath ?? header(email, 'return-path');
  return {
    shownText: builder.text,
    context: {
      from,
      replyTo,
      returnPath: returnPath?.replace(/[<>\s]/g, '').toLowerCase() || undefined,
      authentication: parseAuthenticationResults(header(email, 'authentication-results'), header(email, 'received-spf')),
      attachments,
      htmlLinks,
    },
    notices,
  };
}
