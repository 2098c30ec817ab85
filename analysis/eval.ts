/**
 * Evaluation of the message analysis (`npm run eval`, `npm run eval -- --json <file>`). In this order:
 * 1. the blind split (analysis/corpus/blind/, written by people who never saw the engine, frozen, never
 *    used to tune anything): overall figures with the targets of issue 10 beside them, the hard negatives
 *    apart, a table per scenario (worst first) and per channel, then the misclassified ids — ids, counts
 *    and rates only, never a text;
 * 2. the training part (analysis/corpus/training/), the same way;
 * 3. the historical corpus (analysis/corpus/messages.jsonl): precision, recall, F1 and false-positive rate
 *    for « fraude probable » and « suspect or worse », the confusion matrix and the misclassified ids, on
 *    the whole corpus, on the part used while writing the rules, on the held-out part (ids ending in 7 or 9)
 *    and on its last batch written blind; then the same rates per channel and per scam family.
 * With `--json <file>`, the figures are also written there as JSON (for the README and closing notes).
 */
import { writeFileSync } from 'node:fs';
import { analyze } from './analyze.js';
import type { MessageInput, Verdict } from './analysis.types.js';
import type { BinaryMetrics, DetailedOutcome, GroupRow, SplitOutcome, SplitSummary, TargetCheck } from './eval-metrics.js';
import { binaryMetrics, confusionMatrix, metricsByChannel, metricsByFamily, summarizeSplit, TARGETS } from './eval-metrics.js';
import type { TCorpusEntry } from './corpus/load-corpus.js';
import { isHeldOut, isInFinalBlindBatch, loadCorpus } from './corpus/load-corpus.js';
import type { SplitMessage } from './corpus/load-split.js';
import { loadBlindSplit, loadTrainingPart, SPLIT_CHANNELS } from './corpus/load-split.js';

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

// ---- Blind split and training part ----

async function evaluateSplit(entry: SplitMessage): Promise<SplitOutcome> {
  const input: MessageInput = { kind: entry.kind, text: entry.text };
  const analysis = await analyze(input);
  return { id: entry.id, label: entry.label, verdict: analysis.verdict, channel: entry.channel, scenario: entry.scenario, hardNegative: entry.hardNegative };
}

/** « 62.3 % », or « — » when there is nothing to measure. */
const pct = (value: number | null): string => (value === null ? '—' : percent(value));
const mark = (met: boolean): string => (met ? '✓' : '✗');

/** A bound of the targets: « 95 % », « 2 % ». */
const bound = (value: number): string => `${Number((100 * value).toFixed(1))} %`;

function targetText(check: TargetCheck): string {
  return `[cible ${check.comparison === '>=' ? '≥' : '≤'} ${bound(check.bound)} ${mark(check.met)}]`;
}

