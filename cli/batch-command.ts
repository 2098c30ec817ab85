import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { analyze } from '../analysis/analyze.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';

/** One input line; other fields (a corpus label, for instance) are ignored. */
const ZBatchLine = z.object({
  id: z.union([z.string().max(200), z.number()]),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().min(1).max(200_000),
});

type ErrorCode = 'MALFORMED_JSON' | 'VALIDATION_FAILED' | 'INTERNAL';

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
    try {
      const analysis = await analyze({ kind: parsed.data.kind, text: parsed.data.text });
      output.write(`${JSON.stringify({ id: parsed.data.id, verdict: analysis.verdict, score: analysis.score, findings: analysis.findings })}\n`);
    } catch {
      errors += 1;
      output.write(`${errorLine(parsed.data.id, 'INTERNAL', 'L’analyse de ce message a échoué.')}\n`);
    }
  }
  return errors;
}
