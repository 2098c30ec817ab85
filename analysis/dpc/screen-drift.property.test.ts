/**
 * Properties of the screening on any text: it never throws, its score stays within 0–100 with the
 * priority that goes with it, and every piece of evidence points inside the screened text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorityOf, screenProgramme, screenSignalement, SCREENING_THRESHOLD } from './index.js';

const PIECES = [
  'guérir le cancer ', 'décodage biologique ', 'ne prétend pas ', 'aucune promesse ', 'arrêter la chimiothérapie ', 'mémoire cellulaire ',
  'MIVILUDES ', 'dérives sectaires ', 'couper les liens avec la famille ', 'praticien certifié ', 'n’', 'l’', '« ', ' »', 'é', 'É', 'ﬁ',
  '\u200b', '\u202e', '\ud800', '😀', '\n', ' ', '.', ',', '528 Hz ', '100 % ',
];
const anyText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 600 }),
);

describe('drift screening properties', () => {
  it('never throws, scores within 0–100 and points its evidence inside the text', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, asProgramme) => {
        const screening = asProgramme ? screenProgramme(text) : screenSignalement(text);
        expect(Number.isInteger(screening.score)).toBe(true);
        expect(screening.score).toBeGreaterThanOrEqual(0);
        expect(screening.score).toBeLessThanOrEqual(100);
        expect(screening.priority).toBe(priorityOf(screening.score));
        for (const finding of screening.findings) {
          for (const span of finding.evidence) {
            expect(span.start).toBeGreaterThanOrEqual(0);
            expect(span.end).toBeLessThanOrEqual(text.length);
            expect(span.start).toBeLessThan(span.end);
            expect(text.slice(span.start, span.end)).toBe(span.text);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads a long repeated text (the engine bounds the occurrences it looks at)', () => {
    const text = 'guérir le cancer par le décodage biologique '.repeat(5_000);
    expect(screenProgramme(text).score).toBeGreaterThanOrEqual(SCREENING_THRESHOLD);
  });
});
