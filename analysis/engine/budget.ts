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

/**
 * A class rather than an object of closures: one budget is started per message, and closures made
 * per call cost more (under tsx, each is also given its name at run time).
 */
class StartedBudget implements TimeBudget {
  private readonly startedAt: number;

  constructor(
    private readonly now: () => number,
    readonly limitMs: number,
  ) {
    this.startedAt = now();
  }

  exceeded(): boolean {
    return this.now() - this.startedAt > this.limitMs;
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }
}

export function startBudget(now: () => number, limitMs: number): TimeBudget {
  return new StartedBudget(now, limitMs);
}

/** A budget that never runs out, for callers that want every rule evaluated (tests, rule examples). */
export const UNLIMITED_BUDGET: TimeBudget = {
  limitMs: Number.POSITIVE_INFINITY,
  elapsedMs: () => 0,
  exceeded: () => false,
};
