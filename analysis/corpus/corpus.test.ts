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

  it('keeps a held-out part with both labels', () => {
    const heldOut = corpus.filter((e) => isHeldOut(e.id));
    expect(heldOut.some((e) => e.label === 'fraude')).toBe(true);
    expect(heldOut.some((e) => e.label === 'legitime')).toBe(true);
  });
});
