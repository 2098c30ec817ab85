import type { TAnalysis } from '../../../../contracts/checks.schemas.js';

export type Finding = TAnalysis['findings'][number];

export interface NumberedFinding {
  finding: Finding;
  /** As shown in « Pourquoi », from 1: concerns first, reassuring signs last. */
  number: number;
  /** Id of its list item, for the highlighted passages to point to. */
  id: string;
}

export function findingId(number: number): string {
  return `constat-${number}`;
}

export function numberFindings(findings: readonly Finding[]): { concerns: NumberedFinding[]; reassuring: NumberedFinding[] } {
  const ordered = [...findings.filter((f) => f.weight >= 0), ...findings.filter((f) => f.weight < 0)];
  const numbered = ordered.map((finding, index) => ({ finding, number: index + 1, id: findingId(index + 1) }));
  return { concerns: numbered.filter((n) => n.finding.weight >= 0), reassuring: numbered.filter((n) => n.finding.weight < 0) };
}
