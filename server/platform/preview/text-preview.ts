import PostalMime from 'postal-mime';
import type { Address } from 'postal-mime';
import { htmlToText } from '../../../analysis/messages/email/html-text.js';

/** At most this many characters of text are shown; the file itself stays downloadable. */
export const MAX_PREVIEW_CHARS = 200_000;
export const TRUNCATED_MARK = '\n… (aperçu tronqué)';

/** Deep enough for any genuine message (mixed, alternative, related…), shallow enough for a hostile one. */
const MAX_MIME_DEPTH = 64;

/**
 * Control characters (but tab and line feed), bidi overrides and invisible marks, shown as nothing: a
 * right-to-left override could make a link read backwards. The zero-width joiner stays (emoji).
 */
const INVISIBLE = /[^\P{Cc}\t\n]|[\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** Plain text a <pre> may show: carriage returns folded, invisible characters removed, length capped. */
export function cleanPreviewText(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  return text.length > MAX_PREVIEW_CHARS ? `${text.slice(0, MAX_PREVIEW_CHARS)}${TRUNCATED_MARK}` : text;
}

/** A text file in UTF-8 or, failing that, Latin-1 (Windows notepad files). Only its head is decoded. */
export function textFilePreview(bytes: Uint8Array): string {
  // Four bytes at most per character: this head holds more than the characters shown.
  const cut = bytes.length > MAX_PREVIEW_CHARS * 4;
  const head = cut ? bytes.subarray(0, MAX_PREVIEW_CHARS * 4) : bytes;
  let text: string;
  try {
    // Streaming: a character cut at the end of the head is left out, not taken for bad UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: cut });
  } catch {
    text = new TextDecoder('latin1').decode(head);
  }
  const shown = cleanPreviewText(text);
  return cut && !shown.endsWith(TRUNCATED_MARK) ? `${shown}${TRUNCATED_MARK}` : shown;
}

function addresses(list: readonly Address[] | Address | undefined): string {
  const all = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return all
    .flatMap((a) => (a.address !== undefined ? [a] : a.group))
    .map((m) => (m.name ? `${m.name} <${m.address}>` : `<${m.address}>`))
    .join(', ');
}

/**
 * An email (.eml) as a reader sees it: From, To, Date and Subject decoded, then the text body, or the
 * HTML body turned into text (never markup). Throws when postal-mime refuses the structure.
 */
export async function emailPreview(bytes: Uint8Array): Promise<string> {
  const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: MAX_MIME_DEPTH });
  const lines = [
    ['De', addresses(email.from)],
    ['À', addresses(email.to)],
    ['Cc', addresses(email.cc)],
    ['Date', email.headers.find((h) => h.key === 'date')?.value ?? ''],
    ['Objet', email.subject ?? ''],
  ]
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${label} : ${value!.replace(/\s+/g, ' ').trim()}`);
  const body = email.text?.trim() ? email.text : email.html ? htmlToText(email.html).text : '';
  const names = email.attachments.map((a) => a.filename).filter((name): name is string => Boolean(name));
  const attached = names.length > 0 ? [`Pièces jointes : ${names.join(', ')}`] : [];
  return cleanPreviewText([...lines, ...attached, '', body.trim()].join('\n'));
}
