/**
 * Turns weighted findings into one score from 0 to 100.
 *
 * Positive weights combine like independent pieces of evidence (noisy-OR): 1 − Π(1 − w/100). Two
 * findings of 40 give 64, not 80, and no pile of weak signals passes 100. Negative weights (reassuring
 * signs: every link official, a prevention message) lower only the evidence that comes from wording,
 * which a scammer controls, never technical evidence (a look-alike domain, a forged sender), and
 * never by more than MAX_MITIGATION.
 */

export interface WeightedSignal {
  readonly weight: number;
  /** Evidence drawn from wording; reassuring signs can lower it. */
  readonly mitigable: boolean;
}

export const MAX_MITIGATION = 0.7;

function noisyOr(probabilities: readonly number[]): number {
  return 1 - probabilities.reduce((remaining, p) => remaining * (1 - Math.min(Math.max(p, 0), 1)), 1);
}

export function combineScore(signals: readonly WeightedSignal[]): number {
  const positive = signals.filter((s) => s.weight > 0);
  const wording = noisyOr(positive.filter((s) => s.mitigable).map((s) => s.weight / 100));
  const technical = noisyOr(positive.filter((s) => !s.mitigable).map((s) => s.weight / 100));
  const mitigation = Math.min(noisyOr(signals.filter((s) => s.weight < 0).map((s) => -s.weight / 100)), MAX_MITIGATION);
  return Math.round(100 * noisyOr([wording * (1 - mitigation), technical]));
}
