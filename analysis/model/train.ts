/**
 * Trains the statistical model (`npm run train:model`, or `npx tsx analysis/model/train.ts`).
 *
 * Data: the training part of the corpus (analysis/corpus/training/*.jsonl) and the historical corpus
 * (analysis/corpus/messages.jsonl). The blind split is never read here.
 *
 * 1. Features: features.ts (hashed word 1–2-grams and character 3–5-grams, presence, 1/√n scaling).
 * 2. Logistic regression, L2-regularised, full-batch gradient descent (Adam), fixed number of steps,
 *    no randomness except the fold assignment, drawn from a fixed seed: same data, same weights.
 * 3. 5-fold cross-validation (stratified by label): for each fold, a model trained on the four others,
 *    pruned like the shipped one, is combined with the rules on the held-out fold. Thresholds are
 *    chosen on the pooled out-of-fold results (see chooseThresholds), then reported per fold.
 * 4. The combiner (combiner.ts, train-combiner.ts) is trained on the engine's reading of every message
 *    made with the model of the fold that held the message out; its thresholds come from the same folds.
 * 5. The final model is trained on everything, pruned to the TOP_K heaviest weights, and written to
 *    weights.json with the thresholds; the combiner to combiner.json.
 *
 * Prints the figures; `--no-write` leaves weights.json as it is.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { analyzePrepared, combinerInputOf, prepareTextMessage } from '../analyze.js';
import type { CombinerWeights } from './combiner.js';
import { trainCombiner } from './train-combiner.js';
import type { MessageKind, Verdict } from '../analysis.types.js';
import { prepareText } from '../engine/match.js';
import { seededRandom as random } from '../testing/seeded-random.js';
import { featureBuckets, HASH_BITS, HASH_BUCKETS } from './features.js';
import type { CompiledModel, ModelWeights } from './score-model.js';
import { compileModel, scoreModel } from './score-model.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export const TOP_K = 8000;
export const L2 = 3e-4;
const STEPS = 400;
const LEARNING_RATE = 0.05;
export const FOLDS = 5;
const SEED = 20261206;

interface Example {
  readonly id: string;
  readonly kind: MessageKind;
  readonly text: string;
  readonly fraud: boolean;
  readonly source: string;
}

const TRAINING_DIR = new URL('../corpus/training/', import.meta.url);
const HISTORICAL = new URL('../corpus/messages.jsonl', import.meta.url);

function kindOf(channel: string): MessageKind {
  if (channel === 'sms' || channel === 'call' || channel === 'email') return channel;
  if (channel === 'letter' || channel === 'fax') return 'email';
  throw new Error(`Canal inconnu : ${channel}`);
}

export function loadTrainingExamples(): Example[] {
  const examples: Example[] = [];
  const parts = readdirSync(TRAINING_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  for (const name of parts) {
    for (const line of readFileSync(new URL(name, TRAINING_DIR), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { id: string; channel: string; label: string; text: string };
      examples.push({ id: row.id, kind: kindOf(row.channel), text: row.text, fraud: row.label === 'fraude', source: `training/${name}` });
    }
  }
  for (const line of readFileSync(HISTORICAL, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { id: string; kind: MessageKind; label: string; text: string };
    examples.push({ id: row.id, kind: row.kind, text: row.text, fraud: row.label === 'fraude', source: 'messages.jsonl' });
  }
  return examples;
}

/** Fold of each example, stratified by label (fixed seed: the structural scorer's CV reuses these folds). */
export function assignFolds(examples: readonly Example[]): number[] {
  const next = random(SEED);
  const folds = new Array<number>(examples.length).fill(0);
  for (const fraud of [true, false]) {
    const indices = examples.map((e, i) => (e.fraud === fraud ? i : -1)).filter((i) => i >= 0);
    const keyed = indices.map((i) => ({ i, key: next() })).sort((a, b) => a.key - b.key || a.i - b.i);
    keyed.forEach(({ i }, rank) => {
      folds[i] = rank % FOLDS;
    });
  }
  return folds;
}

interface Doc {
  readonly buckets: Int32Array;
  readonly scale: number;
  readonly y: number;
}

