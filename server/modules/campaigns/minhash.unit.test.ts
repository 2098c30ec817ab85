import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificationSms } from './campaigns.factories.js';
import { BANDS, MIN_SHINGLES, SIGNATURE_SIZE, bandKeys, estimatedSimilarity, isNearDuplicate, shingleHashes, signatureOfHashes, textSignature } from './minhash.js';

const WORDS = ['votre', 'dossier', 'certification', 'radiation', 'urgent', 'cliquez', 'lien', 'docteur', 'paiement', 'cotisation', 'ordre', 'compte', 'formation', 'droits', 'agence', 'code'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 60 }).map((w) => w.join(' '));

describe('MinHash signatures', () => {
  it('gives identical texts identical signatures and bands', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = textSignature(t);
        const b = textSignature(`${t}`);
        expect(a).toEqual(b);
        if (a) expect(bandKeys(a)).toEqual(bandKeys(b!));
      }),
      { seed: 20260101, numRuns: 200 },
    );
  });

  it('ignores case, accents, punctuation and the digits of amounts, dates and link tokens', () => {
    const a = textSignature('Votre dossier de CERTIFICATION est incomplet : régularisez avant le 12/03 sur dossier-medecins.fr/a81');
    const b = textSignature('votre dossier de certification est incomplet, regularisez avant le 30/09 sur dossier-medecins.fr/z22');
    expect(a).not.toBeNull();
    expect(estimatedSimilarity(a!, b!)).toBe(1);
  });

  it('gives no signature to a text shorter than a few shingles', () => {
    expect(textSignature('')).toBeNull();
    expect(textSignature('Rappelez le 09 70 12 34 56')).toBeNull();
    expect(signatureOfHashes(Uint32Array.from({ length: MIN_SHINGLES - 1 }, (_, i) => i))).toBeNull();
    expect(signatureOfHashes(Uint32Array.from({ length: MIN_SHINGLES }, (_, i) => i))).toHaveLength(SIGNATURE_SIZE);
  });

  it('estimates the Jaccard similarity of random sets within a few standard deviations', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 30, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, shareA, shareB) => {
          // A takes a prefix, B a suffix of the same pool: their overlap is known exactly.
          const endA = Math.max(MIN_SHINGLES, Math.round(values.length * (0.3 + 0.7 * shareA)));
          const startB = Math.min(values.length - MIN_SHINGLES, Math.round(values.length * 0.7 * shareB));
          const a = values.slice(0, endA);
          const b = values.slice(startB);
          const inter = Math.max(0, endA - startB);
          const trueJaccard = inter / (a.length + b.length - inter);
          const estimate = estimatedSimilarity(signatureOfHashes(Uint32Array.from(a))!, signatureOfHashes(Uint32Array.from(b))!);
          // 64 hashes: standard deviation at most 0.0625; 4 of them.
          expect(Math.abs(estimate - trueJaccard)).toBeLessThanOrEqual(0.25);
        },
      ),
      { seed: 424242, numRuns: 300 },
    );
  });

  it('finds copies of one scam SMS with small variations, not a different scam of the same family', () => {
    const a = textSignature(certificationSms(1))!;
    const b = textSignature(certificationSms(2))!;
    const other = textSignature(
      'Direction régionale de la certification : votre attestation de formation continue doit être déposée avant la fin du mois, ' +
        'faute de quoi votre inscription sera suspendue. Connectez-vous avec votre carte CPS sur espace-praticiens-certif.com',
    )!;
    expect(isNearDuplicate(a, b)).toBe(true);
    expect(isNearDuplicate(a, other)).toBe(false);
    expect(bandKeys(a).some((k, i) => k === bandKeys(b)[i])).toBe(true);
  });

  it('cuts the signature into 16 integer band keys below 2^52', () => {
    const keys = bandKeys(textSignature(certificationSms(3))!);
    expect(keys).toHaveLength(BANDS);
    for (const k of keys) {
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(2 ** 52);
    }
    // Band number is part of the key: equal rows in different bands give different keys.
    expect(new Set(bandKeys(new Int32Array(SIGNATURE_SIZE))).size).toBe(BANDS);
  });

  it('reads at most a bounded number of shingles from a huge text', () => {
    const huge = Array.from({ length: 50_000 }, (_, i) => WORDS[i % WORDS.length] + String.fromCharCode(97 + (i % 26))).join(' ');
    expect(shingleHashes(huge).length).toBeLessThanOrEqual(2000);
  });
});
