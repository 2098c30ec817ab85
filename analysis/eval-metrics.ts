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

/** Recall, precision and false-positive rate of one channel. */
export interface ChannelRow {
  readonly kind: MessageKind;
  readonly frauds: number;
  readonly legitimate: number;
  /** Frauds flagged, legitimate messages flagged. */
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Share of the channel's frauds flagged. */
  readonly recall: number | null;
  /** Share of the channel's flagged messages that are frauds. */
  readonly precision: number | null;
  /** Share of the channel's legitimate messages flagged. */
  readonly falsePositiveRate: number | null;
}

/** One row per channel present, in the order of MESSAGE_KINDS; each channel is judged on its own messages. */
export function metricsByChannel(outcomes: readonly DetailedOutcome[], isPositive: (verdict: Verdict) => boolean): ChannelRow[] {
  return MESSAGE_KINDS.flatMap((kind) => {
    const mine = outcomes.filter((o) => o.kind === kind);
    if (mine.length === 0) return [];
    const m = binaryMetrics(mine, isPositive);
    const frauds = m.truePositives + m.falseNegatives;
    const legitimate = m.falsePositives + m.trueNegatives;
    return [{
      kind,
      frauds,
      legitimate,
      truePositives: m.truePositives,
      falsePositives: m.falsePositives,
      recall: share(m.truePositives, frauds),
      precision: share(m.truePositives, m.truePositives + m.falsePositives),
      falsePositiveRate: share(m.falsePositives, legitimate),
    }];
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
