import { describe, expect, it } from 'vitest';
import { matchRule, prepareText } from '../engine/match.js';
import { DRIFT_FAMILY_IDS, DRIFT_SOURCES } from './drift-families.js';
import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION, DRIFT_RULES, DRIFT_RULESET } from './drift-lexicon.js';

describe('drift lexicon', () => {
  it('compiles, with a version and a fingerprint', () => {
    expect(DRIFT_LEXICON_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(DRIFT_LEXICON_FINGERPRINT).toContain(`@${DRIFT_LEXICON_VERSION}#`);
    expect(DRIFT_RULESET.rules).toHaveLength(DRIFT_RULES.length);
  });

  it('gives every rule a family, a public source, a French explanation, examples and a positive weight', () => {
    for (const rule of DRIFT_RULES) {
      expect(DRIFT_FAMILY_IDS, rule.id).toContain(rule.family);
      expect(rule.sources.length, `${rule.id} : au moins une source`).toBeGreaterThan(0);
      for (const source of rule.sources) expect(Object.keys(DRIFT_SOURCES), rule.id).toContain(source);
      expect(rule.explanation.length, rule.id).toBeGreaterThan(40);
      expect(rule.weight, rule.id).toBeGreaterThan(0);
      expect(rule.weight, rule.id).toBeLessThanOrEqual(100);
      expect(rule.examples.match.length, `${rule.id} : au moins un exemple reconnu`).toBeGreaterThan(0);
      expect(rule.examples.noMatch.length, `${rule.id} : au moins un contre-exemple`).toBeGreaterThan(0);
    }
  });

  it('has at least one rule in every family', () => {
    for (const family of DRIFT_FAMILY_IDS) expect(DRIFT_RULES.some((rule) => rule.family === family), family).toBe(true);
  });

  // The examples are run as screened: compiled with the negations every rule gets.
  describe.each(DRIFT_RULESET.rules.map((rule) => [rule.definition.id, rule] as const))('%s', (_id, rule) => {
    it.each(rule.definition.examples.match.map((text) => [text]))('reconnaît « %s »', (text) => {
      expect(matchRule(prepareText(text), rule)).not.toBeNull();
    });
    it.each(rule.definition.examples.noMatch.map((text) => [text]))('ne reconnaît pas « %s »', (text) => {
      expect(matchRule(prepareText(text), rule)).toBeNull();
    });
  });
});