function printSplit(title: string, summary: SplitSummary, listMisses: 'ids' | 'ids-by-scenario', outcomes: readonly SplitOutcome[]): void {
  const target = (id: TargetCheck['id']): TargetCheck => summary.targets.find((t) => t.id === id)!;
  const s = summary.suspectOrWorse;
  const f = summary.fraudeProbable;
  const h = summary.hardNegativeFalsePositiveRate;
  log(`\n=== ${title} : ${summary.messages} messages (${summary.frauds} fraudes, ${summary.legitimate} légitimes dont ${summary.hardNegatives} « pièges » — hard negatives)`);
  log(`  cibles de l’issue 10 atteintes : ${summary.targets.filter((t) => t.met).length}/${summary.targets.length}`);
  log('  « suspect » ou pire');
  log(`    rappel ${rate(s.recall, s.truePositives, summary.frauds)} ${targetText(target('looseRecall'))}`);
  log(`    taux de faux positifs ${rate(s.falsePositiveRate, s.falsePositives, summary.legitimate)} ${targetText(target('looseFalsePositiveRate'))}`);
  log(`    précision ${rate(s.precision, s.truePositives, s.truePositives + s.falsePositives)}`);
  log('  « fraude probable »');
  log(`    précision ${rate(f.precision, f.truePositives, f.truePositives + f.falsePositives)} ${targetText(target('strictPrecision'))}`);
  log(`    rappel ${rate(f.recall, f.truePositives, summary.frauds)} · taux de faux positifs ${rate(f.falsePositiveRate, f.falsePositives, summary.legitimate)}`);
  log(`  « pièges » seuls (${summary.hardNegatives} légitimes qui ressemblent à une fraude) : faux positifs « suspect » ou pire ${rate(h.suspectOrWorse, h.flaggedSuspectOrWorse, summary.hardNegatives)} · « fraude probable » ${rate(h.fraudeProbable, h.flaggedFraudeProbable, summary.hardNegatives)}`);
  const ordinary = summary.legitimate - summary.hardNegatives;
  const ordinaryFlagged = s.falsePositives - h.flaggedSuspectOrWorse;
  log(`  autres légitimes (${ordinary}) : faux positifs « suspect » ou pire ${rate(ordinary === 0 ? null : ordinaryFlagged / ordinary, ordinaryFlagged, ordinary)}`);
  const matrix = confusionMatrix(outcomes);
  log('  matrice de confusion (lignes : étiquette ; colonnes : verdict)');
  printTable(['', 'fraude_probable', 'suspect', 'aucun_signal'], (['fraude', 'legitime'] as const).map((label) => [label, String(matrix[label].fraude_probable), String(matrix[label].suspect), String(matrix[label].aucun_signal)]));

  const floor = target('scenarioRecall');
  const below = summary.byScenario.filter((row) => row.belowFloor).length;
  log(`\n  par scénario, le pire d’abord — rappel « suspect » ou pire ; aucun scénario sous ${bound(TARGETS.scenarioRecallMin)} : ${mark(floor.met)} (${below} sous le seuil sur ${summary.byScenario.length}, pire ${pct(floor.value)})`);
  log('  (légitimes : messages authentiques du même scénario ; faux positifs : ceux d’entre eux signalés « suspect » ou pire)');
  printTable(
    ['scénario', 'fraudes', 'rappel suspect+', 'rappel fraude probable', 'légitimes', 'faux positifs', ''],
    summary.byScenario.map((row) => [
      row.group,
      String(row.frauds),
      rate(row.recall, row.truePositives, row.frauds),
      pct(row.fraudeProbableRecall),
      String(row.legitimate),
      row.legitimate === 0 ? '—' : `${row.falsePositives}/${row.legitimate}`,
      row.belowFloor ? `✗ < ${bound(TARGETS.scenarioRecallMin)}` : '',
    ]),
  );

  log('\n  par canal (le taux de faux positifs d’un canal porte sur ses seuls messages légitimes)');
  printTable(
    ['canal', 'fraudes', 'légitimes', 'rappel suspect+', 'faux positifs suspect+', 'rappel fraude probable', 'faux positifs fraude probable'],
    summary.byChannel.map(({ channel, suspectOrWorse: l, fraudeProbable: st }: { channel: string; suspectOrWorse: GroupRow; fraudeProbable: GroupRow }) => [
      channel,
      String(l.frauds),
      String(l.legitimate),
      rate(l.recall, l.truePositives, l.frauds),
      rate(l.falsePositiveRate, l.falsePositives, l.legitimate),
      rate(st.recall, st.truePositives, st.frauds),
      rate(st.falsePositiveRate, st.falsePositives, st.legitimate),
    ]),
  );

  const m = summary.misclassified;
  const scenarioOf = new Map(outcomes.map((o) => [o.id, o.scenario]));
  const list = (ids: readonly string[]): string => {
    if (ids.length === 0) return ' —';
    if (listMisses === 'ids') return ` ${ids.join(', ')}`;
    const byScenario = new Map<string, string[]>();
    for (const id of ids) {
      const scenario = scenarioOf.get(id) ?? '?';
      byScenario.set(scenario, [...(byScenario.get(scenario) ?? []), id]);
    }
    return [...byScenario].map(([scenario, its]) => `\n      ${scenario} : ${its.join(', ')}`).join('');
  };
  log('');
  log(`  fraudes manquées (aucun signal) — ${m.missed.length} :${list(m.missed)}`);
  log(`  fraudes seulement « suspect » — ${m.onlySuspect.length} :${list(m.onlySuspect)}`);
  log(`  légitimes classés « fraude probable » — ${m.falseAlarms.length} :${list(m.falseAlarms)}`);
  log(`  légitimes classés « suspect » — ${m.doubts.length} :${list(m.doubts)}`);
}

