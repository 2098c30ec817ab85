import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegexSafety, MAX_PATHS } from './regex-safety.js';

describe('checkRegexSafety', () => {
  it.each([
    ['(a+)+$', 'sans borne'],
    ['\\d+', 'sans borne'],
    ['a*b', 'sans borne'],
    ['x{2,}', 'sans borne'],
    ['(?:a{1,5}){1,5}', 'imbriquées'],
    ['(?:\\w{0,3}b){0,9}', 'imbriquées'],
    ['(?:a|ab){0,5}', 'ambiguë'],
    ['(?:\\d|x){1,4}', 'ambiguë'],
    ['(?=abc)', 'look-around'],
    ['(?<!a)b', 'look-around'],
    ['(a)\\1', 'références arrière'],
    ['(?:ab|cd){0,12}(?:ef|gh){0,12}(?:ij|kl){0,12}', 'trop de façons'],
    ['(', 'invalide'],
  ])('rejects %s', (source, reason) => {
    const verdict = checkRegexSafety(source);
    expect(verdict.safe).toBe(false);
    if (!verdict.safe) expect(verdict.reason).toContain(reason);
  });

  it.each([
    '\\d{1,5}(?:[.,]\\d{2})? ?(?:€|euros?)',
    '\\b(?:fr|be)\\d{2}(?: ?\\d{4}){5}',
    '^abc$',
    '(?:ab|cd){1,3}',
    '[a-z]{2,8}\\.(?:com|net)',
  ])('accepts %s', (source) => {
    expect(checkRegexSafety(source).safe).toBe(true);
  });

  it('accepts only bounded patterns, whatever the pattern', () => {
    const piece = fc.constantFrom('a', 'b', '\\d', '[a-z]', '(?:', ')', '|', '*', '+', '?', '{1,3}', '{2}', '{2,}', '(?=', '\\1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const source = pieces.join('');
        const verdict = checkRegexSafety(source);
        if (verdict.safe) {
          expect(verdict.paths).toBeLessThanOrEqual(MAX_PATHS);
          expect(source).not.toMatch(/[*+]|\{\d,\}|\(\?=|\\1/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
