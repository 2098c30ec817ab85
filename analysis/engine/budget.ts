/**
 * A time budget for one analysis. The clock is injected (`now`, in milliseconds) so that the pure core
 * never reads one by itself and a test can drive time by hand.
 */
export interface TimeBudget {
  /** True once the budget is spent; checked between units of work, never inside one. */
  exceeded(): boolean;
  elapsedMs(): number;
  readonly limitMs: number;
}

export function startBudget(now: () => number, limitMs: number): TimeBudget {
  const startedAt = now();
  return {
    limitMs,
    elapsedMs: () => now() - startedAt,
    exceeded: () => now() - startedAt > limitMs,
  };
}

/** A budget that never runs out, for callers that want every rule evaluated (tests, rule examples). */
export const UNLIMITED_BUDGET: TimeBudget = {
  limitMs: Number.POSITIVE_INFINITY,
  elapsedMs: () => 0,
  exceeded: () => false,
};
