import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentMediaType } from '../../platform/db/schema-reports.js';

// Copies of the exchanges are typed by their content, never by their name or the browser's claim:
// binary formats by magic bytes (file-type), text by its bytes, .msg by the OLE compound-file header.
// Text is UTF-8 or else Latin-1 (every byte sequence is valid Latin-1): what refuses a « text » file is a
// control byte anywhere in it, checked as the bytes pass.

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const BINARY_TYPES: Partial<Record<string, AttachmentMediaType>> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'application/pdf': 'application/pdf',
};
// RFC 5322 header field: printable name without colon, then a colon. Folded lines start with a blank.
const HEADER_LINE = /^[!-9;-~]+:/;
const FOLDED_LINE = /^[ \t]/;
const MESSAGE_HEADERS = /^(from|to|subject|date|received|message-id|mime-version|return-path|reply-to|delivered-to|x-[a-z-]+):/i;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function allTextBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/**
 * Text we accept: no NUL and no C0 control other than tab, line feed, form feed, carriage return and
 * escape (some mail clients keep ISO-2022 escapes), in UTF-8 or, failing that, read as Latin-1.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (!allTextBytes(bytes)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** An email file: the text opens on RFC 822 header lines, one of them a message header, then a blank line or the end. */
export function looksLikeEmail(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 200);
  let headers = 0;
  let messageHeaders = 0;
  for (const line of lines) {
    if (line === '') break;
    if (FOLDED_LINE.test(line) && headers > 0) continue;
    if (!HEADER_LINE.test(line)) {
      // « From sender date » mbox separator before the headers.
      if (headers === 0 && line.startsWith('From ')) continue;
      return false;
    }
    headers += 1;
    if (MESSAGE_HEADERS.test(line)) messageHeaders += 1;
  }
  return headers >= 2 && messageHeaders >= 1;
}

/**
 * How much of the start of a file is kept to type it: magic bytes need a few hundred, and an email's
 * header block (read to tell .eml from .txt) fits well within 64 Kio.
 */
export const HEAD_BYTES = 64 * 1024;

/**
 * Watches a file's bytes as they pass on their way to storage, without keeping them: it copies the
 * first HEAD_BYTES (to read the magic bytes or the header lines) and notes whether any byte rules out
 * text (control bytes, checked over the whole file). `mediaType()` then gives the type from that alone.
 */
export class ContentInspector {
  private readonly parts: Uint8Array[] = [];
  private headSize = 0;
  private textBytesOnly = true;
  sizeBytes = 0;

  observe(chunk: Uint8Array): void {
    this.sizeBytes += chunk.byteLength;
    if (this.headSize < HEAD_BYTES) {
      // A copy: a view would keep the whole network buffer it points into alive.
      const part = new Uint8Array(chunk.subarray(0, HEAD_BYTES - this.headSize));
      this.parts.push(part);
      this.headSize += part.byteLength;
    }
    if (this.textBytesOnly && !allTextBytes(chunk)) this.textBytesOnly = false;
  }

  /** The media type read from the content, or null when it is none of the accepted types. */
  async mediaType(): Promise<AttachmentMediaType | null> {
    if (this.sizeBytes === 0) return null;
    const head = Buffer.concat(this.parts);
    if (startsWith(head, CFB_MAGIC)) return 'application/vnd.ms-outlook';
    const detected = await fileTypeFromBuffer(head);
    if (detected) return BINARY_TYPES[detected.mime] ?? null;
    if (!this.textBytesOnly) return null;
    // The head may end inside a UTF-8 sequence; decodeText then reads it as Latin-1, which is only used
    // to find the header lines.
    const text = decodeText(head);
    if (text === null) return null;
    return looksLikeEmail(text) ? 'message/rfc822' : 'text/plain';
  }
}

/** Passes the source's chunks through, showing each to the inspector on the way. */
export async function* inspected(source: AsyncIterable<Uint8Array> | Uint8Array, inspector: ContentInspector): AsyncGenerator<Uint8Array> {
  const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    inspector.observe(chunk);
    yield chunk;
  }
}

/** The media type of bytes already in memory (the email intake's copies): the same rule as a stream. */
export async function detectMediaType(bytes: Uint8Array): Promise<AttachmentMediaType | null> {
  const inspector = new ContentInspector();
  inspector.observe(bytes);
  return inspector.mediaType();
}

export const FALLBACK_FILE_NAME = 'piece-jointe';
const MAX_FILE_NAME_CHARS = 200;
// Controls, bidi embeddings/overrides/isolates and other invisible format characters (Cf), plus the
// characters Windows refuses in names.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const RESERVED = /[<>:"|?*]/g;

/**
 * A file name safe to store and show: the last path segment only, no control or bidi characters, no
 * leading dots, at most 200 characters keeping the extension, « piece-jointe » when nothing is left.
 */
export function neutraliseFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name === '') return FALLBACK_FILE_NAME;
  const chars = Array.from(name);
  if (chars.length > MAX_FILE_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keep = ext.length > 0 && ext.length <= 10 ? ext : [];
    name = chars.slice(0, MAX_FILE_NAME_CHARS - keep.length).join('').trimEnd() + keep.join('');
  }
  return name;
}

/** The extension a stored copy is offered with when downloaded: from its detected type, not its name. */
export const EXTENSION_OF: Record<AttachmentMediaType, string> = {
  'message/rfc822': '.eml',
  'application/vnd.ms-outlook': '.msg',
  'text/plain': '.txt',
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

const ACCEPTED_EXTENSIONS: Record<AttachmentMediaType, readonly string[]> = {
  'message/rfc822': ['.eml'],
  'application/vnd.ms-outlook': ['.msg'],
  'text/plain': ['.txt'],
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

/** The name with an extension matching the detected type (« capture.pdf » holding a PNG → « capture.png »). */
export function withDetectedExtension(name: string, mediaType: AttachmentMediaType): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  if (ACCEPTED_EXTENSIONS[mediaType].includes(ext)) return name;
  const stem = dot > 0 && /^\.[a-z0-9]{1,5}$/.test(ext) ? name.slice(0, dot) : name;
  const wanted = EXTENSION_OF[mediaType];
  return Array.from(stem).slice(0, MAX_FILE_NAME_CHARS - wanted.length).join('') + wanted;
}
