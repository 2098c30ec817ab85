/**
 * The combiner: one logistic regression that weighs together everything the engine reads in a
 * message — which rules fired (text, links, numbers, sender, attachments), the structural reading
 * (pretext, requested action, means, pressure, coherence of the means, prevention framing), the
 * statistical model's log-odds, the channel — and gives the probability that the message is a fraud.
 *
 * Why: hand-set weights added by noisy-OR cannot learn that a rule is reliable in one setting and
 * misleading in another (« frais » of a parcel next to « aucun », an official link next to a threat).
 * The combiner's weights are learned by train.ts on the training part only, with 5-fold
 * cross-validation choosing the two probabilities at which a message becomes « suspect » and
 * « fraude probable » (docs/detection.md). The weights are a data file (combiner.json); inference is
 * pure and costs one dot product over a few dozen active features.
 *
 * The probability is mapped onto the 0–100 score so that the verdict thresholds of the ruleset (30 and
 * 60) fall exactly on the two chosen probabilities: the rest of Vigie reads scores as before.
 */
import type { MessageKind } from '../analysis.types.js';
import type { StructureReading } from '../messages/structure/structure.js';
import combinerFile from './combiner.json' with { type: 'json' };

export interface CombinerWeights {
  readonly format: 'vigie-combiner-1';
  readonly bias: number;
  /** Weight of each binary feature, by name (see combinerFeatures). */
  readonly weights: Readonly<Record<string, number>>;
  /** Weights of the two continuous inputs. */
  readonly modelLogitWeight: number;
  readonly rulesScoreWeight: number;
  /** Probabilities from which a message is « suspect » and « fraude probable », chosen by cross-validation. */
  readonly thresholds: { readonly suspect: number; readonly fraudeProbable: number };
  readonly trainedOn: { readonly messages: number; readonly frauds: number; readonly genuine: number; readonly sources: readonly string[] };
}

export type Combiner = CombinerWeights;

export function compileCombiner(file: CombinerWeights): Combiner {
  if (file.format !== 'vigie-combiner-1') throw new Error(`Format de combinaison inconnu : ${String(file.format)}`);
  const { suspect, fraudeProbable } = file.thresholds;
  if (!(suspect > 0 && suspect < fraudeProbable && fraudeProbable < 1)) throw new Error('Seuils de combinaison incohérents');
  return file;
}

export const DEFAULT_COMBINER: Combiner = compileCombiner(combinerFile as CombinerWeights);

/** What the engine read in a message, as the combiner sees it. */
export interface CombinerInput {
  readonly kind: MessageKind;
  /** Rule ids of the findings of rules, links, numbers, sender, attachments (not the model's, not the structure's). */
  readonly ruleIds: readonly string[];
  readonly structure: StructureReading | null;
  /** Log-odds of the statistical model, or null when it did not run. */
  readonly modelLogit: number | null;
  /** Noisy-OR score of the findings alone, 0–100. */
  readonly rulesScore: number;
}

/** Bound on the model's log-odds: beyond it, certainty adds nothing and one word list could dominate. */
const LOGIT_BOUND = 8;

/** Calls `add` with the name of every binary feature present in a message (a name may come twice). */
function forEachFeature(input: CombinerInput, add: (name: string) => void): void {
  add(`canal:${input.kind}`);
  for (const id of input.ruleIds) add(`regle:${id}`);
  const reading = input.structure;
  if (!reading) return;
  for (const e of reading.pretexts) add(`pretexte:${e.id}`);
  for (const e of reading.actions) add(`action:${e.id}`);
  for (const e of reading.means) add(`moyen:${e.id}`);
  for (const e of reading.pressure) add(`pression:${e.id}`);
  if (reading.coherence.incoherent.length > 0) add('coherence:moyen-incoherent');
  if (reading.onlyOfficialWays) add('coherence:moyens-officiels');
  if (reading.protective) add('prevention:formulation');
  if (reading.pretexts.length > 0 && reading.actions.length > 0 && reading.hasMeans) add('schema:pretexte-action-moyen');
}

/** Names of the binary features present in a message, sorted, each once. */
export function combinerFeatures(input: CombinerInput): string[] {
  const names = new Set<string>();
  forEachFeature(input, (name) => names.add(name));
  return [...names].sort();
}

export function boundedLogit(logit: number | null): number {
  return logit === null ? 0 : Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, logit));
}

