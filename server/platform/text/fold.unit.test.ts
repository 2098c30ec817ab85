import { describe, expect, it } from 'vitest';
import { foldForSearch } from './fold.js';

describe('foldForSearch', () => {
  it('lower-cases, drops accents, spells ligatures and keeps single spaces', () => {
    expect(foldForSearch("  Lefèvre-Dupont d'Œillet  ")).toBe('lefevre dupont d oeillet');
    expect(foldForSearch('ÉMILIE Æsa Łukasz')).toBe('emilie aesa lukasz');
  });
});
