/**
 * Evaluation of the DPC drift screening (`npm run eval:dpc`). The blind part first (written by someone
 * who never saw the lexicon, frozen, never used to tune anything), then the training part: recall of
 * « derive » at the screening threshold, false-positive rate on « conforme » with the hard negatives
 * apart, per kind and per family, and the target of issue 12. Ids, counts and rates only, never a
 * text. On the training part only, a threshold scan and the rules behind each false positive.
 */
import type { TDriftCorpusEntry } from './corpus/load-dpc-corpus.js';
import { DPC_BLIND_DIR, DPC_TRAINING_DIR, loadDriftCorpus } from './corpus/load-dpc-corpus.js';
import { DRIFT_FAMILY_IDS } from './drift-families.js';
import { DRIFT_LEXICON_FINGERPRINT, screenProgramme, screenSignalement, SCREENING_THRESHOLD } from './index.js';
import type { DriftScreening } from './index.js';

/** Issue 12: recall ≥ 0.90 at ≤ 0.05 false positives. */
export const DPC_TARGETS = { recall: 0.9, falsePositiveRate: 0.05 } as const;

interface Outcome {
  readonly entry: TDriftCorpusEntry;
  readonly screening: DriftScreening;
  readonly flagged: boolean;
}

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const percent = (value: number): string => (Number.isNaN(value) ? '—' : `${(100 * value).toFixed(1)} %`);
const rate = (hits: number, total: number): string => `${percent(total === 0 ? Number.NaN : hits / total)} (${hits}/${total})`;

function screen(entry: TDriftCorpusEntry, threshold: number): Outcome {
  const screening = entry.kind === 'programme' ? screenProgramme(entry.text) : screenSignalement(entry.text);
  return { entry, screening, flagged: screening.score >= threshold };
}

function recallOf(outcomes: readonly Outcome[]): { hits: number; total: number } {
  const drifts = outcomes.filter((o) => o.entry.label === 'derive');
  return { hits: drifts.filter((o) => o.flagged).length, total: drifts.length };
}

function falsePositivesOf(outcomes: readonly Outcome[]): { hits: number; total: number } {
  const genuine = outcomes.filter((o) => o.entry.label === 'conforme');
  return { hits: genuine.filter((o) => o.flagged).length, total: genuine.length };
}

function printPart(title: string, outcomes: readonly Outcome[]): void {
  const recall = recallOf(outcomes);
  const fp = falsePositivesOf(outcomes);
  log(`\n=== ${title} : ${outcomes.length} textes (${recall.total} dérives, ${fp.total} conformes)`);
  log(`  rappel des dérives (score ≥ ${SCREENING_THRESHOLD}) : ${rate(recall.hits, recall.total)}`);
  log(`  taux de faux positifs sur les conformes : ${rate(fp.hits, fp.total)}`);
  const hard = outcomes.filter((o) => o.entry.hardNegative);
  const ordinary = outcomes.filter((o) => o.entry.label === 'conforme' && !o.entry.hardNegative);
  log(`    dont conformes ordinaires : ${rate(falsePositivesOf(ordinary).hits, ordinary.length)} · cas difficiles (hardNegative) : ${rate(falsePositivesOf(hard).hits, hard.length)}`);
  const recallRate = recall.total === 0 ? 0 : recall.hits / recall.total;
  const fpRate = fp.total === 0 ? 0 : fp.hits / fp.total;
  const met = recallRate >= DPC_TARGETS.recall && fpRate <= DPC_TARGETS.falsePositiveRate;
  log(`  objectif de l’issue 12 (rappel ≥ ${percent(DPC_TARGETS.recall)} à ≤ ${percent(DPC_TARGETS.falsePositiveRate)} de faux positifs) : ${met ? 'ATTEINT' : 'NON ATTEINT'}`);
  for (const kind of ['programme', 'signalement'] as const) {
    const ofKind = outcomes.filter((o) => o.entry.kind === kind);
    const r = recallOf(ofKind);
    const f = falsePositivesOf(ofKind);
    log(`  ${kind.padEnd(12)} rappel ${rate(r.hits, r.total).padEnd(18)} faux positifs ${rate(f.hits, f.total)}`);
  }
  log('  rappel par famille (et famille retrouvée parmi les constats) :');
  for (const family of DRIFT_FAMILY_IDS) {
    const ofFamily = outcomes.filter((o) => o.entry.family === family);
    const r = recallOf(ofFamily);
    const named = ofFamily.filter((o) => o.screening.findings.some((f) => f.family === family)).length;
    log(`    ${family.padEnd(22)} ${rate(r.hits, r.total).padEnd(18)} famille retrouvée ${rate(named, ofFamily.length)}`);
  }
  log(`  dérives manquées : ${ids(outcomes.filter((o) => o.entry.label === 'derive' && !o.flagged))}`);
  log(`  conformes signalés : ${ids(outcomes.filter((o) => o.entry.label === 'conforme' && o.flagged))}`);
}

function ids(outcomes: readonly Outcome[]): string {
  return outcomes.map((o) => `${o.entry.id} (${o.screening.score})`).join(', ') || '—';
}

/** Training only: where the threshold could sit, and which rules the false positives come from. */
function printTuningAid(entries: readonly TDriftCorpusEntry[], outcomes: readonly Outcome[]): void {
  log('\n  balayage du seuil (partie d’entraînement seulement) :');
  for (let threshold = 20; threshold <= 70; threshold += 5) {
    const scanned = entries.map((entry) => screen(entry, threshold));
    const r = recallOf(scanned);
    const f = falsePositivesOf(scanned);
    log(`    seuil ${String(threshold).padStart(2)} : rappel ${rate(r.hits, r.total).padEnd(18)} faux positifs ${rate(f.hits, f.total)}`);
  }
  log('  règles à l’origine des faux positifs :');
  for (const o of outcomes.filter((x) => x.entry.label === 'conforme' && x.flagged)) {
    log(`    ${o.entry.id} : ${o.screening.findings.map((f) => `${f.ruleId} (${f.weight})`).join(', ')}`);
  }
  log('  règles trouvées sur les dérives manquées :');
  for (const o of outcomes.filter((x) => x.entry.label === 'derive' && !x.flagged)) {
    log(`    ${o.entry.id} [${o.entry.family}] : ${o.screening.findings.map((f) => f.ruleId).join(', ') || 'aucune'}`);
  }
}

function main(): void {
  log(`Lexique des dérives ${DRIFT_LEXICON_FINGERPRINT} · seuil de signalement ${SCREENING_THRESHOLD}`);
  // While tuning, `-- --training-only` keeps the blind figures out of sight, so they stay a fair measure.
  const trainingOnly = process.argv.includes('--training-only');
  const blind = trainingOnly ? [] : loadDriftCorpus(DPC_BLIND_DIR);
  if (!trainingOnly) printPart('Partie aveugle (analysis/dpc/corpus/blind, jamais utilisée pour régler le lexique)', blind.map((e) => screen(e, SCREENING_THRESHOLD)));
  const training = loadDriftCorpus(DPC_TRAINING_DIR);
  const outcomes = training.map((e) => screen(e, SCREENING_THRESHOLD));
  printPart('Partie d’entraînement (analysis/dpc/corpus/training)', outcomes);
  printTuningAid(training, outcomes);
}

main();
