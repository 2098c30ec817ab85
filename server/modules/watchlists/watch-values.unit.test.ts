import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/policy.js';
import { normaliseWatchValue, registrableDomain, watchLabel } from './watch-values.js';

const paris: Actor = { userId: 'u', role: 'agent', departement: '75' };
const national: Actor = { userId: 'n', role: 'agent', departement: null };

describe('registrableDomain', () => {
  it.each([
    ['ameli-remboursement.fr', 'ameli-remboursement.fr'],
    ['https://www.connexion.Ameli-Remboursement.fr/login?x=1', 'ameli-remboursement.fr'],
    ['contact@arnaque.co.uk', 'arnaque.co.uk'],
    ['exemple.fr.', 'exemple.fr'],
    ['http://192.0.2.10/paiement', '192.0.2.10'],
    ['sécu-remboursement.fr', 'xn--scu-remboursement-btb.fr'],
  ])('%s → %s', (input, domain) => {
    expect(registrableDomain(input)).toBe(domain);
  });

  it.each(['localhost', '', 'http://', 'co.uk', 'pas un domaine'])('refuses %j', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });
});

describe('normaliseWatchValue', () => {
  it('stores phones in E.164 and families and départements as codes', () => {
    expect(normaliseWatchValue('phone', '06 12 34 56 78', paris)).toBe('+33612345678');
    expect(normaliseWatchValue('phone', '+44 20 7946 0958', paris)).toBe('+442079460958');
    expect(normaliseWatchValue('departement', '2a', national)).toBe('2A');
    expect(normaliseWatchValue('departement', '75', paris)).toBe('75');
    expect(normaliseWatchValue('scam_family', 'urssaf', paris)).toBe('urssaf');
  });

  it("refuses another département than a departmental agent's own", () => {
    expect(() => normaliseWatchValue('departement', '13', paris)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(normaliseWatchValue('departement', '13', national)).toBe('13');
  });

  it('labels values for people', () => {
    expect(watchLabel('phone', '+33612345678')).toBe('+33 6 12 34 56 78');
    expect(watchLabel('domain', 'xn--scu-remboursement-btb.fr')).toBe('sécu-remboursement.fr');
    expect(watchLabel('scam_family', 'urssaf')).toBe('Fausse URSSAF');
  });
});
