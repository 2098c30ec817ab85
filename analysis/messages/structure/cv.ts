/**
 * Cross-validation of the structural scorer (`npx tsx analysis/messages/structure/cv.ts`).
 *
 * Data: the training part and the historical corpus, as the model reads them (model/train.ts
 * loadTrainingExamples); the blind split is never read. Folds: the model's (same seed, same stratified
 * draw as model/train.ts). For each fold, a statistical model is trained on the four other folds, so
 * that « rules + model » is measured out of fold too; the structural weights are chosen on the four
 * other folds (grid below) and applied to the held-out one. Prints rules + model against
 * rules + model + structure, per fold and pooled, then the weights chosen on all folds (to copy into
 * DEFAULT_STRUCTURE_PARAMS).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { analyzePreparedWith, prepareTextMessage } from '../../analyze.js';
import type { Verdict } from '../../analysis.types.js';
import { prepareText } from '../../engine/match.js';
import { featureBuckets } from '../../model/features.js';
import type { CompiledModel } from '../../model/score-model.js';
import { compileModel, MODEL_WEIGHTS } from '../../model/score-model.js';
import { assignFolds, fit, FOLDS, loadTrainingExamples, prune } from '../../model/train.js';
import type { StructureParams } from './structure-finding.js';
import { DEFAULT_STRUCTURE_PARAMS } from './structure-finding.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};


/** Hard negatives of the training part (genuine messages built to look like a scam). */
function hardNegativeIds(): Set<string> {
  const dir = new URL('../../corpus/training/', import.meta.url);
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(new URL(name, dir), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { id: string; hardNegative?: boolean };
      if (row.hardNegative === true) ids.add(row.id);
    }
  }
  return ids;
}

const GRID: StructureParams[] = [];
for (const schemeWeight of [20, 30, 35, 45])
  for (const incoherentWeight of [30, 45, 60])
    for (const protectiveWeight of [0, -20, -35, -50])
      for (const needsPressure of [true, false]) GRID.push({ enabled: true, schemeWeight, incoherentWeight, protectiveWeight, officialWaysWeight: DEFAULT_STRUCTURE_PARAMS.officialWaysWeight, needsPressure });
const OFF: StructureParams = { ...DEFAULT_STRUCTURE_PARAMS, enabled: false };

interface Figures {
  frauds: number;
  genuine: number;
  hard: number;
  caught: number;
  fp: number;
  fpHard: number;
  fpOther: number;
  strictTp: number;
  strictFp: number;
}

function figures(rows: readonly { fraud: boolean; hard: boolean; verdict: Verdict }[]): Figures {
  const f: Figures = { frauds: 0, genuine: 0, hard: 0, caught: 0, fp: 0, fpHard: 0, fpOther: 0, strictTp: 0, strictFp: 0 };
  for (const r of rows) {
    if (r.fraud) {
      f.frauds += 1;
      if (r.verdict !== 'aucun_signal') f.caught += 1;
      if (r.verdict === 'fraude_probable') f.strictTp += 1;
    } else {
      f.genuine += 1;
      if (r.hard) f.hard += 1;
      if (r.verdict !== 'aucun_signal') {
        f.fp += 1;
        if (r.hard) f.fpHard += 1;
        else f.fpOther += 1;
      }
      if (r.verdict === 'fraude_probable') f.strictFp += 1;
    }
  }
  return f;
}

/**
 * What a setting is worth on some rows, against rules + model: recall gained minus twice the false
 * positives added; a setting adding a false « fraude probable » is refused.
 */
function gain(base: Figures, withStructure: Figures): number {
  if (withStructure.strictFp > base.strictFp) return Number.NEGATIVE_INFINITY;
  return withStructure.caught - base.caught - 2 * (withStructure.fp - base.fp);
}

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
const describe = (p: StructureParams): string => `schéma ${p.schemeWeight}, incohérent ${p.incoherentWeight}, prévention ${p.protectiveWeight}, pression ${p.needsPressure ? 'exigée' : 'facultative'}`;

