import type { MessageKind, Verdict } from './analysis.types.js';
import { MESSAGE_KINDS } from './analysis.types.js';

export type Label = 'fraude' | 'legitime';

export interface Outcome {
  readonly id: string;
  readonly label: Label;
  readonly verdict: Verdict;
}

export interface BinaryMetrics {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly falsePositiveRate: number;
}

/** Precision, recall, F1 and false-positive rate when « positive » means `isPositive(verdict)`. */
export function binaryMetrics(outcomes: readonly Outcome[], isPositive: (verdict: Verdict) => boolean): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const o of outcomes) {
    const positive = isPositive(o.verdict);
    if (o.label === 'fraude' && positive) tp += 1;
    else if (o.label === 'fraude') fn += 1;
    else if (positive) fp += 1;
    else tn += 1;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const falsePositiveRate = fp + tn === 0 ? 0 : fp / (fp + tn);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, precision, recall, f1, falsePositiveRate };
}

/** Counts per label and verdict. */
export function confusionMatrix(outcomes: readonly Outcome[]): Record<Label, Record<Verdict, number>> {
  const empty = (): Record<Verdict, number> => ({ fraude_probable: 0, suspect: 0, aucun_signal: 0 });
  const matrix: Record<Label, Record<Verdict, number>> = { fraude: empty(), legitime: empty() };
  for (const o of outcomes) matrix[o.label][o.verdict] += 1;
  return matrix;
}

/** An outcome with what the breakdowns need: the channel, the labelled family and the one found. */
export interface DetailedOutcome extends Outcome {
  readonly kind: MessageKind;
  /** Family of a fraud, as labelled in the corpus. */
  readonly family?: string;
  /** Family Vigie gave (none when it found no signal). */
  readonly foundFamily?: string;
}

/** A share, or null when there is nothing to divide by (printed « — », never a made-up 0 or 100 %). */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Recall, precision and false-positive rate of one group of messages (a channel, a scenario…), judged on its own messages. */
export interface GroupFigures {
  readonly frauds: number;
  readonly legitimate: number;
  /** Frauds flagged, legitimate messages flagged. */
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Share of the group's frauds flagged. */
  readonly recall: number | null;
  /** Share of the group's flagged messages that are frauds. */
  readonly precision: number | null;
  /** Share of the group's legitimate messages flagged. */
  readonly falsePositiveRate: number | null;
}

function groupFigures(outcomes: readonly Outcome[], isPositive: (verdict: Verdict) => boolean): GroupFigures {
  const m = binaryMetrics(outcomes, isPositive);
  const frauds = m.truePositives + m.falseNegatives;
  const legitimate = m.falsePositives + m.trueNegatives;
  return {
    frauds,
    legitimate,
    truePositives: m.truePositives,
    falsePositives: m.falsePositives,
    recall: share(m.truePositives, frauds),
    precision: share(m.truePositives, m.truePositives + m.falsePositives),
    falsePositiveRate: share(m.falsePositives, legitimate),
  };
}

/** The figures of one channel. */
export interface ChannelRow extends GroupFigures {
  readonly kind: MessageKind;
}

/** One row per channel present, in the order of MESSAGE_KINDS; each channel is judged on its own messages. */
export function metricsByChannel(outcomes: readonly DetailedOutcome[], isPositive: (verdict: Verdict) => boolean): ChannelRow[] {
  return MESSAGE_KINDS.flatMap((kind) => {
    const mine = outcomes.filter((o) => o.kind === kind);
    return mine.length === 0 ? [] : [{ kind, ...groupFigures(mine, isPositive) }];
  });
}

/**
 * Recall, precision and false-positive rate of one scam family. Recall: share of the frauds
 * labelled with the family that are flagged (whatever family Vigie names). Precision: among the
 * messages flagged and given this family by Vigie, share that are frauds labelled with it. False
 * positives: legitimate messages flagged and given this family, over all legitimate messages.
 */
export interface FamilyRow {
  readonly family: string;
  /** Frauds labelled with the family, and how many of them are flagged. */
  readonly frauds: number;
  readonly flagged: number;
  /** Messages flagged and given the family, and how many of them are frauds labelled with it. */
  readonly predicted: number;
  readonly predictedRight: number;
  /** Legitimate messages flagged and given the family. */
  readonly falseAlarms: number;
  readonly recall: number | null;
  readonly precision: number | null;
  readonly falsePositiveRate: number | null;
}