/** Logistic regression by full-batch Adam on mean log-loss + L2/2·‖w‖². */
export function fit(docs: readonly Doc[], l2 = L2): { bias: number; w: Float64Array } {
  const w = new Float64Array(HASH_BUCKETS);
  const m = new Float64Array(HASH_BUCKETS);
  const v = new Float64Array(HASH_BUCKETS);
  const grad = new Float64Array(HASH_BUCKETS);
  const used = new Uint8Array(HASH_BUCKETS);
  for (const doc of docs) for (const b of doc.buckets) used[b] = 1;
  const active = Int32Array.from([...used.keys()].filter((b) => used[b] === 1));
  let bias = 0;
  let mb = 0;
  let vb = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const n = docs.length;
  for (let step = 1; step <= STEPS; step += 1) {
    for (const b of active) grad[b] = l2 * (w[b] as number);
    let gb = 0;
    for (const doc of docs) {
      let z = bias;
      for (const b of doc.buckets) z += (w[b] as number) * doc.scale;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - doc.y) / n;
      gb += g;
      for (const b of doc.buckets) grad[b] = (grad[b] as number) + g * doc.scale;
    }
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    for (const b of active) {
      const g = grad[b] as number;
      m[b] = beta1 * (m[b] as number) + (1 - beta1) * g;
      v[b] = beta2 * (v[b] as number) + (1 - beta2) * g * g;
      w[b] = (w[b] as number) - (LEARNING_RATE * ((m[b] as number) / c1)) / (Math.sqrt((v[b] as number) / c2) + 1e-8);
    }
    mb = beta1 * mb + (1 - beta1) * gb;
    vb = beta2 * vb + (1 - beta2) * gb * gb;
    bias -= (LEARNING_RATE * (mb / c1)) / (Math.sqrt(vb / c2) + 1e-8);
  }
  return { bias, w };
}

/** Keeps the TOP_K weights of largest magnitude (ties by bucket), rounded to 4 decimals. */
export function prune(model: { bias: number; w: Float64Array }, topK = TOP_K): { bias: number; buckets: number[]; weights: number[] } {
  const order = [...model.w.keys()].filter((b) => model.w[b] !== 0).sort((a, b) => Math.abs(model.w[b] as number) - Math.abs(model.w[a] as number) || a - b);
  const kept = order.slice(0, topK).sort((a, b) => a - b);
  return { bias: Math.round(model.bias * 1e4) / 1e4, buckets: kept, weights: kept.map((b) => Math.round((model.w[b] as number) * 1e4) / 1e4) };
}

function weightsFile(pruned: ReturnType<typeof prune>, thresholds: ModelWeights['thresholds'], examples: readonly Example[]): ModelWeights {
  return {
    format: 'vigie-logreg-1',
    hashBits: HASH_BITS,
    bias: pruned.bias,
    buckets: pruned.buckets,
    weights: pruned.weights,
    thresholds,
    trainedOn: {
      messages: examples.length,
      frauds: examples.filter((e) => e.fraud).length,
      genuine: examples.filter((e) => !e.fraud).length,
      sources: [...new Set(examples.map((e) => e.source))].sort(),
    },
  };
}

interface OutOfFold {
  readonly fold: number;
  readonly fraud: boolean;
  readonly probability: number;
  /** Rules alone. */
  readonly rulesVerdict: Verdict;
  /** Combined, for each candidate pair of thresholds, filled later. */
  readonly example: Example;
}

const SUSPECT_CANDIDATES = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const SUPPORT_CANDIDATES = [0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.01];

