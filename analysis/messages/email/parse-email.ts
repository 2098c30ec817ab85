import type { Address, Email, Mailbox } from 'postal-mime';
import PostalMime from 'postal-mime';
import type { Span } from '../../engine/normalize.js';
import type { FoundLink } from '../links/extract-links.js';
import { extractLinksFromText, MAX_LINKS, parseHref } from '../links/extract-links.js';
import type { AttachmentInfo } from './attachments.js';
import { cleanAddress } from './extract-addresses.js';
import type { AuthenticationResults } from './auth-results.js';
import { parseAuthenticationResults } from './auth-results.js';
import { formatMegabytes, MAX_ATTACHMENT_TEXT_CHARS, MAX_ATTACHMENTS_TEXT_CHARS, MAX_BODY_CHARS } from './email-limits.js';
import type { HtmlAnchor } from './html-text.js';
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
  let known = 0;
  for (const line of lines) {
    if (isKnownHeaderLine(line) && ++known >= 2) return true;
  }
  return false;
}

const KNOWN_HEADERS = ['from:', 'to:', 'subject:', 'date:', 'received:', 'mime-version:', 'message-id:', 'return-path:', 'content-type:'];
/** Longer than any name of KNOWN_HEADERS: only the start of a line is lowered (a header block runs to thousands of characters). */
const KNOWN_HEADER_PREFIX = 16;

function isKnownHeaderLine(line: string): boolean {
  const start = line.slice(0, KNOWN_HEADER_PREFIX).toLowerCase();
  return KNOWN_HEADERS.some((name) => start.startsWith(name));
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
    // The header is shown as written; the sender is its address without a final dot or quotes around it.
    const clean = cleanAddress(mailbox.address);
    const within = clean?.span ?? { start: 0, end: mailbox.address.length };
    return {
      name: mailbox.name,
      address: clean?.address ?? mailbox.address.toLowerCase(),
      nameSpan,
      addressSpan: { start: addressStart + within.start, end: addressStart + within.end },
    };
  }
}

/**
 * Deepest MIME nesting accepted: a genuine message rarely goes past five levels (mixed, alternative,
 * related…). Deeper, postal-mime refuses the message, which is then analysed as raw text.
 */
const MAX_MIME_DEPTH = 64;


