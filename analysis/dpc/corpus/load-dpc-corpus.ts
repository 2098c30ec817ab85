import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DRIFT_FAMILY_IDS } from '../drift-families.js';
import { SCREENED_KINDS } from '../rules/drift-rule.js';

// The labelled programme and signalement texts of issue 12 (docs/dpc-screening.md): a training part the
// lexicon may be tuned on, and a blind part written by someone who never saw the lexicon, frozen by hash.

/** One labelled text; see training/README.md for what each field means. */
export const ZDriftCorpusEntry = z
  .strictObject({
    id: z.string().regex(/^dpc-[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]{4}$/, 'id attendu de la forme « dpc-train-0001 »'),
    label: z.enum(['derive', 'conforme']),
    family: z.enum(DRIFT_FAMILY_IDS).nullable(),
    hardNegative: z.boolean(),
    kind: z.enum(SCREENED_KINDS),
    text: z.string().min(1).max(20_000),
    inspiration: z.string().trim().min(3).max(2_000),
  })
  .refine((e) => (e.label === 'derive') === (e.family !== null), { message: 'une « derive » nomme sa famille, un texte « conforme » n’en a pas' })
  .refine((e) => !e.hardNegative || e.label === 'conforme', { message: 'seul un texte « conforme » peut être un « hardNegative »' });
export type TDriftCorpusEntry = z.infer<typeof ZDriftCorpusEntry>;

export const DPC_TRAINING_DIR = new URL('./training/', import.meta.url);
export const DPC_BLIND_DIR = new URL('./blind/', import.meta.url);

/**
 * Reads every `*.jsonl` of a folder, validated; throws in French naming the file, the line and the
 * field, never quoting a text (the blind part is read by no one tuning the lexicon).
 */
export function loadDriftCorpus(folder: URL): TDriftCorpusEntry[] {
  const files = readdirSync(folder).filter((name) => name.endsWith('.jsonl')).sort();
  const entries = files.flatMap((name) => loadFile(new URL(name, folder), name));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new Error(`Identifiant en double dans ${folder.pathname} : ${entry.id}`);
    seen.add(entry.id);
  }
  return entries;
}

function loadFile(path: URL, name: string): TDriftCorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (line.trim() === '') return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${name}, ligne ${index + 1} : JSON invalide`);
      }
      const parsed = ZDriftCorpusEntry.safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(ligne)'} : ${issue.message}`).join(' ; ');
        throw new Error(`${name}, ligne ${index + 1} : ${problems}`);
      }
      return [parsed.data];
    });
}
