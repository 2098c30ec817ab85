import type { Finding } from '../analysis.types.js';

/**
 * A finding plus how it enters the score: wording evidence can be lowered by reassuring signs,
 * technical evidence (a forged sender, a look-alike domain) cannot. See engine/score.ts.
 */
export interface ScoredFinding {
  readonly finding: Finding;
  readonly mitigable: boolean;
}

export function technicalFinding(finding: Finding): ScoredFinding {
  return { finding, mitigable: false };
}

export function wordingFinding(finding: Finding): ScoredFinding {
  return { finding, mitigable: true };
}

/** « a, b et c » for explanations. */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
