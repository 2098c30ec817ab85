import type { MessageInput } from '../../../analysis/analysis.types.js';
import { stripControlCharacters } from '../../platform/http/control-characters.js';
import type { MailFile, ReceivedEmail } from './forwarded-email.js';

/**
 * C0 control bytes other than tab, line feed and carriage return, and DEL. In UTF-8 (and every charset
 * mail uses) these bytes are always the control characters themselves, never part of a longer character,
 * so dropping them from the bytes is the same rule as stripControlCharacters on the text.
 */
function isControlByte(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f;
}

function withoutControlBytes(bytes: Uint8Array): Uint8Array {
  return bytes.some(isControlByte) ? bytes.filter((b) => !isControlByte(b)) : bytes;
}

function cleanOrNull(text: string | null): string | null {
  return text === null ? null : stripControlCharacters(text);
}

function cleanInput(input: MessageInput | null): MessageInput | null {
  if (!input) return null;
  return { ...input, ...(input.text !== undefined ? { text: stripControlCharacters(input.text) } : {}), ...(input.raw ? { raw: withoutControlBytes(input.raw) } : {}) };
}

function cleanFile(file: MailFile): MailFile {
  return { ...file, fileName: cleanOrNull(file.fileName) };
}

/**
 * The message as read, with the platform's one rule for text applied to everything that becomes a
 * report's text (names, comment, sender, readable copy, file names, the engine's input): a NUL in a
 * forwarded message would otherwise fail the insert, and the relay, told to retry, would retry until
 * it bounced. The files themselves (the copies kept as evidence) are left exactly as received.
 */
export function withoutControlCharacters(read: ReceivedEmail): ReceivedEmail {
  const { original } = read;
  return {
    ...read,
    reporterName: cleanOrNull(read.reporterName),
    comment: stripControlCharacters(read.comment),
    original: { ...original, sender: cleanOrNull(original.sender), subject: cleanOrNull(original.subject), text: stripControlCharacters(original.text), analysisInput: cleanInput(original.analysisInput) },
    attachedEmails: read.attachedEmails.map(cleanFile),
    otherFiles: read.otherFiles.map(cleanFile),
  };
}
