import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText, combinerInputOf, prepareTextMessage } from '../analyze.js';
import { VERDICT_THRESHOLDS } from '../messages/rules/message-ruleset.js';
import type { Combiner } from './combiner.js';
import { boundedLogit, combinerFeatures, combinerProbability, DEFAULT_COMBINER, scoreOfProbability } from './combiner.js';
import { chooseThresholds, FRAUD_PRECISION, SUSPECT_FALSE_POSITIVES } from './train-combiner.js';
import { loadTrainingExamples } from './train.js';

const THRESHOLDS = { suspect: 0.7, fraudeProbable: 0.95 };

describe('score of a probability', () => {
  it('puts the chosen probabilities exactly on the verdict thresholds', () => {
    expect(scoreOfProbability(0.7, THRESHOLDS, VERDICT_THRESHOLDS)).toBe(VERDICT_THRESHOLDS.suspect);
    expect(scoreOfProbability(0.95, THRESHOLDS, VERDICT_THRESHOLDS)).toBe(VERDICT_THRESHOLDS.fraudeProbable);
    expect(scoreOfProbability(0.6999, THRESHOLDS, VERDICT_THRESHOLDS)).toBeLessThan(VERDICT_THRESHOLDS.suspect);
    expect(scoreOfProbability(0.9499, THRESHOLDS, VERDICT_THRESHOLDS)).toBeLessThan(VERDICT_THRESHOLDS.fraudeProbable);
    expect(scoreOfProbability(0, THRESHOLDS, VERDICT_THRESHOLDS)).toBe(0);
    expect(scoreOfProbability(1, THRESHOLDS, VERDICT_THRESHOLDS)).toBe(100);
  });

  it('never goes down when the probability goes up (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(scoreOfProbability(low, THRESHOLDS, VERDICT_THRESHOLDS)).toBeLessThanOrEqual(scoreOfProbability(high, THRESHOLDS, VERDICT_THRESHOLDS));
      }),
    );
  });
});

describe('thresholds chosen out of fold', () => {
  it('keep « fraude probable » precise and « suspect » within its false-positive budget', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ probability: fc.double({ min: 0, max: 0.999, noNaN: true }), fraud: fc.boolean() }), { minLength: 20, maxLength: 200 }), (rows) => {
        const { suspect, fraudeProbable } = chooseThresholds(rows);
        expect(suspect).toBeLessThan(fraudeProbable);
        const genuine = rows.filter((r) => !r.fraud);
        const flagged = genuine.filter((r) => r.probability >= suspect + 1e-4).length;
        expect(flagged).toBeLessThanOrEqual(Math.max(0, SUSPECT_FALSE_POSITIVES * genuine.length));
        const strict = rows.filter((r) => r.probability >= fraudeProbable + 1e-4);
        if (strict.length > 0) expect(strict.filter((r) => r.fraud).length / strict.length).toBeGreaterThanOrEqual(FRAUD_PRECISION);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the shipped combiner', () => {
  it('was trained on the training part as it stands (retrain with npm run train:model after changing it)', () => {
    const examples = loadTrainingExamples();
    expect(DEFAULT_COMBINER.trainedOn.messages).toBe(examples.length);
    expect(DEFAULT_COMBINER.trainedOn.frauds).toBe(examples.filter((e) => e.fraud).length);
    expect(DEFAULT_COMBINER.trainedOn.sources.every((s) => s.startsWith('training/') || s === 'messages.jsonl')).toBe(true);
  });

  it('reads rules, structure, channel and model into named features', () => {
    const input = combinerInputOf(prepareTextMessage({ kind: 'sms', text: 'Assurance Maladie : remboursement de 89,90 EUR en attente. Cliquez sur ameli-remb.info sous 24h.' }));
    const features = combinerFeatures(input);
    expect(features).toContain('canal:sms');
    expect(features).toContain('pretexte:assurance_maladie');
    expect(features.some((f) => f.startsWith('regle:'))).toBe(true);
    expect(input.modelLogit).not.toBeNull();
  });

  it('scores exactly the sum of the weights of the features training reads (inference and training agree)', () => {
    // combinerProbability sums weights without building feature names (speed); training reads
    // combinerFeatures. A feature added to one and not the other would make the shipped weights lie.
    const texts = [
      'Assurance Maladie : remboursement de 89,90 EUR en attente. Cliquez sur ameli-remb.info sous 24h.',
      'Ordre des médecins : votre certification périodique est incomplète, appelez le 01 89 00 00 00 avant radiation.',
      'Bonjour Docteur, je ne pourrai pas venir à mon rendez-vous de lundi.',
      'ANDPC : formation gratuite grâce à vos droits, répondez OUI. Votre code : 482913. Ne le communiquez à personne.',
    ];
    for (const kind of ['sms', 'email', 'call'] as const) {
      for (const text of texts) {
        const input = combinerInputOf(prepareTextMessage({ kind, text }));
        const c = DEFAULT_COMBINER;
        const z = c.bias + c.modelLogitWeight * boundedLogit(input.modelLogit) + (c.rulesScoreWeight * input.rulesScore) / 100 + combinerFeatures(input).reduce((sum, name) => sum + (c.weights[name] ?? 0), 0);
        expect(combinerProbability(input, c)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
      }
    }
  });

  it('keeps a council-confirmed indicator at « fraude probable » whatever the wording', () => {
    const known = new Map([['+33899123456', { reports: 6, campaign: 'Faux contrôle certification' }]]);
    const lowest: Combiner = { ...DEFAULT_COMBINER, bias: -50 };
    const analysis = analyzeText({ kind: 'sms', text: 'Bonjour, rappelez le 08 99 12 34 56.' }, { knownIndicators: known, combiner: lowest });
    expect(combinerProbability(combinerInputOf(prepareTextMessage({ kind: 'sms', text: 'Bonjour' })), lowest)).toBeLessThan(0.01);
    expect(analysis.verdict).toBe('fraude_probable');
  });

  it('calls a known scheme a fraud and a genuine notice with official links nothing', () => {
    const scam = analyzeText({
      kind: 'sms',
      text: 'ameli: Votre carte Vitale expire. Pour eviter la suspension de vos droits, renouvelez-la sous 48h et reglez 1,49EUR de frais : https://carte-vitale-renouv.info',
    });
    expect(scam.verdict).toBe('fraude_probable');
    const genuine = analyzeText({
      kind: 'email',
      text: 'De : L’Assurance Maladie <ne-pas-repondre@info.ameli.fr>\nObjet : Votre attestation\n\nBonjour, votre attestation de droits est disponible dans votre compte ameli : https://assure.ameli.fr. L’Assurance Maladie ne vous demandera jamais vos coordonnées bancaires par courriel.',
    });
    expect(genuine.verdict).toBe('aucun_signal');
  });
});
