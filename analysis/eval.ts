/**
 * Evaluation of the message analysis on the labelled corpus (`tsx analysis/eval.ts`). Prints
 * precision, recall, F1 and false-positive rate for « fraude probable » and for « suspect or worse »,
 * the confusion matrix and the misclassified ids, on the whole corpus, on the part used while writing
 * the rules, on the held-out part (ids ending in 7 or 9) and on the last batch written blind.
 */
import { analyze } from './analyze.js';
import type { Verdict } from './analysis.types.js';
import type { BinaryMetrics, Outcome } from './eval-metrics.js';
import { binaryMetrics, confusionMatrix } from './eval-metrics.js';
import type { TCorpusEntry } from './corpus/load-corpus.js';
import { isHeldOut, isInFinalBlindBatch, loadCorpus } from './corpus/load-corpus.js';

const percent = (value: number): string => `${(100 * value).toFixed(1)} %`;
const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

function printMetrics(title: string, metrics: BinaryMetrics): void {
  log(`  ${title}`);
  log(`    précision ${percent(metrics.precision)} · rappel ${percent(metrics.recall)} · F1 ${percent(metrics.f1)} · taux de faux positifs ${percent(metrics.falsePositiveRate)}`);
  log(`    (VP ${metrics.truePositives}, FP ${metrics.falsePositives}, FN ${metrics.falseNegatives}, VN ${metrics.trueNegatives})`);
}

function printPart(title: string, outcomes: readonly (Outcome & { family?: string; foundFamily?: string })[]): void {
  log(`\n=== ${title} : ${outcomes.length} messages (${outcomes.filter((o) => o.label === 'fraude').length} fraudes, ${outcomes.filter((o) => o.label === 'legitime').length} légitimes)`);
  printMetrics('« fraude probable »', binaryMetrics(outcomes, (v) => v === 'fraude_probable'));
  printMetrics('« suspect » ou pire', binaryMetrics(outcomes, (v) => v !== 'aucun_signal'));
  const matrix = confusionMatrix(outcomes);
  log('  matrice de confusion (lignes : étiquette ; colonnes : verdict)');
  log('                 fraude_probable   suspect   aucun_signal');
  for (const label of ['fraude', 'legitime'] as const) {
    const row = matrix[label];
    log(`    ${label.padEnd(10)} ${String(row.fraude_probable).padStart(12)} ${String(row.suspect).padStart(9)} ${String(row.aucun_signal).padStart(14)}`);
  }
  const missed = outcomes.filter((o) => o.label === 'fraude' && o.verdict === 'aucun_signal').map((o) => o.id);
  const weak = outcomes.filter((o) => o.label === 'fraude' && o.verdict === 'suspect').map((o) => o.id);
  const falseAlarms = outcomes.filter((o) => o.label === 'legitime' && o.verdict === 'fraude_probable').map((o) => o.id);
  const doubts = outcomes.filter((o) => o.label === 'legitime' && o.verdict === 'suspect').map((o) => o.id);
  log(`  fraudes manquées (aucun signal) : ${missed.join(', ') || '—'}`);
  log(`  fraudes seulement « suspect » : ${weak.join(', ') || '—'}`);
  log(`  légitimes classés « fraude probable » : ${falseAlarms.join(', ') || '—'}`);
  log(`  légitimes classés « suspect » : ${doubts.join(', ') || '—'}`);
  const detected = outcomes.filter((o) => o.label === 'fraude' && o.verdict !== 'aucun_signal');
  const rightFamily = detected.filter((o) => o.family === o.foundFamily).length;
  if (detected.length > 0) log(`  famille correcte parmi les fraudes détectées : ${rightFamily}/${detected.length} (${percent(rightFamily / detected.length)})`);
}

async function evaluate(entry: TCorpusEntry): Promise<Outcome & { family?: string; foundFamily?: string }> {
  const analysis = await analyze({ kind: entry.kind, text: entry.text });
  const verdict: Verdict = analysis.verdict;
  return { id: entry.id, label: entry.label, verdict, family: entry.family, foundFamily: analysis.family?.id };
}

const corpus = loadCorpus();
const outcomes = [];
for (const entry of corpus) outcomes.push(await evaluate(entry));
printPart('Corpus complet', outcomes);
printPart('Partie de mise au point (ids ne finissant ni par 7 ni par 9)', outcomes.filter((o) => !isHeldOut(o.id)));
printPart('Partie réservée (ids finissant par 7 ou 9)', outcomes.filter((o) => isHeldOut(o.id)));
printPart('Dernier lot, écrit à l’aveugle et jamais utilisé pour régler les règles (msg-256 et suivants)', outcomes.filter((o) => isInFinalBlindBatch(o.id)));
