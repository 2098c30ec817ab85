/**
 * Properties of the text path (normalisation, words, rules, links, numbers): any text of any kind
 * gives a well-formed analysis or a MessageInputError, in bounded time, with every offset inside the
 * shown text; and a spent time budget always shows as a partial result with a French notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS } from './analysis.types.js';
import { analyzeText } from './analyze.js';
import { expectSafeOutcome } from './testing/invariants.js';

const PIECES = [
  'radiation ', 'r a d i a t i o n ', 'r.a.d.1.a.t.i.o.n ', 'СЕRTIFICATION ', 'certification périodique ', 'transmettez-moi le code ',
  'https://agencedpc-validation.fr/login ', 'www.ameli.fr ', 'ameli.fr.secure-login.com ', 'http://193.27.14.81/x ', 'bit.ly/x ',
  'javascript:alert(1) ', 'xn--gencedpc-06g.fr ', '08 99 12 34 56 ', '+44 20 7946 0958 ', '3179 ', '0000000000000000 ', 'a@b.c@d.fr ',
  'De : ANDPC <andpc@gmail.com>\n', 'Répondre à : x@y.ru\n', '\u200b', '\u202e', '\ud800', '😀', 'é', 'ﬁ', '«', '»', '\n', ' ',
];
const anyKind = fc.constantFrom(...MESSAGE_KINDS);
const anyText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: 'grapheme', maxLength: 500 }),
);

describe('analyzeText properties', () => {
  it('any text of any kind gives a well-formed analysis or a French refusal, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(anyKind, anyText, async (kind, text) => {
        await expectSafeOutcome(() => analyzeText({ kind, text }));
      }),
      { numRuns: 300 },
    );
  });

  it('a spent time budget always shows as a partial result with a French notice', async () => {
    await fc.assert(
      fc.asyncProperty(anyKind, anyText, fc.integer({ min: 0, max: 250 }), async (kind, text, budgetMs) => {
        // A clock that jumps past the budget at every reading: the budget is spent from the first check.
        let clock = 0;
        const outcome = await expectSafeOutcome(() => analyzeText({ kind, text }, { now: () => (clock += budgetMs + 1), budgetMs }));
        if ('analysis' in outcome) {
          expect(outcome.analysis.complete).toBe(false);
          expect(outcome.analysis.notices.join(' ')).toContain('Analyse interrompue');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a text cut to the maximum length shows as a partial result with a French notice', async () => {
    await fc.assert(
      fc.asyncProperty(anyKind, anyText, fc.integer({ min: 1, max: 400 }), async (kind, text, maxTextLength) => {
        const outcome = await expectSafeOutcome(() => analyzeText({ kind, text }, { maxTextLength }));
        if ('analysis' in outcome) {
          expect(outcome.analysis.shownText.length).toBeLessThanOrEqual(maxTextLength);
          if (text.length > maxTextLength) {
            expect(outcome.analysis.complete).toBe(false);
            expect(outcome.analysis.notices.join(' ')).toContain('seul le début');
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
