import type { Verdict } from './analysis.types.js';

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
