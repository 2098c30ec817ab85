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
  // The three noisy-ORs in one pass, each product taken in signal order as noisyOr would (same
  // floating-point result): the filtered and mapped copies showed in profiles.
  let wordingLeft = 1;
  let technicalLeft = 1;
  let mitigationLeft = 1;
  for (let i = 0; i < signals.length; i += 1) {
    const s = signals[i] as WeightedSignal;
    if (s.weight > 0) {
      if (s.mitigable) wordingLeft *= 1 - clampProbability(s.weight / 100);
      else technicalLeft *= 1 - clampProbability(s.weight / 100);
    } else if (s.weight < 0) mitigationLeft *= 1 - clampProbability(-s.weight / 100);
  }
  const mitigation = Math.min(1 - mitigationLeft, MAX_MITIGATION);
  return Math.round(100 * noisyOr([(1 - wordingLeft) * (1 - mitigation), 1 - technicalLeft]));
}

function clampProbability(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