/** Probability of fraud. */
export function combinerProbability(input: CombinerInput, combiner: Combiner = DEFAULT_COMBINER): number {
  // The sum of forEachFeature's weights, in the same order and each name once, without building the
  // names: the string per feature and the lookup in a large object showed in profiles.
  const table = weightTableOf(combiner);
  let z = combiner.bias + combiner.modelLogitWeight * boundedLogit(input.modelLogit) + (combiner.rulesScoreWeight * input.rulesScore) / 100;
  z += weightOf(table, 'canal', input.kind);
  z = addDistinct(z, table.get('regle'), input.ruleIds);
  const reading = input.structure;
  if (!reading) return 1 / (1 + Math.exp(-z));
  z = addDistinct(z, table.get('pretexte'), reading.pretexts);
  z = addDistinct(z, table.get('action'), reading.actions);
  z = addDistinct(z, table.get('moyen'), reading.means);
  z = addDistinct(z, table.get('pression'), reading.pressure);
  if (reading.coherence.incoherent.length > 0) z += weightOf(table, 'coherence', 'moyen-incoherent');
  if (reading.onlyOfficialWays) z += weightOf(table, 'coherence', 'moyens-officiels');
  if (reading.protective) z += weightOf(table, 'prevention', 'formulation');
  if (reading.pretexts.length > 0 && reading.actions.length > 0 && reading.hasMeans) z += weightOf(table, 'schema', 'pretexte-action-moyen');
  return 1 / (1 + Math.exp(-z));
}

/** A combiner's weights by prefix (« regle ») then id (« lien.sosie »), built once per combiner. */
type WeightTable = ReadonlyMap<string, ReadonlyMap<string, number>>;
const weightTables = new WeakMap<Combiner, WeightTable>();

function weightTableOf(combiner: Combiner): WeightTable {
  let table = weightTables.get(combiner);
  if (!table) {
    const built = new Map<string, Map<string, number>>();
    for (const [name, weight] of Object.entries(combiner.weights)) {
      const colon = name.indexOf(':');
      const prefix = name.slice(0, colon);
      let byId = built.get(prefix);
      if (!byId) built.set(prefix, (byId = new Map()));
      byId.set(name.slice(colon + 1), weight);
    }
    weightTables.set(combiner, (table = built));
  }
  return table;
}

function weightOf(table: WeightTable, prefix: string, id: string): number {
  return table.get(prefix)?.get(id) ?? 0;
}

/** Adds the weight of each id once (a rule may give two findings), in list order. */
function addDistinct(z: number, byId: ReadonlyMap<string, number> | undefined, items: readonly (string | { readonly id: string })[]): number {
  let sum = z;
  for (let i = 0; i < items.length; i += 1) {
    const id = idOf(items[i] as string | { readonly id: string });
    if (!firstWithId(items, id, i)) continue;
    sum += byId?.get(id) ?? 0;
  }
  return sum;
}

function idOf(item: string | { readonly id: string }): string {
  return typeof item === 'string' ? item : item.id;
}

function firstWithId(items: readonly (string | { readonly id: string })[], id: string, at: number): boolean {
  for (let j = 0; j < at; j += 1) if (idOf(items[j] as string | { readonly id: string }) === id) return false;
  return true;
}

/** The value at x of the line through (x0, y0) and (x1, y1). */
function lerp(x: number, x0: number, x1: number, y0: number, y1: number): number {
  return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
}

/**
 * The 0–100 score of a probability: linear on [0, suspect] → [0, 30], [suspect, fraudeProbable] →
 * [30, 60] and [fraudeProbable, 1] → [60, 100], so that the verdict thresholds keep their meaning.
 */
export function scoreOfProbability(probability: number, thresholds: Combiner['thresholds'], verdictThresholds: { readonly suspect: number; readonly fraudeProbable: number }): number {
  const { suspect, fraudeProbable } = thresholds;
  const p = Math.max(0, Math.min(1, probability));
  const score =
    p < suspect
      ? lerp(p, 0, suspect, 0, verdictThresholds.suspect)
      : p < fraudeProbable
        ? lerp(p, suspect, fraudeProbable, verdictThresholds.suspect, verdictThresholds.fraudeProbable)
        : lerp(p, fraudeProbable, 1, verdictThresholds.fraudeProbable, 100);
  // Floor, not round: a probability just under a threshold must not be lifted onto it.
  return Math.min(100, Math.floor(score));
}