/** Bytes of an attachment as postal-mime returns them (ArrayBuffer, or Uint8Array for calendars). */
function contentBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** « 12 ko », « 3,4 Mo »: the size shown beside an attachment's name. */
function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} ko`;
  return formatMegabytes(bytes);
}

const TEXT_EXTENSIONS = new Set(['txt', 'csv', 'ics', 'vcs', 'eml', 'htm', 'html', 'md', 'log', 'xml', 'json', 'vcf']);

/**
 * The text of a text-like attachment — text/*, a forwarded message (message/rfc822, .eml), a calendar
 * (.ics), a table (.csv), a .txt — or null for the others (PDF, images, Office documents, archives):
 * those are listed, never opened. Only the start of the file is decoded (four bytes per character read
 * at most), so a 20 Mo attachment costs no more than a small one.
 */
async function attachmentText(file: Email['attachments'][number]): Promise<{ plain?: string; html?: string } | null> {
  const mime = file.mimeType.toLowerCase();
  const name = (file.filename ?? '').toLowerCase();
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const forwarded = mime === 'message/rfc822' || extension === 'eml';
  const textLike = forwarded || mime.startsWith('text/') || mime === 'application/ics' || TEXT_EXTENSIONS.has(extension);
  if (!textLike) return null;
  const bytes = contentBytes(file.content);
  const head = bytes.subarray(0, MAX_ATTACHMENT_TEXT_CHARS * 4);
  // A NUL byte means a binary file behind a text name or type: listed, not read.
  if (head.subarray(0, 8192).includes(0)) return null;
  if (forwarded) {
    // One level only, and the forwarded message is cut like the rest; its own attachments are not read.
    try {
      const inner = await PostalMime.parse(bytes.subarray(0, MAX_ATTACHMENT_TEXT_CHARS * 8), { attachmentEncoding: 'arraybuffer', maxNestingDepth: MAX_MIME_DEPTH, maxRfc822NestingDepth: 0 });
      const headerLines = [
        inner.from?.address ? `De : ${inner.from.name ? `${inner.from.name} ` : ''}<${inner.from.address}>` : '',
        inner.subject ? `Objet : ${inner.subject.replace(/\s/g, ' ')}` : '',
      ].filter((line) => line !== '').join('\n');
      if (inner.html) return { html: `${escapeHtml(headerLines).replace(/\n/g, '<br>')}<br>${inner.html}` };
      return { plain: `${headerLines}\n${inner.text ?? ''}` };
    } catch {
      // Unreadable as MIME: read as text below.
    }
  }
  const text = decodeText(head);
  return mime === 'text/html' || extension === 'html' || extension === 'htm' ? { html: text } : { plain: text };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** UTF-8, or Windows-1252 (Latin-1 plus « € » and curly quotes) when the bytes are not UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The cut may split a UTF-8 character at the end: decode leniently if only the tail is broken.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const broken = lenient.indexOf('\ufffd');
    return broken >= 0 && broken < lenient.length - 4 ? new TextDecoder('windows-1252').decode(bytes) : lenient;
  }
}

/**
 * Writes parts of a message into the shown text, each cut to a number of characters. The links of the
 * part cut off are still checked: they are written after the cut (one per line), so that every link
 * points into the shown text, up to one more than the analysis checks (it then says some were left out).
 */
class BodyWriter {
  readonly notices: string[] = [];

  constructor(
    private readonly builder: ShownTextBuilder,
    private readonly htmlLinks: FoundLink[],
  ) {}

  private get linksWanted(): number {
    return MAX_LINKS + 1 - this.htmlLinks.length;
  }

  private cutNotice(label: string, length: number, max: number): void {
    this.notices.push(`${label} fait ${length.toLocaleString('fr-FR')} caractères : seuls les ${max.toLocaleString('fr-FR')} premiers ont été analysés, et les liens de la suite sont vérifiés.`);
  }

  html(html: string, max: number, label: string): void {
    const converted = htmlToText(html);
    const offset = this.builder.text.length;
    const kept = cutAt(converted.text, max);
    this.builder.text += kept;
    const later: { anchor: HtmlAnchor; parsed: Omit<FoundLink, 'evidence'> }[] = [];
    for (const anchor of converted.anchors) {
      if (this.linksWanted - later.length <= 0) break;
      const parsed = parseHref(anchor.href);
      if (!parsed) continue;
      if (Math.max(anchor.end, anchor.start) <= kept.length) {
        this.htmlLinks.push({ ...parsed, evidence: { start: offset + anchor.start, end: offset + Math.max(anchor.end, anchor.start) }, displayedText: anchor.displayedText });
      } else {
        later.push({ anchor, parsed });
      }
    }
    if (kept.length === converted.text.length) return;
    this.cutNotice(label, converted.text.length, kept.length);
    this.builder.text += '\n[… suite non analysée …]\n';
    if (later.length > 0) this.builder.text += 'Liens de la suite :\n';
    for (const { anchor, parsed } of later) {
      const shown = anchor.href.trim().replace(/\s/g, '').slice(0, 2000);
      const start = this.builder.text.length;
      this.builder.text += `${shown}\n`;
      this.htmlLinks.push({ ...parsed, evidence: { start, end: start + shown.length }, displayedText: anchor.displayedText });
    }
  }

  plain(text: string, max: number, label: string): void {
    const kept = cutAt(text, max);
    this.builder.text += kept;
    if (kept.length === text.length) return;
    this.cutNotice(label, text.length, kept.length);
    this.builder.text += '\n[… suite non analysée …]\n';
    // The links of the rest, found in one pass that stops after as many as are checked.
    const rest = text.slice(kept.length);
    const links = extractLinksFromText(rest, { limit: this.linksWanted });
    if (links.length > 0) this.builder.text += 'Liens de la suite :\n';
    for (const link of links) this.builder.text += `${rest.slice(link.evidence.start, link.evidence.end)}\n`;
  }
}

/** The first `max` characters of a text, never splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * The buffer under a view that spans all of it: postal-mime copies the bytes of a view (to keep it from
 * reading past a view over a larger buffer) and reads a buffer as it is; it never writes into it.
 */
function wholeBuffer(raw: Uint8Array | string): Uint8Array | string | ArrayBuffer {
  if (typeof raw === 'string' || raw.byteOffset !== 0 || !(raw.buffer instanceof ArrayBuffer)) return raw;
  return raw.byteLength === raw.buffer.byteLength ? raw.buffer : raw;
}

/** Parses MIME bytes (multipart, quoted-printable, base64, encoded words) with postal-mime. */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const email = await PostalMime.parse(wholeBuffer(raw), { attachmentEncoding: 'arraybuffer', maxNestingDepth: MAX_MIME_DEPTH });
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
      const size = contentBytes(file.content).length;
      const start = builder.text.length;
      builder.text += `${filename} (${file.mimeType.replace(/\s/g, '')}, ${formatSize(size)})${i < files.length - 1 ? ', ' : '\n'}`;
      attachments.push({ filename, mimeType: file.mimeType, size, evidence: { start, end: start + filename.length } });
    });
  }
  builder.text += '\n';
  const htmlLinks: FoundLink[] = [];
  const body = new BodyWriter(builder, htmlLinks);
  if (email.html) body.html(email.html, MAX_BODY_CHARS, 'Le texte du courriel');
  else body.plain(email.text ?? '', MAX_BODY_CHARS, 'Le texte du courriel');
  let attachmentChars = MAX_ATTACHMENTS_TEXT_CHARS;
  for (const file of files) {
    if (attachmentChars <= 0) break;
    const text = await attachmentText(file);
    if (text === null) continue;
    const name = (file.filename ?? 'sans nom').replace(/\s/g, ' ');
    builder.text += `\n\n--- Pièce jointe « ${name} » ---\n`;
    const before = builder.text.length;
    const label = `La pièce jointe « ${name} »`;
    if (text.html !== undefined) body.html(text.html, Math.min(MAX_ATTACHMENT_TEXT_CHARS, attachmentChars), label);
    else body.plain(text.plain ?? '', Math.min(MAX_ATTACHMENT_TEXT_CHARS, attachmentChars), label);
    attachmentChars -= builder.text.length - before;
  }
  notices.push(...body.notices);
  const returnPath = email.returnPath ?? header(email, 'return-path');
  return {
    shownText: builder.text,
    context: {
      from,
      replyTo,
      returnPath: returnPath === undefined ? undefined : (cleanAddress(returnPath)?.address ?? (returnPath.replace(/[<>\s]/g, '').toLowerCase() || undefined)),
      authentication: parseAuthenticationResults(header(email, 'authentication-results'), header(email, 'received-spf')),
      attachments,
      htmlLinks,
    },
    notices,
  };
}
