import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MESSAGE_KIND_OF_CHANNEL } from '../../contracts/report-vocabulary.js';
import type { MessageKind } from '../analysis.types.js';

// The evaluation sets of issue 10: the blind split (analysis/corpus/blind/, frozen by hash, never used to
// tune anything) and the training part (analysis/corpus/training/). One JSON object per line; see
// blind/README.md for the format.

/** How a message reached the doctor, as the typology names it (analysis/typology/scenarios.json, `channels`). */
export const SPLIT_CHANNELS = ['sms', 'email', 'call', 'letter', 'fax'] as const;
export type SplitChannel = (typeof SPLIT_CHANNELS)[number];

/** The scenario of an ordinary genuine message, tied to no scam of the typology. */
export const ORDINARY_SCENARIO = 'ordinaire';

/**
 * The engine's message kind for each channel. A letter or a fax is prose with a sender and maybe an
 * address, a number or a link, and no headers: the engine reads it as an email body without headers,
 * exactly as a report received by post is read (MESSAGE_KIND_OF_CHANNEL.courrier) — an SMS reading
 * would drop the sender indicators.
 */
export const MESSAGE_KIND_OF_SPLIT_CHANNEL: Readonly<Record<SplitChannel, MessageKind>> = {
  sms: MESSAGE_KIND_OF_CHANNEL.sms,
  email: MESSAGE_KIND_OF_CHANNEL.courriel,
  call: MESSAGE_KIND_OF_CHANNEL.telephone,
  letter: MESSAGE_KIND_OF_CHANNEL.courrier,
  fax: MESSAGE_KIND_OF_CHANNEL.courrier,
};

/** One message of the blind split or of the training part. */
export const ZSplitEntry = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-[0-9]{4}$/, 'id attendu de la forme « blind-a-0001 »'),
    channel: z.enum(SPLIT_CHANNELS),
    label: z.enum(['fraude', 'legitime']),
    /** A scenario id of analysis/typology/scenarios.json, or « ordinaire » (checked against the typology by the loader). */
    scenario: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** A genuine message that looks like a scam (prevention notice, genuine notification with a link or a code…). */
    hardNegative: z.boolean(),
    text: z.string().min(1).max(20_000),
    /** The public warning, article or notice the message was written from. */
    inspiration: z.string().trim().min(3).max(1_000),
  })
  .refine((e) => !e.hardNegative || e.label === 'legitime', { message: 'seul un message légitime peut être un « hardNegative »' })
  .refine((e) => e.scenario !== ORDINARY_SCENARIO || e.label === 'legitime', { message: 'une fraude doit nommer un scénario de la typologie, pas « ordinaire »' });
export type TSplitEntry = z.infer<typeof ZSplitEntry>;

/** A message with the engine's kind for its channel. */
export type SplitMessage = TSplitEntry & { readonly kind: MessageKind };

export const BLIND_DIR = new URL('./blind/', import.meta.url);
export const TRAINING_DIR = new URL('./training/', import.meta.url);
export const TYPOLOGY_PATH = new URL('../typology/scenarios.json', import.meta.url);

const ZTypology = z.object({ scenarios: z.array(z.object({ id: z.string().min(1) })).min(1) });

/** The scenario ids of the typology, plus « ordinaire ». */
export function knownScenarios(path: URL = TYPOLOGY_PATH): Set<string> {
  const typology = ZTypology.parse(JSON.parse(readFileSync(path, 'utf8')));
  return new Set([ORDINARY_SCENARIO, ...typology.scenarios.map((s) => s.id)]);
}

function displayName(path: URL): string {
  const full = fileURLToPath(path);
  const at = full.lastIndexOf('/analysis/');
  return at === -1 ? full : full.slice(at + 1);
}

/**
 * Reads and validates one file of the split; throws in French naming the file and the first bad line
 * (never quoting its text: the blind split is not read by people tuning the engine).
 */
export function loadSplitFile(path: URL, scenarios: ReadonlySet<string> = knownScenarios()): SplitMessage[] {
  const name = displayName(path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const entries: SplitMessage[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${name}, ligne ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${where} : JSON illisible`);
    }
    const parsed = ZSplitEntry.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')} : ${i.message}` : i.message));
      throw new Error(`${where} invalide : ${issues.join(', ')}`);
    }
    if (!scenarios.has(parsed.data.scenario)) throw new Error(`${where} invalide : scénario « ${parsed.data.scenario} » absent de la typologie (analysis/typology/scenarios.json)`);
    entries.push({ ...parsed.data, kind: MESSAGE_KIND_OF_SPLIT_CHANNEL[parsed.data.channel] });
  });
  return entries;
}

/** The `.jsonl` files of a folder, in name order. */
export function splitFiles(dir: URL): URL[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => new URL(name, dir));
}

/** Reads every `.jsonl` file of a folder; throws on a bad line or an id seen twice. */
export function loadSplitDir(dir: URL, scenarios: ReadonlySet<string> = knownScenarios()): SplitMessage[] {
  const files = splitFiles(dir);
  if (files.length === 0) throw new Error(`Aucun fichier .jsonl dans ${displayName(dir)}`);
  const entries = files.flatMap((file) => loadSplitFile(file, scenarios));
  assertUniqueIds(entries, displayName(dir));
  return entries;
}

function assertUniqueIds(entries: readonly SplitMessage[], where: string): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`Identifiant « ${e.id} » en double dans ${where}`);
    seen.add(e.id);
  }
}

/** The blind split: every file of analysis/corpus/blind/ (their hashes are in FROZEN.sha256). */
export function loadBlindSplit(): SplitMessage[] {
  return loadSplitDir(BLIND_DIR);
}

/** The training part: every file of analysis/corpus/training/. */
export function loadTrainingPart(): SplitMessage[] {
  return loadSplitDir(TRAINING_DIR);
}
