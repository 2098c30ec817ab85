import { z } from 'zod';
import { analyze, MessageInputError } from '../analysis/analyze.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';
import { emlTooLargeMessage, MAX_EML_BYTES } from '../analysis/messages/email/email-limits.js';

/**
 * Longest `text` of a message that is not an email. An email's `text` may be a whole .eml (headers,
 * parts, attachments in base64): it is limited in bytes, to MAX_EML_BYTES (25 Mo), like an .eml file.
 */
export const MAX_BATCH_TEXT_CHARS = 200_000;

/** What the analysis of some lines of a batch gives: their result lines, in order, and how many are errors. */
export interface BatchLinesResult {
  /** One JSON line per non-blank input line, each ending with a newline. */
  readonly output: string;
  readonly errors: number;
}

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

/** The result line of one non-blank input line, and whether it is an error. */
async function analyseLine(line: string): Promise<{ line: string; error: boolean }> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { line: errorLine(null, 'MALFORMED_JSON', 'Ligne ignorée : ce n’est pas un objet JSON valide.'), error: true };
  }
  const parsed = ZBatchLine.safeParse(json);
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  if (!parsed.success) return { line: errorLine(id, 'VALIDATION_FAILED', `Ligne ignorée : ${describeIssues(parsed.error.issues)}.`), error: true };
  const tooLarge = sizeError(parsed.data.kind, parsed.data.text);
  if (tooLarge) return { line: errorLine(parsed.data.id, tooLarge.code, tooLarge.message), error: true };
  try {
    const analysis = await analyze({ kind: parsed.data.kind, text: parsed.data.text });
    const notices = analysis.complete ? {} : { notices: analysis.notices };
    return { line: JSON.stringify({ id: parsed.data.id, verdict: analysis.verdict, score: analysis.score, findings: analysis.findings, ...notices }), error: false };
  } catch (error) {
    if (error instanceof MessageInputError) return { line: errorLine(parsed.data.id, 'VALIDATION_FAILED', `Ligne ignorée : ${error.message}`), error: true };
    return { line: errorLine(parsed.data.id, 'INTERNAL', 'L’analyse de ce message a échoué.'), error: true };
  }
}

/**
 * Analyses lines of a batch (one JSON object per line) and gives one result line per non-blank line, in
 * order; a bad line gives an error line. The same function runs in the command's thread (--jobs 1) and
 * in its workers, so every --jobs setting writes the same bytes.
 */
export async function analyseBatchLines(lines: readonly string[]): Promise<BatchLinesResult> {
  let output = '';
  let errors = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const result = await analyseLine(line);
    output += `${result.line}\n`;
    if (result.error) errors += 1;
  }
  return { output, errors };
}