function parseArguments(argv: readonly string[]): { jsonPath?: string } {
  const at = argv.indexOf('--json');
  if (at === -1) return {};
  const jsonPath = argv[at + 1];
  if (jsonPath === undefined || jsonPath.startsWith('--')) {
    process.stderr.write('--json attend un nom de fichier : npm run eval -- --json eval.json\n');
    process.exit(2);
  }
  return { jsonPath };
}

const started = performance.now();
const { jsonPath } = parseArguments(process.argv.slice(2));
const blindMessages = loadBlindSplit();
const trainingMessages = loadTrainingPart();
const corpus = loadCorpus();

const blindOutcomes: SplitOutcome[] = [];
for (const entry of blindMessages) blindOutcomes.push(await evaluateSplit(entry));
const trainingOutcomes: SplitOutcome[] = [];
for (const entry of trainingMessages) trainingOutcomes.push(await evaluateSplit(entry));
const blind = summarizeSplit(blindOutcomes, SPLIT_CHANNELS);
const training = summarizeSplit(trainingOutcomes, SPLIT_CHANNELS);

log('Lettres et télécopies sont lues comme des courriels sans en-têtes (kind « email »), comme un signalement reçu par courrier.');
printSplit('PARTIE AVEUGLE (analysis/corpus/blind/, gelée, jamais utilisée pour régler quoi que ce soit ; identifiants seulement)', blind, 'ids', blindOutcomes);
printSplit('PARTIE D’ENTRAÎNEMENT (analysis/corpus/training/)', training, 'ids-by-scenario', trainingOutcomes);

log('\n\n######## Corpus historique (analysis/corpus/messages.jsonl)');
const outcomes = [];
for (const entry of corpus) outcomes.push(await evaluate(entry));
printPart('Corpus complet', outcomes);
printPart('Partie de mise au point (ids ne finissant ni par 7 ni par 9)', outcomes.filter((o) => !isHeldOut(o.id)));
printPart('Partie réservée (ids finissant par 7 ou 9)', outcomes.filter((o) => isHeldOut(o.id)));
printPart('Dernier lot, écrit à l’aveugle et jamais utilisé pour régler les règles (msg-256 et suivants)', outcomes.filter((o) => isInFinalBlindBatch(o.id)));
printChannels('Corpus complet', outcomes);
printFamilies('Corpus complet', outcomes);
printChannels('Partie réservée', outcomes.filter((o) => isHeldOut(o.id)));

const elapsed = (performance.now() - started) / 1000;
log(`\n${blindOutcomes.length + trainingOutcomes.length + outcomes.length} messages analysés en ${elapsed.toFixed(1)} s.`);

if (jsonPath !== undefined) {
  const historical = (part: readonly DetailedOutcome[]): { messages: number; fraudeProbable: BinaryMetrics; suspectOrWorse: BinaryMetrics } => ({
    messages: part.length,
    fraudeProbable: binaryMetrics(part, STRICT),
    suspectOrWorse: binaryMetrics(part, LOOSE),
  });
  const report = {
    generatedAt: new Date().toISOString(),
    targets: TARGETS,
    blind,
    training,
    historical: {
      complete: historical(outcomes),
      tuning: historical(outcomes.filter((o) => !isHeldOut(o.id))),
      heldOut: historical(outcomes.filter((o) => isHeldOut(o.id))),
      finalBlindBatch: historical(outcomes.filter((o) => isInFinalBlindBatch(o.id))),
    },
  };
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  log(`Chiffres écrits dans ${jsonPath}.`);
}
