import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharFlag, normalizeText, spanHasFlag, toOriginalSpan } from './normalize.js';

const norm = (text: string): string => normalizeText(text).text;

describe('normalizeText', () => {
  it('folds case and accents', () => {
    expect(norm('RÉINITIALISER Votre Mot De Passe')).toBe('reinitialiser votre mot de passe');
    expect(norm('Ça, c’est « déjà » là')).toBe('ca, c\'est " deja " la');
  });

  it('joins letters spaced out with spaces, dots or dashes', () => {
    expect(norm('menace de r a d i a t i o n')).toBe('menace de radiation');
    expect(norm('r.a.d.i.a.t.i.o.n immédiate')).toBe('radiation immediate');
    expect(norm('r-a-d-i-a-t-i-o-n')).toBe('radiation');
    expect(norm('A.N.D.P.C')).toBe('andpc');
  });

  it('leaves French one-letter words alone', () => {
    expect(norm('il y a à faire')).toBe('il y a a faire');
    expect(norm('c.-à-d. demain')).toBe('cad. demain');
  });

  it('reads digits typed for letters inside words only', () => {
    expect(norm('rad1ation et c0tisation')).toBe('radiation et cotisation');
    expect(norm('le 3e cycle, covid19, 24h, 06 12 34 56 78')).toBe('le 3e cycle, covid19, 24h, 06 12 34 56 78');
  });

  it('maps Cyrillic and Greek look-alikes to Latin letters and flags them', () => {
    const result = normalizeText('СЕRTIFICATION Ρériodique');
    expect(result.text).toBe('certification periodique');
    expect(spanHasFlag(result, 0, 2, CharFlag.confusable)).toBe(true);
    expect(spanHasFlag(result, 2, 13, CharFlag.confusable)).toBe(false);
  });

  it('drops zero-width characters and remembers those hidden inside words', () => {
    const result = normalizeText('radi\u200Bation\u200D et\u00A0\u202Fplus');
    expect(result.text).toBe('radiation et plus');
    expect(result.hiddenInvisibles).toEqual([4]);
  });

  it('expands compatibility forms: fullwidth, mathematical letters, ligatures', () => {
    expect(norm('ＡＮＤＰＣ 𝐑𝐚𝐝𝐢𝐚𝐭𝐢𝐨𝐧 ofﬁciel')).toBe('andpc radiation officiel');
  });

  it('maps spans back to the original text', () => {
    const original = 'Votre r a d 1 a t i o n est prévue';
    const result = normalizeText(original);
    const at = result.text.indexOf('radiation');
    const span = toOriginalSpan(result, at, at + 'radiation'.length);
    expect(original.slice(span.start, span.end)).toBe('r a d 1 a t i o n');
  });

  it('maps a span over expanded characters to the whole original character', () => {
    const original = 'œuvre';
    const result = normalizeText(original);
    expect(result.text).toBe('oeuvre');
    expect(toOriginalSpan(result, 0, 1)).toEqual({ start: 0, end: 1 });
  });
});

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('a', 'é', ' ', '.', '-', '1', '0', 'С', 'Р', '\u200B', 'ﬁ', '’', 'İ', 'ß', '¨', '\u00A0'), maxLength: 60 }),
);

describe('normalizeText properties', () => {
  it('every normalised character points inside the original, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = normalizeText(text);
        expect(result.starts.length).toBe(result.text.length);
        for (let i = 0; i < result.text.length; i += 1) {
          const start = result.starts[i] as number;
          const end = result.ends[i] as number;
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(start).toBeGreaterThanOrEqual(result.starts[i - 1] as number);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeText(text).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('any span of the normalised text maps to a span inside the original', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (text, a, b) => {
        const result = normalizeText(text);
        const span = toOriginalSpan(result, Math.min(a, b) % (result.text.length + 1), Math.max(a, b) % (result.text.length + 1));
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
        expect(span.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

/** Any UTF-16: lone surrogates, emoji, combining marks, invisible and look-alike characters, long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 1000 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '.', '1', '\ud800', '\udc00', '\u0301', '\u200b', 'ﷺ', 'С', 'ß', '😀', '\t'), minLength: 1000, maxLength: 5000 }),
);

describe('normalizeText on hostile input', () => {
  it('never throws, keeps its tables aligned and stays fast', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const started = performance.now();
        const result = normalizeText(text);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(result.starts.length).toBe(result.text.length);
        expect(result.ends.length).toBe(result.text.length);
        expect(result.flags.length).toBe(result.text.length);
        for (const offset of result.hiddenInvisibles) expect(offset).toBeLessThan(text.length);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result whatever was normalised before or after (no state shared between calls)', () => {
    fc.assert(
      fc.property(anyText, hostileText, (text, other) => {
        const first = normalizeText(text);
        const copy = { text: first.text, starts: [...first.starts], ends: [...first.ends], flags: [...first.flags] };
        normalizeText(other);
        const again = normalizeText(text);
        expect({ text: first.text, starts: [...first.starts], ends: [...first.ends], flags: [...first.flags] }).toEqual(copy);
        expect(again.text).toBe(copy.text);
        expect([...again.starts]).toEqual(copy.starts);
      }),
      { numRuns: 200 },
    );
  });
});
