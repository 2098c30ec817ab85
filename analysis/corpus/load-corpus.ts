import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MESSAGE_KINDS } from '../analysis.types.js';
import { FAMILY_LABELS } from '../messages/families.js';

/** One labelled example of analysis/corpus/messages.jsonl. */
export const ZCorpusEntry = z.strictObject({
  id: z.string().regex(/^msg-[0-9]{3}$/),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().min(1).max(20_000),
  label: z.enum(['fraude', 'legitime']),
  family: z.enum(Object.keys(FAMILY_LABELS) as [keyof typeof FAMILY_LABELS, ...(keyof typeof FAMILY_LABELS)[]]).optional(),
  /** What the message was modelled on (see SOURCES.md): « circulaire de l’Ordre — … », « modèle : … », « légitime : … ». */
  source: z.string().trim().min(3).max(160),
});
export type TCorpusEntry = z.infer<typeof ZCorpusEntry>;

export const CORPUS_PATH = new URL('./messages.jsonl', import.meta.url);

/** Held out from rule writing: ids ending in 7 or 9. Figures on them are reported apart. */
export function isHeldOut(id: string): boolean {
  return id.endsWith('7') || id.endsWith('9');
}

/**
 * The last batch (msg-256 onwards) was written after the last rule change and never used to tune
 * the rules: the closest thing to new, unseen messages. (msg-213 to msg-255 were written blind too,
 * but then used to improve the rules, which is why their ids avoid the held-out endings.)
 */
export const FINAL_BLIND_BATCH_FIRST_ID = 256;

export function isInFinalBlindBatch(id: string): boolean {
  return Number(id.slice(4)) >= FINAL_BLIND_BATCH_FIRST_ID;
}

/** Reads and validates the corpus; throws naming the first bad line. */
export function loadCorpus(path: URL = CORPUS_PATH): TCorpusEntry[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    const parsed = ZCorpusEntry.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`Ligne ${index + 1} du corpus invalide : ${parsed.error.issues.map((i) => i.message).join(', ')}`);
    return parsed.data;
  });
}
