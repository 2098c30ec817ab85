import type { RulesetDefinition } from '../../engine/ruleset.js';
import { compileRuleset } from '../../engine/ruleset.js';
import { CERTIFICATION_RULES } from './certification.rules.js';
import { CREDENTIAL_RULES } from './credentials.rules.js';
import { GENERIC_RULES } from './generic.rules.js';
import { HEALTH_BODY_RULES } from './health-bodies.rules.js';
import { PAYMENT_RULES } from './payments.rules.js';
import { SCHEME_RULES } from './schemes.rules.js';
import { TRAINING_RULES } from './training.rules.js';

/**
 * The ruleset for messages received by doctors. Bump `version` when a rule changes meaning; the
 * fingerprint in `rulesetVersion` changes on any edit regardless.
 */
export const MESSAGE_RULESET_DEFINITION: RulesetDefinition = {
  id: 'messages',
  version: '1.1.0',
  rules: [...CERTIFICATION_RULES, ...TRAINING_RULES, ...CREDENTIAL_RULES, ...HEALTH_BODY_RULES, ...PAYMENT_RULES, ...SCHEME_RULES, ...GENERIC_RULES],
};

export const MESSAGE_RULESET = compileRuleset(MESSAGE_RULESET_DEFINITION);

/** Score from which a message is « fraude probable », and from which it is « suspect ». */
export const VERDICT_THRESHOLDS = { fraudeProbable: 60, suspect: 30 } as const;
