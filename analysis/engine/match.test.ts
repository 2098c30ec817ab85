import { describe, expect, it } from 'vitest';
import { startBudget } from './budget.js';
import { matchRule, prepareText, runRuleset } from './match.js';
import type { RuleDefinition } from './ruleset.js';
import { compileRuleset, RulesetError } from './ruleset.js';

const baseRule: RuleDefinition = {
  id: 'test.radiation',
  description: 'Menace de radiation',
  explanation: 'Menace de radiation',
  weight: 50,
  allOf: [['radiation', 'radié*'], ['certification périodique', "droit d'exercer"]],
  within: 8,
  unlessNear: ['en aucun cas'],
  examples: { match: [], noMatch: [] },
};

const ruleset = (rules: RuleDefinition[]) => compileRuleset({ id: 'test', version: '1', rules });
const firstRule = (rule: RuleDefinition) => ruleset([rule]).rules[0]!;

describe('matchRule', () => {
  it('matches a text prepared before the rule was compiled like one prepared after', () => {
    // Words never compiled before this test: the text's word table and head marks do not know them.
    const original = 'Le ZORGLUB quintessencié vous attend, puis le zorglub glouton.';
    const before = prepareText(original);
    const rule = firstRule({
      ...baseRule,
      id: 'test.later',
      allOf: [['"ZORGLUB" quintessencié', 'zorglub glout*'], ['attend*']],
      unlessNear: [],
    });
    const spansOf = (text: typeof before) => matchRule(text, rule)?.spans.map((s) => original.slice(s.start, s.end));
    expect(spansOf(before)).toEqual(['ZORGLUB quintessencié', 'attend']);
    expect(spansOf(before)).toEqual(spansOf(prepareText(original)));
  });

  it('finds every group within the window and points at the original words', () => {
    const original = 'Sans validation de votre CERTIFICATION PÉRIODIQUE, vous serez r a d i é.';
    const hit = matchRule(prepareText(original), firstRule(baseRule));
    expect(hit).not.toBeNull();
    expect(hit!.spans.map((s) => original.slice(s.start, s.end))).toEqual(['CERTIFICATION PÉRIODIQUE', 'r a d i é']);
  });

  it('ignores groups too far apart', () => {
    const filler = ' mot'.repeat(10);
    expect(matchRule(prepareText(`radiation ${filler} certification périodique`), firstRule(baseRule))).toBeNull();
  });

  it('is cancelled by a nearby unless expression', () => {
    const text = 'En aucun cas une radiation ne peut suivre la certification périodique.';
    expect(matchRule(prepareText(text), firstRule(baseRule))).toBeNull();
  });

  it('meets plural and feminine forms', () => {
    const rule = firstRule({ ...baseRule, allOf: [['droit à la formation'], ['validé*']], unlessNear: [] });
    expect(matchRule(prepareText('Vos droits à la formation ne sont pas validées'), rule)).not.toBeNull();
  });

  it('requires capitals for quoted words', () => {
    const rule = firstRule({ ...baseRule, allOf: [['"ANS"']], unlessNear: [] });
    expect(matchRule(prepareText("l'ANS vous écrit"), rule)).not.toBeNull();
    expect(matchRule(prepareText('depuis dix ans'), rule)).toBeNull();
  });

  it('matches safe regular expressions and refuses unsafe ones', () => {
    const rule = firstRule({ ...baseRule, allOf: [[{ regex: '\\d{1,5}(?:[.,]\\d{2})? ?(?:€|euros?)' }]], unlessNear: [] });
    const original = 'Réglez 149,90 € aujourd’hui';
    const hit = matchRule(prepareText(original), rule);
    expect(hit!.spans.map((s) => original.slice(s.start, s.end))).toEqual(['149,90 €']);
    expect(() => ruleset([{ ...baseRule, allOf: [[{ regex: '(a+)+' }]] }])).toThrow(RulesetError);
  });

  it('skips rules out of scope and stops when the budget is spent', () => {
    const scoped = { ...baseRule, id: 'test.scoped', scopes: ['call'] };
    const text = prepareText('radiation et certification périodique');
    expect(runRuleset(text, ruleset([scoped]), { scope: 'sms' }).hits).toHaveLength(0);
    expect(runRuleset(text, ruleset([scoped]), { scope: 'call' }).hits).toHaveLength(1);
    let clock = 0;
    const budget = startBudget(() => (clock += 100), 150);
    const run = runRuleset(text, ruleset([baseRule, { ...baseRule, id: 'test.other' }]), { budget });
    expect(run.complete).toBe(false);
  });

  it('rejects invalid rules with a French message', () => {
    expect(() => ruleset([{ ...baseRule, weight: 500 }])).toThrow(/poids/);
    expect(() => ruleset([baseRule, baseRule])).toThrow(/double/);
    expect(() => ruleset([{ ...baseRule, allOf: [['le la']] }])).toThrow(/vide/);
    expect(() => ruleset([{ ...baseRule, allOf: [['ra*']] }])).toThrow(/préfixe/);
    expect(() => ruleset([{ ...baseRule, allOf: [['cette adresse']] }])).toThrow(/se réduit au seul mot « adresse »/);
  });

  it('gives a fingerprint that changes with the rules', () => {
    expect(ruleset([baseRule]).fingerprint).not.toBe(ruleset([{ ...baseRule, weight: 51 }]).fingerprint);
  });
});
