import { describe, expect, it } from 'vitest';
import { matchRule, prepareText } from '../../engine/match.js';
import { findFact } from '../facts.js';
import { isFamilyId } from '../families.js';
import { MESSAGE_KINDS } from '../../analysis.types.js';
import { MESSAGE_RULESET } from './message-ruleset.js';

describe('message ruleset', () => {
  it('has identifiers, families, facts and scopes that exist', () => {
    for (const { definition } of MESSAGE_RULESET.rules) {
      if (definition.family !== undefined) expect(isFamilyId(definition.family), definition.id).toBe(true);
      if (definition.fact !== undefined) expect(findFact(definition.fact), definition.id).toBeDefined();
      for (const scope of definition.scopes ?? []) expect(MESSAGE_KINDS as readonly string[]).toContain(scope);
      expect(definition.examples.match.length, `${definition.id} : au moins un exemple reconnu`).toBeGreaterThan(0);
      expect(definition.examples.noMatch.length, `${definition.id} : au moins un contre-exemple`).toBeGreaterThan(0);
    }
  });

  describe.each(MESSAGE_RULESET.rules.map((rule) => [rule.definition.id, rule] as const))('%s', (_id, rule) => {
    it.each(rule.definition.examples.match.map((text) => [text]))('reconnaît « %s »', (text) => {
      expect(matchRule(prepareText(text), rule)).not.toBeNull();
    });
    it.each(rule.definition.examples.noMatch.map((text) => [text]))('ne reconnaît pas « %s »', (text) => {
      expect(matchRule(prepareText(text), rule)).toBeNull();
    });
  });
});