/** One row per family labelled or found, most frequent labelled family first. */
export function metricsByFamily(outcomes: readonly DetailedOutcome[], isPositive: (verdict: Verdict) => boolean): FamilyRow[] {
  const legitimate = outcomes.filter((o) => o.label === 'legitime').length;
  const flaggedAs = (o: DetailedOutcome, family: string): boolean => isPositive(o.verdict) && o.foundFamily === family;
  const families = new Set<string>();
  for (const o of outcomes) {
    if (o.label === 'fraude' && o.family !== undefined) families.add(o.family);
    if (isPositive(o.verdict) && o.foundFamily !== undefined) families.add(o.foundFamily);
  }
  const rows = [...families].map((family): FamilyRow => {
    const labelled = outcomes.filter((o) => o.label === 'fraude' && o.family === family);
    const flagged = labelled.filter((o) => isPositive(o.verdict)).length;
    const predicted = outcomes.filter((o) => flaggedAs(o, family));
    const predictedRight = predicted.filter((o) => o.label === 'fraude' && o.family === family).length;
    const falseAlarms = predicted.filter((o) => o.label === 'legitime').length;
    return {
      family,
      frauds: labelled.length,
      flagged,
      predicted: predicted.length,
      predictedRight,
      falseAlarms,
      recall: share(flagged, labelled.length),
      precision: share(predictedRight, predicted.length),
      falsePositiveRate: share(falseAlarms, legitimate),
    };
  });
  return rows.sort((a, b) => b.frauds - a.frauds || b.predicted - a.predicted || a.family.localeCompare(b.family));
}

/** The figures of one group, named. */
export interface GroupRow extends GroupFigures {
  readonly group: string;
}

/**
 * One row per group, each judged on its own messages: the groups of `order` first, in that order (when
 * present), then any other group in name order.
 */
