/**
 * Training of the combiner (model/combiner.ts), called by train.ts once the statistical model's
 * out-of-fold log-odds are known: every training message is read by the engine with the model of the
 * fold it was held out of, so the combiner learns how much to trust the model on messages the model
 * has not seen — as it will be at run time.
 *
 * Logistic regression, L2-regularised, full-batch gradient descent, fixed steps: deterministic.
 * Thresholds come from the same 5 folds: the combiner trained on four folds scores the fifth, and on
 * the pooled out-of-fold probabilities
 *  - « fraude probable » starts at the lowest probability above which precision is ≥ FRAUD_PRECISION;
 *  - « suspect » starts at the lowest probability above which at most SUSPECT_FALSE_POSITIVES of the
 *    genuine messages are flagged.
 */
import type { CombinerInput, CombinerWeights } from './combiner.js';
import { boundedLogit, combinerFeatures, combinerProbability } from './combiner.js';

export const COMBINER_L2 = 0.001;
const STEPS = 800;
const LEARNING_RATE = 0.5;
export const FRAUD_PRECISION = 0.995;
export const SUSPECT_FALSE_POSITIVES = 0.03;

export interface CombinerExample {
  readonly input: CombinerInput;
  readonly fraud: boolean;
}

interface Encoded {
  readonly features: readonly number[];
  readonly logit: number;
  readonly rules: number;
  readonly y: number;
}

/** Fits the weights on the examples; the thresholds are left for chooseThresholds. */
export function fitCombiner(examples: readonly CombinerExample[], l2 = COMBINER_L2): Omit<CombinerWeights, 'thresholds' | 'trainedOn'> {
  const names: string[] = [];
  const index = new Map<string, number>();
  const encoded: Encoded[] = examples.map(({ input, fraud }) => ({
    features: combinerFeatures(input).map((name) => {
      let i = index.get(name);
      if (i === undefined) {
        i = names.length;
        names.push(name);
        index.set(name, i);
      }
      return i;
    }),
    logit: boundedLogit(input.modelLogit),
    rules: input.rulesScore / 100,
    y: fraud ? 1 : 0,
  }));
  const w = new Float64Array(names.length);
  let bias = 0;
  let wLogit = 0;
  let wRules = 0;
  const n = Math.max(1, encoded.length);
  for (let step = 0; step < STEPS; step += 1) {
    const grad = new Float64Array(names.length);
    let gBias = 0;
    let gLogit = 0;
    let gRules = 0;
    for (const e of encoded) {
      let z = bias + wLogit * e.logit + wRules * e.rules;
      for (const f of e.features) z += w[f] as number;
      const d = 1 / (1 + Math.exp(-z)) - e.y;
      gBias += d;
      gLogit += d * e.logit;
      gRules += d * e.rules;
      for (const f of e.features) grad[f] = (grad[f] as number) + d;
    }
    for (let f = 0; f < names.length; f += 1) w[f] = (w[f] as number) - LEARNING_RATE * ((grad[f] as number) / n + l2 * (w[f] as number));
    wLogit -= LEARNING_RATE * (gLogit / n + l2 * wLogit);
    wRules -= LEARNING_RATE * (gRules / n + l2 * wRules);
    bias -= (LEARNING_RATE * gBias) / n;
  }
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number> = {};
  names
    .map((name, i) => ({ name, weight: round(w[i] as number) }))
    .filter(({ weight }) => weight !== 0)
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach(({ name, weight }) => {
      weights[name] = weight;
    });
  return { format: 'vigie-combiner-1', bias: round(bias), weights, modelLogitWeight: round(wLogit), rulesScoreWeight: round(wRules) };
}

export interface ScoredExample {
  readonly probability: number;
  readonly fraud: boolean;
}

