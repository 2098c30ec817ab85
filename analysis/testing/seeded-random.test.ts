import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it("draws the mulberry32 sequence the model and the benchmarks were built on, so the model's folds and the benchmarks' data never shift", () => {
    const next = seededRandom(42);
    expect([next(), next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('gives the same values for the same seed and others for another seed, always in [0, 1)', () => {
    const draw = (seed: number): number[] => {
      const next = seededRandom(seed);
      return Array.from({ length: 1000 }, () => next());
    };
    const values = draw(20261206);
    expect(draw(20261206)).toEqual(values);
    expect(draw(20261207)).not.toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
