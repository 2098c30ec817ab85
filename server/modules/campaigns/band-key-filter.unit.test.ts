import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BandKeyFilter } from './band-key-filter.js';
import { bandKeys, textSignature } from './minhash.js';

describe('BandKeyFilter', () => {
  it('never says absent of a key it was given, across its growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 52 - 1 }), { minLength: 1, maxLength: 500 }), (keys) => {
        const filter = new BandKeyFilter();
        for (const key of keys) filter.add(key);
        return keys.every((key) => filter.mayHold(key));
      }),
    );
  });

  it('lets few absent keys through: under 0.8 % of the band keys of texts it never saw, with two full layers (three million keys)', () => {
    const filter = new BandKeyFilter();
    // Three million keys: the first layer (a million) is full, the filter has grown twice.
    for (let i = 0; i < 3_000_000; i += 1) filter.add((i * 2654435761) % 2 ** 52);
    let forgotten = 0;
    for (let i = 0; i < 3_000_000; i += 1) if (!filter.mayHold((i * 2654435761) % 2 ** 52)) forgotten += 1;
    expect(forgotten).toBe(0);
    const unseen = Array.from({ length: 2_000 }, (_, i) => bandKeys(textSignature(`Message jamais vu numéro ${i} : votre dossier ${i * 7} attend une réponse avant le ${i % 28} du mois`)!)).flat();
    const passed = unseen.filter((key) => filter.mayHold(key)).length;
    expect(unseen.length).toBe(32_000);
    expect(passed / unseen.length).toBeLessThan(0.008);
  });
});
