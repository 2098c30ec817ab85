import { addressParser } from 'postal-mime';
import { cleanAddress } from './extract-addresses.js';
import type { SenderMailbox } from './parse-email.js';

/**
 * Mail clients copy a few header lines along with the body (« De : ANDPC <x@gmail.com> », « From: »).
 * Reading them lets the sender checks run on a copy-paste too. Only the first lines are looked at.
 */
const FROM_LABELS = ['de', 'from', 'expéditeur', 'expediteur'];
const REPLY_TO_LABELS = ['répondre à', 'repondre a', 'reply-to', 'réponse à'];
const MAX_HEADER_LINES = 15;

export interface PastedHeaders {
  readonly from?: SenderMailbox;
  readonly replyTo: readonly SenderMailbox[];
}

function mailboxAt(line: string, lineStart: number, valueStart: number): SenderMailbox | undefined {
  const value = line.slice(valueStart);
  const parsed = addressParser(value, { flatten: true })[0];
  if (!parsed || parsed.address === undefined || !parsed.address.includes('@')) return undefined;
  // The parser keeps what surrounds a bare address (« support@exemple.fr. », « 'support@exemple.fr' »).
  const address = cleanAddress(parsed.address)?.address ?? parsed.address.toLowerCase();
  const addressAt = value.toLowerCase().indexOf(address);
  const nameAt = parsed.name !== '' ? value.indexOf(parsed.name) : -1;
  return {
    name: parsed.name,
    address,
    addressSpan: addressAt >= 0 ? { start: lineStart + valueStart + addressAt, end: lineStart + valueStart + addressAt + address.length } : undefined,
    nameSpan: nameAt >= 0 ? { start: lineStart + valueStart + nameAt, end: lineStart + valueStart + nameAt + parsed.name.length } : undefined,
  };
}

export function readPastedHeaders(text: string): PastedHeaders {
  let from: SenderMailbox | undefined;
  const replyTo: SenderMailbox[] = [];
  let lineStart = 0;
  for (let n = 0; n < MAX_HEADER_LINES && lineStart < text.length; n += 1) {
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const colon = line.indexOf(':');
    if (colon > 0 && colon < 20) {
      const label = line.slice(0, colon).trim().toLowerCase();
      if (!from && FROM_LABELS.includes(label)) from = mailboxAt(line, lineStart, colon + 1);
      else if (REPLY_TO_LABELS.includes(label)) {
        const mailbox = mailboxAt(line, lineStart, colon + 1);
        if (mailbox) replyTo.push(mailbox);
      }
    }
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return { from, replyTo };
}