/** The two thresholds from out-of-fold probabilities (see the file's comment). */
export function chooseThresholds(rows: readonly ScoredExample[]): CombinerWeights['thresholds'] {
  const sorted = [...rows].sort((a, b) => b.probability - a.probability);
  const genuine = rows.filter((r) => !r.fraud).length;
  let truePositives = 0;
  let falsePositives = 0;
  let fraudeProbable = 0.9998;
  let suspect = 0.9998;
  for (let i = 0; i < sorted.length; i += 1) {
    const row = sorted[i] as ScoredExample;
    if (row.fraud) truePositives += 1;
    else falsePositives += 1;
    // Only between distinct probabilities can a threshold fall.
    const next = sorted[i + 1];
    if (next && next.probability === row.probability) continue;
    const cut = next ? (row.probability + next.probability) / 2 : row.probability;
    if (truePositives / (truePositives + falsePositives) >= FRAUD_PRECISION) fraudeProbable = Math.min(fraudeProbable, cut);
    if (falsePositives <= SUSPECT_FALSE_POSITIVES * genuine) suspect = Math.min(suspect, cut);
  }
  // A « fraude probable » is also « suspect »: when the precise region starts below the suspect one, it
  // is raised to it (more precise still), never the other way round.
  const roundUp = (x: number): number => Math.ceil(x * 1e4) / 1e4;
  const suspectCut = roundUp(suspect);
  return { suspect: suspectCut, fraudeProbable: Math.max(roundUp(fraudeProbable), Math.min(suspectCut + 1e-4, 0.99999)) };
}

/** Out-of-fold probabilities: for each fold, a combiner fitted on the others. */
export function outOfFoldProbabilities(examples: readonly CombinerExample[], folds: readonly number[], foldCount: number): number[] {
  const probabilities = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < foldCount; f += 1) {
    const fitted = fitCombiner(examples.filter((_, i) => folds[i] !== f));
    const combiner = { ...fitted, thresholds: { suspect: 0.5, fraudeProbable: 0.9 }, trainedOn: { messages: 0, frauds: 0, genuine: 0, sources: [] } };
    examples.forEach((example, i) => {
      if (folds[i] === f) probabilities[i] = combinerProbability(example.input, combiner);
    });
  }
  return probabilities;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/** Cross-validates, chooses the thresholds, fits on everything, and prints the figures per fold. */
export function trainCombiner(
  examples: readonly CombinerExample[],
  folds: readonly number[],
  foldCount: number,
  log: (line?: string) => void,
): Omit<CombinerWeights, 'trainedOn'> {
  const probabilities = outOfFoldProbabilities(examples, folds, foldCount);
  const rows = examples.map((e, i) => ({ probability: probabilities[i] as number, fraud: e.fraud }));
  const thresholds = chooseThresholds(rows);
  log(`\nCombinaison (règles, structure, modèle) — seuils hors pli : suspect p ≥ ${thresholds.suspect}, fraude probable p ≥ ${thresholds.fraudeProbable}`);
  log('  pli  fraudes légitimes | rappel suspect+ | faux positifs suspect+ | fraude probable : rappel, précision');
  const line = (label: string, subset: readonly { probability: number; fraud: boolean }[]): void => {
    const frauds = subset.filter((r) => r.fraud);
    const genuine = subset.filter((r) => !r.fraud);
    const caught = frauds.filter((r) => r.probability >= thresholds.suspect).length;
    const flagged = genuine.filter((r) => r.probability >= thresholds.suspect).length;
    const strictTp = frauds.filter((r) => r.probability >= thresholds.fraudeProbable).length;
    const strictFp = genuine.filter((r) => r.probability >= thresholds.fraudeProbable).length;
    log(`  ${label.padEnd(4)} ${String(frauds.length).padStart(7)} ${String(genuine.length).padStart(9)} | ${percent(caught, frauds.length).padStart(15)} | ${percent(flagged, genuine.length).padStart(22)} | ${percent(strictTp, frauds.length)}, ${percent(strictTp, strictTp + strictFp)}`);
  };
  for (let f = 0; f < foldCount; f += 1) line(String(f + 1), rows.filter((_, i) => folds[i] === f));
  line('tous', rows);
  return { ...fitCombiner(examples), thresholds };
}