function main(): void {
  const examples = loadTrainingExamples();
  const hard = hardNegativeIds();
  const prepared = examples.map((e) => prepareTextMessage({ kind: e.kind, text: e.text }, 100_000));
  const docs = prepared.map((p, i) => {
    const buckets = featureBuckets(prepareText(p.shownText));
    return { buckets, scale: buckets.length > 0 ? 1 / Math.sqrt(buckets.length) : 0, y: examples[i]?.fraud ? 1 : 0 };
  });
  const folds = assignFolds(examples);
  log(`Exemples : ${examples.length} (${examples.filter((e) => e.fraud).length} fraudes, ${examples.filter((e) => !e.fraud).length} légitimes dont ${examples.filter((e) => hard.has(e.id)).length} négatifs difficiles)`);
  const models: CompiledModel[] = [];
  for (let f = 0; f < FOLDS; f += 1) {
    const pruned = prune(fit(docs.filter((_, i) => folds[i] !== f)));
    models.push(compileModel({ ...MODEL_WEIGHTS, bias: pruned.bias, buckets: pruned.buckets, weights: pruned.weights }));
    log(`modèle du pli ${f + 1} appris`);
  }
  // verdicts[setting][example]: setting 0 is rules + model, then the grid.
  const settings = [OFF, ...GRID];
  const verdicts: Verdict[][] = settings.map(() => []);
  examples.forEach((_, i) => {
    const model = models[folds[i] as number] as CompiledModel;
    settings.forEach((params, s) => {
      (verdicts[s] as Verdict[])[i] = analyzePreparedWith(prepared[i] as (typeof prepared)[number], { model }, params).verdict;
    });
  });
  const rowsOf = (s: number, keep: (i: number) => boolean) =>
    examples.flatMap((e, i) => (keep(i) ? [{ fraud: e.fraud, hard: hard.has(e.id), verdict: (verdicts[s] as Verdict[])[i] as Verdict }] : []));
  const best = (keep: (i: number) => boolean): number => {
    const base = figures(rowsOf(0, keep));
    let chosen = 0;
    let value = 0;
    for (let s = 1; s < settings.length; s += 1) {
      const v = gain(base, figures(rowsOf(s, keep)));
      if (v > value) {
        value = v;
        chosen = s;
      }
    }
    return chosen;
  };
  log('\nPar pli : réglages choisis sur les 4 autres plis, mesurés sur le pli tenu à l’écart (règles + modèle → + structure)');
  log('  pli | rappel suspect+ | FP suspect+ (négatifs difficiles ; autres) | « fraude probable » VP/FP | réglage');
  const heldOut: { fraud: boolean; hard: boolean; verdict: Verdict }[] = [];
  const baseAll: { fraud: boolean; hard: boolean; verdict: Verdict }[] = [];
  for (let f = 0; f < FOLDS; f += 1) {
    const s = best((i) => folds[i] !== f);
    const inFold = (i: number): boolean => folds[i] === f;
    const base = figures(rowsOf(0, inFold));
    const withS = figures(rowsOf(s, inFold));
    heldOut.push(...rowsOf(s, inFold));
    baseAll.push(...rowsOf(0, inFold));
    log(`  ${f + 1}   | ${pct(base.caught, base.frauds)} → ${pct(withS.caught, withS.frauds)} | ${pct(base.fp, base.genuine)} (${base.fpHard} ; ${base.fpOther}) → ${pct(withS.fp, withS.genuine)} (${withS.fpHard} ; ${withS.fpOther}) | ${base.strictTp}/${base.strictFp} → ${withS.strictTp}/${withS.strictFp} | ${s === 0 ? 'structure coupée' : describe(settings[s] as StructureParams)}`);
  }
  const b = figures(baseAll);
  const h = figures(heldOut);
  const precision = (x: Figures): string => pct(x.strictTp, x.strictTp + x.strictFp);
  log(`  tous | ${pct(b.caught, b.frauds)} → ${pct(h.caught, h.frauds)} | ${pct(b.fp, b.genuine)} (${b.fpHard}/${b.hard} ; ${b.fpOther}/${b.genuine - b.hard}) → ${pct(h.fp, h.genuine)} (${h.fpHard}/${h.hard} ; ${h.fpOther}/${h.genuine - h.hard}) | ${b.strictTp}/${b.strictFp} → ${h.strictTp}/${h.strictFp} (précision ${precision(b)} → ${precision(h)})`);
  const final = best(() => true);
  log(`\nRéglage choisi sur les 5 plis : ${final === 0 ? 'structure coupée' : describe(settings[final] as StructureParams)}`);
  const shipped = settings.findIndex((p) => p.enabled && p.schemeWeight === DEFAULT_STRUCTURE_PARAMS.schemeWeight && p.incoherentWeight === DEFAULT_STRUCTURE_PARAMS.incoherentWeight && p.protectiveWeight === DEFAULT_STRUCTURE_PARAMS.protectiveWeight && p.needsPressure === DEFAULT_STRUCTURE_PARAMS.needsPressure);
  if (shipped > 0) {
    const x = figures(rowsOf(shipped, () => true));
    log(`Réglage livré (hors pli pour le modèle, réglage fixe) : rappel ${pct(x.caught, x.frauds)}, FP ${pct(x.fp, x.genuine)} (${x.fpHard} ; ${x.fpOther}), « fraude probable » ${x.strictTp}/${x.strictFp}`);
  }
}

main();
