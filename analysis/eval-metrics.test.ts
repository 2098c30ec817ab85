import { describe, expect, it } from 'vitest';
import type { DetailedOutcome, Outcome, SplitOutcome } from './eval-metrics.js';
import { binaryMetrics, checkTargets, confusionMatrix, metricsByChannel, metricsByFamily, metricsByGroup, summarizeSplit, worstRecallFirst } from './eval-metrics.js';

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

describe('metrics per group', () => {
  it('puts the groups of the given order first, the others after in name order', () => {
    const rows = metricsByGroup(detailed, (o) => o.kind, loose, ['phone', 'email']);
    expect(rows.map((r) => r.group)).toEqual(['phone', 'email', 'sms']);
    expect(rows[2]).toMatchObject({ frauds: 3, legitimate: 2, truePositives: 2, falsePositives: 1 });
    expect(rows[0]).toMatchObject({ frauds: 0, recall: null, precision: null, falsePositiveRate: 0 });
  });

  it('sorts the worst recall first, most frauds first between equals, groups without frauds last', () => {
    const rows = metricsByGroup(detailed, (o) => o.family ?? 'aucune', loose);
    expect(worstRecallFirst(rows).map((r) => [r.group, r.recall])).toEqual([['amende', 0.5], ['colis', 1], ['aucune', null]]);
  });
});

const split: SplitOutcome[] = [
  { id: 'f1', channel: 'sms', scenario: 'colis', hardNegative: false, label: 'fraude', verdict: 'fraude_probable' },
  { id: 'f2', channel: 'sms', scenario: 'colis', hardNegative: false, label: 'fraude', verdict: 'suspect' },
  { id: 'f3', channel: 'letter', scenario: 'annuaire', hardNegative: false, label: 'fraude', verdict: 'aucun_signal' },
  { id: 'f4', channel: 'fax', scenario: 'annuaire', hardNegative: false, label: 'fraude', verdict: 'fraude_probable' },
  { id: 'l1', channel: 'sms', scenario: 'colis', hardNegative: true, label: 'legitime', verdict: 'suspect' },
  { id: 'l2', channel: 'letter', scenario: 'ordinaire', hardNegative: false, label: 'legitime', verdict: 'aucun_signal' },
  { id: 'l3', channel: 'email', scenario: 'ordinaire', hardNegative: false, label: 'legitime', verdict: 'fraude_probable' },
  { id: 'l4', channel: 'email', scenario: 'annuaire', hardNegative: true, label: 'legitime', verdict: 'aucun_signal' },
];

describe('summary of a split', () => {
  const summary = summarizeSplit(split, ['sms', 'email', 'call', 'letter', 'fax']);

  it('counts the part and its two thresholds', () => {
    expect(summary).toMatchObject({ messages: 8, frauds: 4, legitimate: 4, hardNegatives: 2 });
    expect(summary.fraudeProbable).toMatchObject({ truePositives: 2, falsePositives: 1, recall: 0.5, falsePositiveRate: 0.25 });
    expect(summary.fraudeProbable.precision).toBeCloseTo(2 / 3);
    expect(summary.suspectOrWorse).toMatchObject({ truePositives: 3, falsePositives: 2, recall: 0.75, falsePositiveRate: 0.5 });
  });

  it('reports the hard negatives apart', () => {
    expect(summary.hardNegativeFalsePositiveRate).toEqual({ fraudeProbable: 0, suspectOrWorse: 0.5, flaggedFraudeProbable: 0, flaggedSuspectOrWorse: 1 });
  });

  it('lists the scenarios of the frauds worst first, marking those under the floor', () => {
    expect(summary.byScenario.map((r) => [r.group, r.frauds, r.recall, r.fraudeProbableRecall, r.belowFloor])).toEqual([
      ['annuaire', 2, 0.5, 0.5, true],
      ['colis', 2, 1, 0.5, false],
    ]);
    // The genuine messages of a scenario are counted beside its frauds.
    expect(summary.byScenario[0]).toMatchObject({ legitimate: 1, falsePositives: 0 });
  });

  it('gives each channel present both thresholds, in the order asked', () => {
    expect(summary.byChannel.map((c) => c.channel)).toEqual(['sms', 'email', 'letter', 'fax']);
    const email = summary.byChannel[1]!;
    expect(email.suspectOrWorse).toMatchObject({ frauds: 0, legitimate: 2, recall: null, falsePositiveRate: 0.5 });
    expect(summary.byChannel[2]!.suspectOrWorse).toMatchObject({ frauds: 1, recall: 0, legitimate: 1, falsePositiveRate: 0 });
  });

  it('lists misclassified ids by kind of error', () => {
    expect(summary.misclassified).toEqual({ missed: ['f3'], onlySuspect: ['f2'], falseAlarms: ['l3'], doubts: ['l1'] });
  });

  it('checks the targets of issue 10', () => {
    expect(summary.targets.map((t) => [t.id, t.value, t.met])).toEqual([
      ['looseRecall', 0.75, false],
      ['looseFalsePositiveRate', 0.5, false],
      ['strictPrecision', summary.fraudeProbable.precision, false],
      ['scenarioRecall', 0.5, false],
    ]);
  });
});

describe('targets', () => {
  const figures = (precision: number | null, recall: number | null, falsePositiveRate: number | null) => ({ precision, recall, falsePositiveRate, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 });
  const scenario = (recall: number | null) => ({ group: 's', frauds: 1, legitimate: 0, truePositives: 0, falsePositives: 0, recall, precision: null, falsePositiveRate: null });

  it('are met at their bounds exactly', () => {
    const checks = checkTargets(figures(0.99, 0.5, 0), figures(0.5, 0.95, 0.02), [scenario(0.8), scenario(1), scenario(null)]);
    expect(checks.every((c) => c.met)).toBe(true);
    expect(checks.find((c) => c.id === 'scenarioRecall')?.value).toBe(0.8);
  });

  it('are missed when the figure cannot be measured', () => {
    const checks = checkTargets(figures(null, 0, 0), figures(null, null, null), []);
    expect(checks.map((c) => c.met)).toEqual([false, false, false, false]);
  });
});
