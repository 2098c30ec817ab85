import { describe, expect, it } from 'vitest';
import { isHeldOut, loadCorpus } from './load-corpus.js';

describe('corpus', () => {
  const corpus = loadCorpus();

  it('is large enough, with unique ids and at least 40 % legitimate messages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    const legit = corpus.filter((e) => e.label === 'legitime').length;
    expect(legit / corpus.length).toBeGreaterThanOrEqual(0.4);
  });

  it('gives a family to every fraud and none to legitimate messages', () => {
    for (const entry of corpus) expect(entry.family !== undefined, entry.id).toBe(entry.label === 'fraude');
  });

  it('says what every message was modelled on', () => {
    for (const entry of corpus) {
      const expected = entry.label === 'legitime' ? /^légitime : / : /^(circulaire|alerte) de l’Ordre|^modèle : /;
      expect(entry.source, entry.id).toMatch(expected);
    }
  });

  it('writes French landline and mobile numbers in the ranges ARCEP keeps for fiction, organisations aside', () => {
    // Plan national de numérotation (décision Arcep n° 2018-0881), numbers for audiovisual works.
    const fiction = ['019900', '026191', '035301', '046571', '053649', '063998'];
    const publicNumbers = new Set(['0153893200']); // switchboard of the Conseil national de l'Ordre
    for (const entry of corpus) {
      for (const match of entry.text.matchAll(/(?<![\d+])0[1-6](?:[ .]?\d{2}){4}(?!\d)/g)) {
        const digits = match[0].replace(/\D/g, '');
        const allowed = publicNumbers.has(digits) || fiction.some((prefix) => digits.startsWith(prefix));
        expect(allowed, `${entry.id} : ${match[0]}`).toBe(true);
      }
    }
  });

  it('keeps a held-out part with both labels', () => {
    const heldOut = corpus.filter((e) => isHeldOut(e.id));
    expect(heldOut.some((e) => e.label === 'fraude')).toBe(true);
    expect(heldOut.some((e) => e.label === 'legitime')).toBe(true);
  });
});
