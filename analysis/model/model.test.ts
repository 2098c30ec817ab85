import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../analyze.js';
import type { StatisticalModel } from '../analysis.types.js';
import { prepareText } from '../engine/match.js';
import { VERDICT_THRESHOLDS } from '../messages/rules/message-ruleset.js';
import { featureBuckets, HASH_BITS, HASH_BUCKETS } from './features.js';
import { combineWithModel, MODEL_RULE_ID, MODEL_SUPPORT_WEIGHT, MODEL_SUSPECT_WEIGHT } from './model-finding.js';
import { compileModel, DEFAULT_MODEL, MODEL_WEIGHTS, scoreModel } from './score-model.js';
import { fit, TOP_K } from './train.js';

const SCAM =
  'Votre colis est en attente : réglez les frais de livraison de 1,99 €. Confirmez vos coordonnées bancaires sous 24h ' +
  'en cliquant sur le lien, sinon votre dossier sera suspendu.';
const ORDINARY = 'Bonjour Docteur, je ne pourrai pas venir au rendez-vous de mardi. Pouvez-vous me rappeler ? Merci, Mme Martin.';
/** Wording the rules leave alone: the synthetic model below makes it look like fraud. */
const NEUTRAL = 'Le jardinier passera jeudi pour tailler la haie du cabinet, prévoir la clé du portail.';

/** A model that finds fraud in every n-gram of `text`, with the given thresholds. */
function modelLoving(text: string, thresholds: StatisticalModel['thresholds']): StatisticalModel {
  const dense = new Float32Array(HASH_BUCKETS);
  for (const bucket of featureBuckets(prepareText(text))) dense[bucket] = 5;
  return { bias: 0, dense, thresholds };
}

describe('weights.json', () => {
  it('has the expected shape and stays small', () => {
    expect(MODEL_WEIGHTS.format).toBe('vigie-logreg-1');
    expect(MODEL_WEIGHTS.hashBits).toBe(HASH_BITS);
    expect(MODEL_WEIGHTS.buckets.length).toBe(MODEL_WEIGHTS.weights.length);
    expect(MODEL_WEIGHTS.buckets.length).toBeGreaterThan(500);
    expect(MODEL_WEIGHTS.buckets.length).toBeLessThanOrEqual(TOP_K);
    MODEL_WEIGHTS.buckets.forEach((bucket, i) => {
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < HASH_BUCKETS).toBe(true);
      if (i > 0) expect(bucket).toBeGreaterThan(MODEL_WEIGHTS.buckets[i - 1] as number);
    });
    expect(MODEL_WEIGHTS.weights.every((w) => Number.isFinite(w) && w !== 0)).toBe(true);
    expect(Number.isFinite(MODEL_WEIGHTS.bias)).toBe(true);
    const { suspect, support } = MODEL_WEIGHTS.thresholds;
    expect(suspect).toBeGreaterThan(0.5);
    expect(support).toBeGreaterThanOrEqual(suspect);
    expect(MODEL_WEIGHTS.trainedOn.frauds).toBeGreaterThan(0);
    expect(MODEL_WEIGHTS.trainedOn.genuine).toBeGreaterThan(0);
    expect(MODEL_WEIGHTS.trainedOn.sources.every((s) => s.startsWith('training/') || s === 'messages.jsonl')).toBe(true);
  });

  it('refuses a file of another shape', () => {
    expect(() => compileModel({ ...MODEL_WEIGHTS, hashBits: 12 })).toThrow();
    expect(() => compileModel({ ...MODEL_WEIGHTS, weights: [] })).toThrow();
  });
});

describe('scoreModel', () => {
  it('is deterministic', () => {
    const first = scoreModel(prepareText(SCAM));
    const again = scoreModel(prepareText(SCAM));
    scoreModel(prepareText(ORDINARY));
    expect(scoreModel(prepareText(SCAM))).toEqual(first);
    expect(again).toEqual(first);
  });

  it('scores a message made of fraud wording high and an ordinary message low', () => {
    expect(scoreModel(prepareText(SCAM)).probability).toBeGreaterThanOrEqual(DEFAULT_MODEL.thresholds.suspect);
    expect(scoreModel(prepareText(ORDINARY)).probability).toBeLessThan(0.5);
  });

  it('names the words behind the score, with their place in the text', () => {
    const { topWords } = scoreModel(prepareText(SCAM));
    expect(topWords.length).toBeGreaterThan(0);
    for (const word of topWords) {
      expect(SCAM.slice(word.span.start, word.span.end)).toBe(word.word);
      expect(word.contribution).toBeGreaterThan(0);
    }
    expect(topWords.map((w) => w.contribution)).toEqual([...topWords.map((w) => w.contribution)].sort((a, b) => b - a));
  });

  it('maps words back through the folding (accents, capitals)', () => {
    const text = 'RÉGLEZ vite';
    const model = modelLoving('reglez', { suspect: 0.6, support: 0.9 });
    const { topWords } = scoreModel(prepareText(text), model);
    expect(topWords[0]?.word).toBe('RÉGLEZ');
  });

  it('gives the bias alone for an empty text', () => {
    expect(scoreModel(prepareText('')).probability).toBeCloseTo(1 / (1 + Math.exp(-DEFAULT_MODEL.bias)), 6);
  });
});

