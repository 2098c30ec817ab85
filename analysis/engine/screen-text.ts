import type { TimeBudget } from './budget.js';
import { startBudget, UNLIMITED_BUDGET } from './budget.js';
import type { RuleHit } from './match.js';
import { prepareText, runRuleset } from './match.js';
import type { CompiledRuleset } from './ruleset.js';
import { combineScore } from './score.js';

export interface ScreenOptions {
  readonly scope?: string;
  /** Clock in milliseconds; with `budgetMs`, bounds the time spent matching. */
  readonly now?: () => number;
  readonly budgetMs?: number;
}

export interface Screening {
  readonly hits: readonly RuleHit[];
  /** 0 to 100, from the weights of the matched rules (all treated as wording evidence). */
  readonly score: number;
  readonly complete: boolean;
}

/**
 * Runs any ruleset over a text and scores it: the whole engine in one call, for callers that have
 * no extractors of their own (the DPC module screening training programmes, for instance).
 */
export function screenText(text: string, ruleset: CompiledRuleset, options: ScreenOptions = {}): Screening {
  const budget: TimeBudget = options.now && options.budgetMs !== undefined ? startBudget(options.now, options.budgetMs) : UNLIMITED_BUDGET;
  const run = runRuleset(prepareText(text), ruleset, { scope: options.scope, budget });
  const score = combineScore(run.hits.map((hit) => ({ weight: hit.rule.definition.weight, mitigable: true })));
  return { hits: run.hits, score, complete: run.complete };
}
