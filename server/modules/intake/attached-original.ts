import MsgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import PostalMime from 'postal-mime';
import type { MessageInput } from '../../../analysis/analysis.types.js';
import { htmlToText } from '../../../analysis/messages/email/html-text.js';
import { decodeText, looksLikeEmail } from '../reports/index.js';
import { parseForwardedDate } from './forward-date.js';
import { forwardedAsPastedEmail, readMailbox } from './inline-forward.js';

/** The suspicious message itself, as read from the forward. */
export interface OriginalMessage {
  /** Lower-case address of whoever sent the suspicious message. */
  readonly sender: string | null;
  readonly subject: string | null;
  /** `YYYY-MM-DD`, the day the suspicious message was sent, as written in it. */
  readonly occurredOn: string | null;
  /** Its readable text (header lines De / Date / Objet, then the body). */
  readonly text: string;
  /** What the analysis engine reads; null when nothing readable is left. */
  readonly analysisInput: MessageInput | null;
}

export type AttachedEmailFormat = 'eml' | 'msg';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Deepest MIME nesting accepted, as the analysis engine does. */
export const MAX_MIME_DEPTH = 64;
const HEAD_BYTES = 16_384;

/** Whether an attachment holds an email: a message/rfc822 part, an .eml file, or an Outlook .msg. */
export function attachedEmailFormat(attachment: { mimeType: string; filename: string | null; bytes: Uint8Array }): AttachedEmailFormat | null {
  const { bytes } = attachment;
  if (bytes.byteLength === 0) return null;
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    const named = /\.msg$/i.test(attachment.filename ?? '') || attachment.mimeType === 'application/vnd.ms-outlook';
    return named ? 'msg' : null;
  }
  if (attachment.mimeType === 'message/rfc822' || attachment.mimeType === 'message/global') return 'eml';
  const head = decodeText(bytes.subarray(0, HEAD_BYTES));
  return head !== null && looksLikeEmail(head) ? 'eml' : null;
}

/** The text of an HTML body, each link's real target written after the words that show it. */
export function htmlBodyText(html: string): string {
  const { text, anchors } = htmlToText(html);
  let out = '';
  let at = 0;
  for (const anchor of [...anchors].sort((a, b) => a.end - b.end)) {
    if (anchor.end < at || !/^https?:/i.test(anchor.href) || anchor.displayedText.includes(anchor.href)) continue;
    out += `${text.slice(at, anchor.end)} <${anchor.href}>`;
    at = anchor.end;
  }
  return out + text.slice(at);
}

function headerValue(headers: readonly { key: string; value: string }[], key: string): string | null {
  return headers.find((h) => h.key === key)?.value ?? null;
}

function firstMailbox(address: { name: string; address?: string; group?: { name: string; address: string }[] } | undefined): { name: string; address: string } | null {
  if (!address) return null;
  if (address.address !== undefined) return { name: address.name, address: address.address };
  return address.group?.[0] ?? null;
}

async function readEml(bytes: Uint8Array): Promise<OriginalMessage> {
  const analysisInput: MessageInput = { kind: 'email', raw: bytes };
  try {
    const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: MAX_MIME_DEPTH });
    const from = firstMailbox(email.from);
    const body = email.text ?? (email.html ? htmlBodyText(email.html) : '');
    const address = from?.address ? readMailbox(`<${from.address}>`).address : null;
    const subject = email.subject?.replace(/\s+/g, ' ').trim() || null;
    const date = headerValue(email.headers, 'date');
    return {
      sender: address,
      subject,
      occurredOn: parseForwardedDate(date),
      text: forwardedAsPastedEmail({ from: null, fromName: from?.name || null, fromAddress: address, date, subject, body: body.trim() }),
      analysisInput,
    };
  } catch {
    // A structure postal-mime refuses: the analysis reads it as raw text, the council has the file.
    return { sender: null, subject: null, occurredOn: null, text: new TextDecoder().decode(bytes.subarray(0, 200_000)), analysisInput };
  }
}

// The package is CommonJS: under Node's ESM loader its default export is the module object.
type MsgReaderCtor = new (data: DataView) => { getFileData(): FieldsData };
const MsgReader = ((MsgReaderModule as unknown as { default?: MsgReaderCtor }).default ?? MsgReaderModule) as unknown as MsgReaderCtor;

function readMsg(bytes: Uint8Array): OriginalMessage {
  let fields: FieldsData;
  try {
    fields = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)).getFileData();
  } catch {
    fields = {} as FieldsData;
  }
  const address = readMailbox(`<${fields.senderSmtpAddress ?? fields.senderEmail ?? ''}>`).address;
  const subject = fields.subject?.replace(/\s+/g, ' ').trim() || null;
  const date = fields.clientSubmitTime ?? fields.messageDeliveryTime ?? null;
  const body = fields.body ?? '';
  const text = forwardedAsPastedEmail({ from: null, fromName: fields.senderName || null, fromAddress: address, date, subject, body: body.trim() });
  return {
    sender: address,
    subject,
    // Outlook stores the time in UTC (« Mon, 03 Mar 2025 09:12:00 GMT »): the day may differ from the local one near midnight.
    occurredOn: parseForwardedDate(date),
    text,
    // An Outlook file is not MIME: the analysis reads the sender, subject and body rewritten as a pasted email.
    analysisInput: text.trim() === '' ? null : { kind: 'email', text },
  };
}

/** Reads the suspicious message out of an attached email file. Never throws: an unreadable file gives an empty reading. */
export async function readAttachedOriginal(bytes: Uint8Array, format: AttachedEmailFormat): Promise<OriginalMessage> {
  return format === 'msg' ? readMsg(bytes) : readEml(bytes);
}