// The decision by the findings' own weights (options.combiner null), used when no combiner is shipped
// and for links and numbers given alone; the combiner has its own tests (combiner.test.ts).
describe('combination with the rules, without the combiner', () => {
  it('lets the model alone raise « aucun signal » to « suspect », never to « fraude probable »', () => {
    expect(analyzeText({ kind: 'sms', text: NEUTRAL }, { model: null, combiner: null }).verdict).toBe('aucun_signal');
    const model = modelLoving(NEUTRAL, { suspect: 0.6, support: 0.7 });
    const analysis = analyzeText({ kind: 'sms', text: NEUTRAL }, { model, combiner: null });
    expect(analysis.verdict).toBe('suspect');
    expect(analysis.score).toBeLessThan(VERDICT_THRESHOLDS.fraudeProbable);
    const finding = analysis.findings.find((f) => f.ruleId === MODEL_RULE_ID);
    expect(finding?.explanation).toMatch(/^Ressemble à des messages frauduleux connus/);
    expect(finding?.evidence.length).toBeGreaterThan(0);
    expect(analysis.advice.map((a) => a.id)).not.toContain('prudence');
  });

  it('stays silent below its threshold, and when switched off', () => {
    const quiet = modelLoving(NEUTRAL, { suspect: 1.01, support: 1.01 });
    expect(analyzeText({ kind: 'sms', text: NEUTRAL }, { model: quiet }).findings.some((f) => f.ruleId === MODEL_RULE_ID)).toBe(false);
    expect(analyzeText({ kind: 'sms', text: SCAM }, { model: null }).findings.some((f) => f.ruleId === MODEL_RULE_ID)).toBe(false);
  });

  it('does not look at links and numbers given alone', () => {
    const model = modelLoving('https://exemple.com/colis', { suspect: 0.6, support: 0.7 });
    expect(analyzeText({ kind: 'link', text: 'https://exemple.com/colis' }, { model }).findings.some((f) => f.ruleId === MODEL_RULE_ID)).toBe(false);
  });

  it('never makes « fraude probable » unless the rules alone reach « suspect » (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), fc.boolean(), (rules, withModel, speaks, support) => {
        const opinion = {
          probability: 0.9,
          support: speaks && support,
          scored: speaks ? { finding: { ruleId: MODEL_RULE_ID, category: 'texte' as const, explanation: '', evidence: [], weight: support ? MODEL_SUPPORT_WEIGHT : MODEL_SUSPECT_WEIGHT }, mitigable: true } : null,
        };
        const score = combineWithModel(rules, Math.max(rules, withModel), opinion, VERDICT_THRESHOLDS);
        expect(score).toBeGreaterThanOrEqual(rules);
        if (score >= VERDICT_THRESHOLDS.fraudeProbable && rules < VERDICT_THRESHOLDS.fraudeProbable) {
          expect(rules).toBeGreaterThanOrEqual(VERDICT_THRESHOLDS.suspect);
          expect(opinion.support).toBe(true);
        }
      }),
    );
  });

  it('with the shipped model, no text the rules leave silent becomes « fraude probable »', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...`${SCAM} ${ORDINARY} ${NEUTRAL}`.split(' ')), { minLength: 1, maxLength: 40 }), (words) => {
        const text = words.join(' ');
        if (analyzeText({ kind: 'sms', text }, { model: null, combiner: null }).verdict !== 'aucun_signal') return;
        expect(analyzeText({ kind: 'sms', text }, { combiner: null }).verdict).not.toBe('fraude_probable');
      }),
      { numRuns: 200 },
    );
  });
});

describe('training', () => {
  it('is deterministic', () => {
    const docs = [SCAM, ORDINARY, NEUTRAL, 'Payez l’amende sous 48 h sur le lien.'].map((text, i) => {
      const buckets = featureBuckets(prepareText(text));
      return { buckets, scale: 1 / Math.sqrt(buckets.length), y: i % 2 === 0 ? 1 : 0 };
    });
    const a = fit(docs);
    const b = fit(docs);
    expect(a.bias).toBe(b.bias);
    expect(Buffer.from(a.w.buffer).equals(Buffer.from(b.w.buffer))).toBe(true);
  });
});