export function metricsByGroup<O extends Outcome>(outcomes: readonly O[], groupOf: (outcome: O) => string, isPositive: (verdict: Verdict) => boolean, order: readonly string[] = []): GroupRow[] {
  const groups = new Map<string, O[]>();
  for (const o of outcomes) {
    const key = groupOf(o);
    const mine = groups.get(key);
    if (mine) mine.push(o);
    else groups.set(key, [o]);
  }
  const rank = (group: string): number => (order.includes(group) ? order.indexOf(group) : order.length);
  return [...groups.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((group) => ({ group, ...groupFigures(groups.get(group) ?? [], isPositive) }));
}

/** Groups with frauds first, lowest recall first (most frauds first between equals); groups without frauds last. */
export function worstRecallFirst(rows: readonly GroupRow[]): GroupRow[] {
  return [...rows].sort((a, b) => {
    if (a.recall === null || b.recall === null) return (a.recall === null ? 1 : 0) - (b.recall === null ? 1 : 0) || a.group.localeCompare(b.group);
    return a.recall - b.recall || b.frauds - a.frauds || a.group.localeCompare(b.group);
  });
}

/** The targets of issue 10, on the blind split. */
export const TARGETS = {
  /** « Suspect » or worse: recall at least… */
  looseRecallMin: 0.95,
  /** « Suspect » or worse: false-positive rate at most… */
  looseFalsePositiveRateMax: 0.02,
  /** « Fraude probable »: precision at least… */
  strictPrecisionMin: 0.99,
  /** « Suspect » or worse: no scenario's recall below… */
  scenarioRecallMin: 0.8,
} as const;

export interface TargetCheck {
  readonly id: 'looseRecall' | 'looseFalsePositiveRate' | 'strictPrecision' | 'scenarioRecall';
  /** The figure measured (for scenarios: the worst scenario's recall); null when nothing can be measured. */
  readonly value: number | null;
  readonly bound: number;
  readonly comparison: '>=' | '<=';
  readonly met: boolean;
}

/** A message of the blind split or of the training part, with its verdict. */
export interface SplitOutcome extends Outcome {
  readonly channel: string;
  readonly scenario: string;
  readonly hardNegative: boolean;
}

export interface ThresholdFigures {
  readonly precision: number | null;
  readonly recall: number | null;
  readonly falsePositiveRate: number | null;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

/** Everything `npm run eval` prints about one part (blind split or training part); ids only, never a text. */
export interface SplitSummary {
  readonly messages: number;
  readonly frauds: number;
  readonly legitimate: number;
  readonly hardNegatives: number;
  readonly fraudeProbable: ThresholdFigures;
  readonly suspectOrWorse: ThresholdFigures;
  /** The hard negatives alone: share flagged at each threshold. */
  readonly hardNegativeFalsePositiveRate: { readonly fraudeProbable: number | null; readonly suspectOrWorse: number | null; readonly flaggedFraudeProbable: number; readonly flaggedSuspectOrWorse: number };
  /** Recall « suspect » or worse per scenario of the frauds, worst first; `belowFloor` under TARGETS.scenarioRecallMin. */
  readonly byScenario: readonly (GroupRow & { readonly fraudeProbableRecall: number | null; readonly belowFloor: boolean })[];
  /** Per channel, both thresholds. */
  readonly byChannel: readonly { readonly channel: string; readonly suspectOrWorse: GroupRow; readonly fraudeProbable: GroupRow }[];
  readonly targets: readonly TargetCheck[];
  readonly misclassified: {
    /** Frauds left at « aucun signal ». */
    readonly missed: readonly string[];
    /** Frauds only « suspect ». */
    readonly onlySuspect: readonly string[];
    /** Genuine messages called « fraude probable ». */
    readonly falseAlarms: readonly string[];
    /** Genuine messages called « suspect ». */
    readonly doubts: readonly string[];
  };
}

const strictVerdict = (v: Verdict): boolean => v === 'fraude_probable';
const looseVerdict = (v: Verdict): boolean => v !== 'aucun_signal';

function figures(outcomes: readonly Outcome[], isPositive: (verdict: Verdict) => boolean): ThresholdFigures {
  const m = binaryMetrics(outcomes, isPositive);
  return {
    precision: share(m.truePositives, m.truePositives + m.falsePositives),
    recall: share(m.truePositives, m.truePositives + m.falseNegatives),
    falsePositiveRate: share(m.falsePositives, m.falsePositives + m.trueNegatives),
    truePositives: m.truePositives,
    falsePositives: m.falsePositives,
    falseNegatives: m.falseNegatives,
    trueNegatives: m.trueNegatives,
  };
}

/** Checks the targets; a figure that cannot be measured (null) misses its target. */
export function checkTargets(strict: ThresholdFigures, loose: ThresholdFigures, scenarios: readonly GroupRow[]): TargetCheck[] {
  const atLeast = (value: number | null, bound: number): boolean => value !== null && value >= bound;
  const atMost = (value: number | null, bound: number): boolean => value !== null && value <= bound;
  const measured = scenarios.flatMap((row) => (row.recall === null ? [] : [row.recall]));
  const worst = measured.length === 0 ? null : Math.min(...measured);
  return [
    { id: 'looseRecall', value: loose.recall, bound: TARGETS.looseRecallMin, comparison: '>=', met: atLeast(loose.recall, TARGETS.looseRecallMin) },
    { id: 'looseFalsePositiveRate', value: loose.falsePositiveRate, bound: TARGETS.looseFalsePositiveRateMax, comparison: '<=', met: atMost(loose.falsePositiveRate, TARGETS.looseFalsePositiveRateMax) },
    { id: 'strictPrecision', value: strict.precision, bound: TARGETS.strictPrecisionMin, comparison: '>=', met: atLeast(strict.precision, TARGETS.strictPrecisionMin) },
    { id: 'scenarioRecall', value: worst, bound: TARGETS.scenarioRecallMin, comparison: '>=', met: atLeast(worst, TARGETS.scenarioRecallMin) },
  ];
}

/** The figures of one part: overall, hard negatives apart, per scenario, per channel, targets and misclassified ids. */
export function summarizeSplit(outcomes: readonly SplitOutcome[], channelOrder: readonly string[] = []): SplitSummary {
  const frauds = outcomes.filter((o) => o.label === 'fraude');
  const legitimate = outcomes.filter((o) => o.label === 'legitime');
  const hard = legitimate.filter((o) => o.hardNegative);
  const fraudeProbable = figures(outcomes, strictVerdict);
  const suspectOrWorse = figures(outcomes, looseVerdict);
  const strictByScenario = new Map(metricsByGroup(frauds, (o) => o.scenario, strictVerdict).map((row) => [row.group, row.recall]));
  const byScenario = worstRecallFirst(metricsByGroup(outcomes, (o) => o.scenario, looseVerdict).filter((row) => row.frauds > 0)).map((row) => ({
    ...row,
    fraudeProbableRecall: strictByScenario.get(row.group) ?? null,
    belowFloor: row.recall !== null && row.recall < TARGETS.scenarioRecallMin,
  }));
  const strictByChannel = metricsByGroup(outcomes, (o) => o.channel, strictVerdict, channelOrder);
  const byChannel = metricsByGroup(outcomes, (o) => o.channel, looseVerdict, channelOrder).map((row, i) => ({ channel: row.group, suspectOrWorse: row, fraudeProbable: strictByChannel[i]! }));
  const ids = (list: readonly SplitOutcome[], verdict: Verdict): string[] => list.filter((o) => o.verdict === verdict).map((o) => o.id);
  const hardStrict = hard.filter((o) => strictVerdict(o.verdict)).length;
  const hardLoose = hard.filter((o) => looseVerdict(o.verdict)).length;
  return {
    messages: outcomes.length,
    frauds: frauds.length,
    legitimate: legitimate.length,
    hardNegatives: hard.length,
    fraudeProbable,
    suspectOrWorse,
    hardNegativeFalsePositiveRate: { fraudeProbable: share(hardStrict, hard.length), suspectOrWorse: share(hardLoose, hard.length), flaggedFraudeProbable: hardStrict, flaggedSuspectOrWorse: hardLoose },
    byScenario,
    byChannel,
    targets: checkTargets(fraudeProbable, suspectOrWorse, byScenario),
    misclassified: { missed: ids(frauds, 'aucun_signal'), onlySuspect: ids(frauds, 'suspect'), falseAlarms: ids(legitimate, 'fraude_probable'), doubts: ids(legitimate, 'suspect') },
  };
}
