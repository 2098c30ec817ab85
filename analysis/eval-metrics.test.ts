import { describe, expect, it } from 'vitest';
import type { DetailedOutcome, Outcome } from './eval-metrics.js';
import { binaryMetrics, confusionMatrix, metricsByChannel, metricsByFamily } from './eval-metrics.js';

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

const detailed: DetailedOutcome[] = [
  { id: 'a', kind: 'sms', label: 'fraude', family: 'colis', verdict: 'fraude_probable', foundFamily: 'colis' },
  { id: 'b', kind: 'sms', label: 'fraude', family: 'colis', verdict: 'suspect', foundFamily: 'hameconnage' },
  { id: 'c', kind: 'sms', label: 'fraude', family: 'amende', verdict: 'aucun_signal' },
  { id: 'd', kind: 'sms', label: 'legitime', verdict: 'suspect', foundFamily: 'colis' },
  { id: 'e', kind: 'sms', label: 'legitime', verdict: 'aucun_signal' },
  { id: 'f', kind: 'email', label: 'fraude', family: 'amende', verdict: 'fraude_probable', foundFamily: 'colis' },
  { id: 'g', kind: 'email', label: 'legitime', verdict: 'aucun_signal' },
  { id: 'h', kind: 'phone', label: 'legitime', verdict: 'aucun_signal' },
];
const strict = (v: string) => v === 'fraude_probable';
const loose = (v: string) => v !== 'aucun_signal';

describe('metrics per channel', () => {
  it('judges each channel on its own messages, in the order of the message kinds', () => {
    const rows = metricsByChannel(detailed, loose);
    expect(rows.map((r) => r.kind)).toEqual(['sms', 'email', 'phone']);
    const sms = rows[0]!;
    expect(sms).toMatchObject({ frauds: 3, legitimate: 2, truePositives: 2, falsePositives: 1 });
    expect(sms.recall).toBeCloseTo(2 / 3);
    expect(sms.precision).toBeCloseTo(2 / 3);
    expect(sms.falsePositiveRate).toBeCloseTo(1 / 2);
    expect(rows[1]).toMatchObject({ frauds: 1, legitimate: 1, recall: 1, precision: 1, falsePositiveRate: 0 });
  });

  it('says « not measurable » (null) rather than inventing a rate', () => {
    const phone = metricsByChannel(detailed, strict).find((r) => r.kind === 'phone')!;
    expect(phone).toMatchObject({ frauds: 0, recall: null, precision: null, falsePositiveRate: 0 });
  });
});

describe('metrics per family', () => {
  it('counts recall on the labelled family and precision on the family found', () => {
    const rows = metricsByFamily(detailed, loose);
    // Most frauds first; between equals, the family found most often.
    expect(rows.map((r) => r.family)).toEqual(['colis', 'amende', 'hameconnage']);
    const colis = rows.find((r) => r.family === 'colis')!;
    // Both colis frauds are flagged (one under another family): recall 2/2.
    expect(colis).toMatchObject({ frauds: 2, flagged: 2, recall: 1 });
    // Flagged as colis: a (right), d (legitimate), f (an amende fraud): precision 1/3.
    expect(colis).toMatchObject({ predicted: 3, predictedRight: 1, falseAlarms: 1 });
    expect(colis.precision).toBeCloseTo(1 / 3);
    // One false alarm over the four legitimate messages.
    expect(colis.falsePositiveRate).toBeCloseTo(1 / 4);
    const amende = rows.find((r) => r.family === 'amende')!;
    expect(amende).toMatchObject({ frauds: 2, flagged: 1, recall: 0.5, predicted: 0, precision: null, falsePositiveRate: 0 });
    expect(rows.find((r) => r.family === 'hameconnage')).toMatchObject({ frauds: 0, recall: null, predicted: 1, precision: 0 });
  });

  it('only counts flagged messages at the strict threshold', () => {
    const colis = metricsByFamily(detailed, strict).find((r) => r.family === 'colis')!;
    expect(colis).toMatchObject({ frauds: 2, flagged: 1, recall: 0.5, predicted: 2, predictedRight: 1, falseAlarms: 0, precision: 0.5 });
  });
});
