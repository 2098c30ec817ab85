/**
 * Evaluation of the message analysis on the labelled corpus (`tsx analysis/eval.ts`). Prints
 * precision, recall, F1 and false-positive rate for « fraude probable » and for « suspect or worse »,
 * the confusion matrix and the misclassified ids, on the whole corpus, on the part used while writing
 * the rules, on the held-out part (ids ending in 7 or 9) and on the last batch written blind; then
 * the same rates per channel (sms, email, call, link, phone) and per scam family.
 */
import { analyze } from './analyze.js';
import type { Verdict } from './analysis.types.js';
import type { BinaryMetrics, DetailedOutcome } from './eval-metrics.js';
import { binaryMetrics, confusionMatrix, metricsByChannel, metricsByFamily } from './eval-metrics.js';
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

function printPart(title: string, outcomes: readonly DetailedOutcome[]): void {
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

async function evaluate(entry: TCorpusEntry): Promise<DetailedOutcome> {
  const analysis = await analyze({ kind: entry.kind, text: entry.text });
  const verdict: Verdict = analysis.verdict;
  return { id: entry.id, kind: entry.kind, label: entry.label, verdict, family: entry.family, foundFamily: analysis.family?.id };
}

const STRICT = (v: Verdict): boolean => v === 'fraude_probable';
const LOOSE = (v: Verdict): boolean => v !== 'aucun_signal';

/** « 74.7 % (62/83) », or « — » when there is nothing to measure. */
function rate(value: number | null, part: number, whole: number): string {
  return value === null ? '—' : `${percent(value)} (${part}/${whole})`;
}

/** Prints rows under a header, each column as wide as its widest cell; the first column left-aligned. */
function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  log(`    ${line(header)}`);
  for (const row of rows) log(`    ${line(row)}`);
}

function printChannels(title: string, outcomes: readonly DetailedOutcome[]): void {
  log(`\n=== ${title} : par canal (le taux de faux positifs d’un canal porte sur ses seuls messages légitimes)`);
  for (const [name, isPositive] of [['« fraude probable »', STRICT], ['« suspect » ou pire', LOOSE]] as const) {
    log(`  seuil ${name}`);
    printTable(
      ['canal', 'fraudes', 'légitimes', 'rappel', 'précision', 'faux positifs'],
      metricsByChannel(outcomes, isPositive).map((row) => [
        row.kind,
        String(row.frauds),
        String(row.legitimate),
        rate(row.recall, row.truePositives, row.frauds),
        rate(row.precision, row.truePositives, row.truePositives + row.falsePositives),
        rate(row.falsePositiveRate, row.falsePositives, row.legitimate),
      ]),
    );
  }
}

function printFamilies(title: string, outcomes: readonly DetailedOutcome[]): void {
  const legitimate = outcomes.filter((o) => o.label === 'legitime').length;
  log(`\n=== ${title} : par famille d’escroquerie`);
  log('  rappel : part des fraudes de la famille signalées (quelle que soit la famille annoncée) ;');
  log('  précision : part des messages signalés avec cette famille qui sont des fraudes de cette famille ;');
  log(`  faux positifs : messages légitimes signalés avec cette famille, sur les ${legitimate} légitimes.`);
  for (const [name, isPositive] of [['« fraude probable »', STRICT], ['« suspect » ou pire', LOOSE]] as const) {
    log(`  seuil ${name}`);
    printTable(
      ['famille', 'fraudes', 'rappel', 'précision', 'faux positifs'],
      metricsByFamily(outcomes, isPositive).map((row) => [
        row.family,
        String(row.frauds),
        rate(row.recall, row.flagged, row.frauds),
        rate(row.precision, row.predictedRight, row.predicted),
        rate(row.falsePositiveRate, row.falseAlarms, legitimate),
      ]),
    );
  }
}

const corpus = loadCorpus();
const outcomes = [];
for (const entry of corpus) outcomes.push(await evaluate(entry));
printPart('Corpus complet', outcomes);
printPart('Partie de mise au point (ids ne finissant ni par 7 ni par 9)', outcomes.filter((o) => !isHeldOut(o.id)));
printPart('Partie réservée (ids finissant par 7 ou 9)', outcomes.filter((o) => isHeldOut(o.id)));
printPart('Dernier lot, écrit à l’aveugle et jamais utilisé pour régler les règles (msg-256 et suivants)', outcomes.filter((o) => isInFinalBlindBatch(o.id)));
printChannels('Corpus complet', outcomes);
printFamilies('Corpus complet', outcomes);
printChannels('Partie réservée', outcomes.filter((o) => isHeldOut(o.id)));
