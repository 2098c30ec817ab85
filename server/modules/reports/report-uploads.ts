import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentMediaType } from '../../platform/db/schema-reports.js';

// Copies of the exchanges are typed by their content, never by their name or the browser's claim:
// binary formats by magic bytes (file-type), text by decoding it, .msg by the OLE compound-file header.

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

/**
 * Text we accept: no NUL and no C0 control other than tab, line feed, form feed, carriage return and
 * escape (some mail clients keep ISO-2022 escapes), in UTF-8 or, failing that, read as Latin-1.
 */
export function decodeText(bytes: Uint8Array): string | null {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return null;
    if (b === 0x7f) return null;
  }
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

/** The media type read from the content, or null when it is none of the accepted types. */
export async function detectMediaType(bytes: Uint8Array): Promise<AttachmentMediaType | null> {
  if (bytes.byteLength === 0) return null;
  if (startsWith(bytes, CFB_MAGIC)) return 'application/vnd.ms-outlook';
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return BINARY_TYPES[detected.mime] ?? null;
  const text = decodeText(bytes);
  if (text === null) return null;
  return looksLikeEmail(text) ? 'message/rfc822' : 'text/plain';
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
