import { readFile, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { analyze, MessageInputError } from '../analysis/analyze.js';
import type { Analysis, MessageInput, MessageKind } from '../analysis/analysis.types.js';
import { emlTooLargeMessage, MAX_EML_BYTES } from '../analysis/messages/email/email-limits.js';
import { looksLikeMime } from '../analysis/messages/email/parse-email.js';
import { parseLinkCandidate } from '../analysis/messages/links/extract-links.js';
import { formatAnalysis } from './format-analysis.js';
import { EXIT } from './help-text.js';

/** Guesses the kind of a message given without --kind. */
export function guessKind(fileName: string, text: string): MessageKind {
  const trimmed = text.trim();
  if (fileName.toLowerCase().endsWith('.eml') || looksLikeMime(text)) return 'email';
  if (!/\s/.test(trimmed) && parseLinkCandidate(trimmed) !== null) return 'link';
  const digits = trimmed.replace(/[^0-9]/g, '').length;
  if (/^\+?[0-9 ().\-/]{4,30}$/.test(trimmed) && digits >= 4 && digits <= 15) return 'phone';
  return 'sms';
}

/** Builds the analysis input from file bytes: an email file stays bytes (MIME), the rest is text. */
export function toInput(kind: MessageKind, bytes: Uint8Array): MessageInput {
  const text = new TextDecoder().decode(bytes);
  return kind === 'email' && looksLikeMime(text) ? { kind, raw: bytes } : { kind, text };
}

export function exitCodeOf(analysis: Analysis): number {
  if (analysis.verdict === 'fraude_probable') return EXIT.likelyFraud;
  return analysis.verdict === 'suspect' ? EXIT.suspect : EXIT.noSignal;
}

export async function checkMessage(fileName: string, bytes: Uint8Array, kind: MessageKind | undefined): Promise<Analysis> {
  const text = new TextDecoder().decode(bytes);
  const chosen = kind ?? guessKind(fileName, text);
  return analyze(toInput(chosen, bytes));
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Nothing to analyse (an empty file or standard input): a usage error for the caller, code 64. */
export class EmptyInputError extends Error {}

/**
 * `vigie check FICHIER|-`: analyses one message and writes the report (or the JSON analysis); returns the
 * exit code. A refused message is told on stderr (code 65); an unreadable file throws its system error.
 */
export async function checkFile(
  file: string,
  kind: MessageKind | undefined,
  json: boolean,
  io: { readonly stdin: Readable; readonly stdout: Writable; readonly stderr: Writable },
): Promise<number> {
  try {
    // A file over the limit is refused before it is read (an email of 25 Mo is the most analysed).
    const size = file === '-' ? 0 : (await stat(file)).size;
    if (size > MAX_EML_BYTES) throw new MessageInputError(emlTooLargeMessage(size));
    const bytes = file === '-' ? await readAll(io.stdin) : await readFile(file);
    if (bytes.toString('utf8').trim() === '') throw new EmptyInputError();
    const analysis = await checkMessage(file, bytes, kind);
    io.stdout.write(json ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(analysis));
    return exitCodeOf(analysis);
  } catch (error) {
    if (!(error instanceof MessageInputError)) throw error;
    io.stderr.write(`Message refusé : ${error.message}\n`);
    return EXIT.refusedInput;
  }
}