function auc(rows: readonly { fraud: boolean; probability: number }[]): number {
  const sorted = [...rows].sort((a, b) => a.probability - b.probability);
  let rankSum = 0;
  let positives = 0;
  sorted.forEach((r, i) => {
    if (r.fraud) {
      rankSum += i + 1;
      positives += 1;
    }
  });
  const negatives = rows.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

interface FoldFigures {
  frauds: number;
  genuine: number;
  caughtRules: number;
  caughtCombined: number;
  fpRules: number;
  fpCombined: number;
  strictTpRules: number;
  strictFpRules: number;
  strictTpCombined: number;
  strictFpCombined: number;
}

function main(): void {
  const write = !process.argv.includes('--no-write');
  const examples = loadTrainingExamples();
  log(`Exemples : ${examples.length} (${examples.filter((e) => e.fraud).length} fraudes, ${examples.filter((e) => !e.fraud).length} légitimes)`);
  const prepared = examples.map((e) => prepareTextMessage({ kind: e.kind, text: e.text }, 100_000));
  const names = new Map<number, Map<string, number>>();
  const docs: Doc[] = prepared.map((p, i) => {
    const buckets = featureBuckets(prepareText(p.shownText), names);
    return { buckets, scale: buckets.length > 0 ? 1 / Math.sqrt(buckets.length) : 0, y: (examples[i] as Example).fraud ? 1 : 0 };
  });
  const folds = assignFolds(examples);

  // Out-of-fold probabilities and verdicts.
  const rows: OutOfFold[] = [];
  const foldModels: CompiledModel[] = [];
  for (let f = 0; f < FOLDS; f += 1) {
    const trained = fit(docs.filter((_, i) => folds[i] !== f));
    const compiled = compileModel(weightsFile(prune(trained), { suspect: 1.01, support: 1.01 }, examples));
    foldModels.push(compiled);
    examples.forEach((example, i) => {
      if (folds[i] !== f) return;
      const p = prepared[i] as (typeof prepared)[number];
      const probability = scoreModel(prepareText(p.shownText), compiled, 0).probability;
      const rulesVerdict = analyzePrepared(p, { model: null, combiner: null }).verdict;
      rows.push({ fold: f, fraud: example.fraud, probability, rulesVerdict, example });
    });
  }
  log(`AUC hors pli (modèle seul, élagué à ${TOP_K} poids) : ${auc(rows).toFixed(3)}`);

  const combinedVerdict = (row: OutOfFold, thresholds: ModelWeights['thresholds']): Verdict => {
    const p = prepared[examples.indexOf(row.example)] as (typeof prepared)[number];
    const model = { ...(foldModels[row.fold] as CompiledModel), thresholds };
    return analyzePrepared(p, { model, combiner: null }).verdict;
  };
  const figures = (thresholds: ModelWeights['thresholds'], subset: readonly OutOfFold[]): FoldFigures => {
    const out: FoldFigures = { frauds: 0, genuine: 0, caughtRules: 0, caughtCombined: 0, fpRules: 0, fpCombined: 0, strictTpRules: 0, strictFpRules: 0, strictTpCombined: 0, strictFpCombined: 0 };
    for (const row of subset) {
      const combined = combinedVerdict(row, thresholds);
      if (row.fraud) {
        out.frauds += 1;
        if (row.rulesVerdict !== 'aucun_signal') out.caughtRules += 1;
        if (combined !== 'aucun_signal') out.caughtCombined += 1;
        if (row.rulesVerdict === 'fraude_probable') out.strictTpRules += 1;
        if (combined === 'fraude_probable') out.strictTpCombined += 1;
      } else {
        out.genuine += 1;
        if (row.rulesVerdict !== 'aucun_signal') out.fpRules += 1;
        if (combined !== 'aucun_signal') out.fpCombined += 1;
        if (row.rulesVerdict === 'fraude_probable') out.strictFpRules += 1;
        if (combined === 'fraude_probable') out.strictFpCombined += 1;
      }
    }
    return out;
  };

  // Thresholds, going down from the strictest: the lowest « suspect » threshold before the added false
  // positives pass 1 % of the genuine messages; then the lowest « support » threshold before one
  // genuine message is made « fraude probable » (out of fold).
  log('\nSeuil « suspect » (le modèle seul fait passer « aucun signal » à « suspect ») — hors pli, tous plis réunis :');
  const genuineCount = rows.filter((r) => !r.fraud).length;
  let suspect = 1.01;
  for (const t of [...SUSPECT_CANDIDATES].reverse()) {
    const fig = figures({ suspect: t, support: 1.01 }, rows);
    log(`  p ≥ ${t.toFixed(2)} : rappel suspect+ ${pct(fig.caughtCombined, fig.frauds)} (règles seules ${pct(fig.caughtRules, fig.frauds)}), faux positifs ${pct(fig.fpCombined, fig.genuine)} (règles seules ${pct(fig.fpRules, fig.genuine)})`);
    if (fig.fpCombined - fig.fpRules > 0.01 * genuineCount) break;
    suspect = t;
  }
  log('Seuil « appui » (le modèle renforce des règles déjà « suspect ») :');
  let support = 1.01;
  for (const t of [...SUPPORT_CANDIDATES].reverse()) {
    const fig = figures({ suspect, support: t }, rows);
    log(`  p ≥ ${t.toFixed(2)} : « fraude probable » VP ${fig.strictTpCombined} (règles seules ${fig.strictTpRules}), FP ${fig.strictFpCombined} (règles seules ${fig.strictFpRules})`);
    if (fig.strictFpCombined > fig.strictFpRules) break;
    support = Math.max(t, suspect);
  }
  const thresholds = { suspect, support };
  log(`Seuils retenus : suspect p ≥ ${suspect}, appui p ≥ ${support}`);

  log('\nValidation croisée à 5 plis (seuils retenus), par pli :');
  log('  pli  fraudes légitimes | rappel suspect+ règles → combiné | FP règles → combiné | fraude probable VP/FP règles → combiné');
  const total: FoldFigures[] = [];
  for (let f = 0; f < FOLDS; f += 1) {
    const fig = figures(thresholds, rows.filter((r) => r.fold === f));
    total.push(fig);
    log(`  ${f + 1}    ${String(fig.frauds).padStart(7)} ${String(fig.genuine).padStart(9)} | ${pct(fig.caughtRules, fig.frauds).padStart(7)} → ${pct(fig.caughtCombined, fig.frauds).padStart(7)} | ${pct(fig.fpRules, fig.genuine).padStart(6)} → ${pct(fig.fpCombined, fig.genuine).padStart(6)} | ${fig.strictTpRules}/${fig.strictFpRules} → ${fig.strictTpCombined}/${fig.strictFpCombined}`);
  }
  const sum = (key: keyof FoldFigures): number => total.reduce((s, fig) => s + fig[key], 0);
  log(`  tous ${String(sum('frauds')).padStart(7)} ${String(sum('genuine')).padStart(9)} | ${pct(sum('caughtRules'), sum('frauds')).padStart(7)} → ${pct(sum('caughtCombined'), sum('frauds')).padStart(7)} | ${pct(sum('fpRules'), sum('genuine')).padStart(6)} → ${pct(sum('fpCombined'), sum('genuine')).padStart(6)} | ${sum('strictTpRules')}/${sum('strictFpRules')} → ${sum('strictTpCombined')}/${sum('strictFpCombined')}`);

  // The combiner reads every message with the model of the fold it was held out of.
  const combinerExamples = examples.map((example, i) => ({
    input: combinerInputOf(prepared[i] as (typeof prepared)[number], { model: foldModels[folds[i] as number] as CompiledModel }),
    fraud: example.fraud,
  }));
  const combiner: CombinerWeights = {
    ...trainCombiner(combinerExamples, folds, FOLDS, log),
    trainedOn: weightsFile(prune({ bias: 0, w: new Float64Array(HASH_BUCKETS) }), thresholds, examples).trainedOn,
  };

  const final = prune(fit(docs));
  const file = weightsFile(final, thresholds, examples);
  const heaviest = final.buckets
    .map((b, i) => ({ b, w: final.weights[i] as number }))
    .sort((a, b) => b.w - a.w)
    .slice(0, 25)
    .map(({ b, w }) => `${[...(names.get(b) ?? new Map<string, number>()).entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? b} (${w.toFixed(2)})`);
  log(`\nPoids les plus forts vers la fraude : ${heaviest.join(', ')}`);
  if (write) {
    const json = `${JSON.stringify(file)}\n`;
    writeFileSync(new URL('./weights.json', import.meta.url), json);
    log(`weights.json écrit : ${file.buckets.length} poids, ${(json.length / 1024).toFixed(1)} Ko`);
    writeFileSync(new URL('./combiner.json', import.meta.url), `${JSON.stringify(combiner, null, 1)}\n`);
    log(`combiner.json écrit : ${Object.keys(combiner.weights).length} poids`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) main();
