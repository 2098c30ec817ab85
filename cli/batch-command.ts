import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { analyze, MessageInputError } from '../analysis/analyze.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';
import { emlTooLargeMessage, MAX_EML_BYTES } from '../analysis/messages/email/email-limits.js';

/**
 * Longest `text` of a message that is not an email. An email's `text` may be a whole .eml (headers,
 * parts, attachments in base64): it is limited in bytes, to MAX_EML_BYTES (25 Mo), like an .eml file.
 */
export const MAX_BATCH_TEXT_CHARS = 200_000;

/** One input line; other fields (a corpus label, for instance) are ignored. */
const ZBatchLine = z.object({
  id: z.union([z.string().max(200), z.number()]),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().min(1),
});

type ErrorCode = 'MALFORMED_JSON' | 'VALIDATION_FAILED' | 'EML_TOO_LARGE' | 'INTERNAL';

/** The limit a line's text is over, as an error, or null. */
function sizeError(kind: string, text: string): { code: ErrorCode; message: string } | null {
  if (kind === 'email') {
    // Each character is one byte at least: only a long text needs counting.
    const bytes = text.length > MAX_EML_BYTES / 3 ? Buffer.byteLength(text, 'utf8') : 0;
    return bytes > MAX_EML_BYTES ? { code: 'EML_TOO_LARGE', message: `Ligne ignorée : ${emlTooLargeMessage(bytes)}` } : null;
  }
  if (text.length <= MAX_BATCH_TEXT_CHARS) return null;
  return {
    code: 'VALIDATION_FAILED',
    message: `Ligne ignorée : texte de ${text.length.toLocaleString('fr-FR')} caractères : la limite est de ${MAX_BATCH_TEXT_CHARS.toLocaleString('fr-FR')} caractères (sans limite de caractères pour un courriel, kind « email » : 25 Mo).`,
  };
}

function errorLine(id: unknown, code: ErrorCode, message: string): string {
  const safeId = typeof id === 'string' || typeof id === 'number' ? id : null;
  return JSON.stringify({ id: safeId, error: { code, message } });
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || 'ligne'} : ${frenchIssue(issue)}`).join(' ; ');
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `valeur attendue parmi ${MESSAGE_KINDS.join(', ')}`;
  if (issue.code === 'too_small') return 'ne doit pas être vide';
  if (issue.code === 'too_big') return 'trop long';
  return 'champ manquant ou de mauvais type';
}

/**
 * Analyses one JSON object per line and writes one result per line, in order. Bad lines give an error
 * line and the batch goes on. Returns the number of lines in error.
 */
export async function runBatch(input: Readable, output: Writable): Promise<number> {
  let errors = 0;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      errors += 1;
      output.write(`${errorLine(null, 'MALFORMED_JSON', 'Ligne ignorée : ce n’est pas un objet JSON valide.')}\n`);
      continue;
    }
    const parsed = ZBatchLine.safeParse(json);
    const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
    if (!parsed.success) {
      errors += 1;
      output.write(`${errorLine(id, 'VALIDATION_FAILED', `Ligne ignorée : ${describeIssues(parsed.error.issues)}.`)}\n`);
      continue;
    }
    const tooLarge = sizeError(parsed.data.kind, parsed.data.text);
    if (tooLarge) {
      errors += 1;
      output.write(`${errorLine(parsed.data.id, tooLarge.code, tooLarge.message)}\n`);
      continue;
    }
    try {
      const analysis = await analyze({ kind: parsed.data.kind, text: parsed.data.text });
      output.write(`${JSON.stringify({ id: parsed.data.id, verdict: analysis.verdict, score: analysis.score, findings: analysis.findings, ...(analysis.complete ? {} : { notices: analysis.notices }) })}\n`);
    } catch (error) {
      errors += 1;
      if (error instanceof MessageInputError) output.write(`${errorLine(parsed.data.id, 'VALIDATION_FAILED', `Ligne ignorée : ${error.message}`)}\n`);
      else output.write(`${errorLine(parsed.data.id, 'INTERNAL', 'L’analyse de ce message a échoué.')}\n`);
    }
  }
  return errors;
}
