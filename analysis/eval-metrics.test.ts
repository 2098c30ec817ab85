import { describe, expect, it } from 'vitest';
import type { Outcome } from './eval-metrics.js';
import { binaryMetrics, confusionMatrix } from './eval-metrics.js';

const outcomes: Outcome[] = [
  { id: 'a', label: 'fraude', verdict: 'fraude_probable' },
  { id: 'b', label: 'fraude', verdict: 'suspect' },
  { id: 'c', label: 'fraude', verdict: 'aucun_signal' },
  { id: 'd', label: 'legitime', verdict: 'suspect' },
  { id: 'e', label: 'legitime', verdict: 'aucun_signal' },
];

describe('evaluation metrics', () => {
  it('computes precision, recall, F1 and false-positive rate', () => {
    const strict = binaryMetrics(outcomes, (v) => v === 'fraude_probable');
    expect(strict).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 2, precision: 1, falsePositiveRate: 0 });
    expect(strict.recall).toBeCloseTo(1 / 3);
    const loose = binaryMetrics(outcomes, (v) => v !== 'aucun_signal');
    expect(loose.precision).toBeCloseTo(2 / 3);
    expect(loose.recall).toBeCloseTo(2 / 3);
    expect(loose.f1).toBeCloseTo(2 / 3);
    expect(loose.falsePositiveRate).toBeCloseTo(1 / 2);
  });

  it('counts the confusion matrix', () => {
    expect(confusionMatrix(outcomes)).toEqual({
      fraude: { fraude_probable: 1, suspect: 1, aucun_signal: 1 },
      legitime: { fraude_probable: 0, suspect: 1, aucun_signal: 1 },
    });
  });
});
