/**
 * The curated lexicon of drift markers (issue 12, screening): the rules of every family, compiled once
 * per kind of text by the analysis engine's generic machinery.
 *
 * Version rule: bump DRIFT_LEXICON_VERSION by hand on any change of meaning (a phrase, a weight, a
 * window, a veto, a threshold); the fingerprint changes on any edit anyway. A catalogue screened under
 * another fingerprint is to be rescreened, and the actions that newly match are listed.
 */
import type { CompiledRuleset } from '../engine/ruleset.js';
import { compileRuleset } from '../engine/ruleset.js';
import { CURE_PROMISE_RULES } from './rules/cure-promises.rules.js';
import type { DriftRule } from './rules/drift-rule.js';
import { PSEUDO_SCIENCE_RULES } from './rules/pseudo-science.rules.js';
import { TREATMENT_REJECTION_RULES } from './rules/treatment-rejection.rules.js';
import { UNDUE_INFLUENCE_RULES } from './rules/undue-influence.rules.js';
import { UNRECOGNISED_TITLE_RULES } from './rules/unrecognised-titles.rules.js';
import { UNVALIDATED_METHOD_RULES } from './rules/unvalidated-methods.rules.js';
import { NEGATION_VETOES } from './rules/vetoes.js';
import { WARNING_CUES_FINGERPRINT } from './warning-context.js';

export const DRIFT_LEXICON_VERSION = '1.1.0';

export const DRIFT_RULES: readonly DriftRule[] = [
  ...CURE_PROMISE_RULES,
  ...TREATMENT_REJECTION_RULES,
  ...PSEUDO_SCIENCE_RULES,
  ...UNVALIDATED_METHOD_RULES,
  ...UNDUE_INFLUENCE_RULES,
  ...UNRECOGNISED_TITLE_RULES,
];

/**
 * Negations are added to every rule at compile time, not written in each, so that no rule can forget
 * them. Warnings (a programme about recognising drift) are read apart, by warning-context.ts, as they
 * concern programmes only and reach further.
 */
function withNegations(rule: DriftRule): DriftRule {
  return { ...rule, unlessNear: [...(rule.unlessNear ?? []), ...NEGATION_VETOES] };
}

/** The whole lexicon, compiled once; rules scoped to one kind of text run only on that kind. */
export const DRIFT_RULESET: CompiledRuleset = compileRuleset({
  id: 'dpc-derives',
  version: DRIFT_LEXICON_VERSION,
  rules: DRIFT_RULES.map(withNegations),
});

/** Ties a screening to the exact lexicon that produced it. */
export const DRIFT_LEXICON_FINGERPRINT = `${DRIFT_RULESET.fingerprint}+${WARNING_CUES_FINGERPRINT.split('#')[1] ?? ''}`;
