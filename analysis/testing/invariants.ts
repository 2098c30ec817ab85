/**
 * What every analysis must satisfy, whatever the input: used by the property tests and the hostile
 * input tests. Test support only (imports vitest).
 */
import { expect } from 'vitest';
import type { Analysis, Span } from '../analysis.types.js';
import { MessageInputError } from '../analyze.js';


function expectInside(span: Span, length: number, what: string): void {
  expect(Number.isInteger(span.start) && Number.isInteger(span.end), what).toBe(true);
  expect(span.start, what).toBeGreaterThanOrEqual(0);
  expect(span.end, what).toBeGreaterThanOrEqual(span.start);
  expect(span.end, what).toBeLessThanOrEqual(length);
}

/** Offsets inside the shown text, a score from 0 to 100, and a partial result always says why. */
export function expectWellFormed(analysis: Analysis): void {
  const length = analysis.shownText.length;
  for (const finding of analysis.findings) {
    expect(finding.explanation.length, finding.ruleId).toBeGreaterThan(0);
    for (const span of finding.evidence) expectInside(span, length, finding.ruleId);
  }
  for (const phone of analysis.indicators.phones) expectInside(phone.evidence, length, phone.e164);
  expect(Number.isInteger(analysis.score)).toBe(true);
  expect(analysis.score).toBeGreaterThanOrEqual(0);
  expect(analysis.score).toBeLessThanOrEqual(100);
  expect(['fraude_probable', 'suspect', 'aucun_signal']).toContain(analysis.verdict);
  if (!analysis.complete) expect(analysis.notices.length).toBeGreaterThan(0);
  for (const notice of analysis.notices) expect(notice).toMatch(/[a-zàâçéèêëîïôûù]/);
}

export type Outcome = { readonly analysis: Analysis } | { readonly refused: MessageInputError };

/**
 * Runs an analysis and checks the invariants: either a well-formed analysis or a MessageInputError
 * (French message); any other error fails the test. A hang fails through the test's own timeout — no
 * timing is asserted here (performance is measured by `npm run bench:analyze`).
 */
export async function expectSafeOutcome(run: () => Analysis | Promise<Analysis>): Promise<Outcome> {
  let outcome: Outcome;
  try {
    outcome = { analysis: await run() };
  } catch (error) {
    if (!(error instanceof MessageInputError)) throw error;
    expect(error.message).toMatch(/^[A-ZÀ-Ý]/);
    outcome = { refused: error };
  }
  if ('analysis' in outcome) expectWellFormed(outcome.analysis);
  return outcome;
}
