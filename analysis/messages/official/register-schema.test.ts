import { describe, expect, it } from 'vitest';
import registerData from '../../typology/official-register.json' with { type: 'json' };
import { registerPhoneToE164, ZOfficialRegister } from './register-schema.js';

// The schema is what stops a malformed entry from reaching the engine, where it would silently never
// match (a number with a missing digit) or name an unknown kind of source.

const SOURCE = { url: 'https://www.ameli.fr/page', title: 'Titre', publisher: 'Assurance Maladie', date: 'n.d.', kind: 'officiel' };

function registerWith(body: Record<string, unknown>, ...others: Record<string, unknown>[]) {
  return { ...registerData, bodies: [{ id: 'essai', name: 'Organisme d’essai', shortName: 'Essai', kind: 'agence_etat', ...body }, ...others] };
}

const issues = (data: unknown): string[] => {
  const result = ZOfficialRegister.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('schema of the register of official sources', () => {
  it('accepts the register as it is', () => {
    expect(issues(registerData)).toEqual([]);
  });

  it('refuses a phone value that is no French number nor a short number', () => {
    for (const value of ['01 53 89 32', '+44 20 7946 0958', '36', 'trois-six']) {
      expect(issues(registerWith({ phones: [{ value, source: SOURCE }] })).length, value).toBeGreaterThan(0);
    }
    expect(issues(registerWith({ phones: [{ value: '+33 1 53 89 32 00', source: SOURCE }] }))).toEqual([]);
  });

  it('refuses a number registered for two bodies, whatever its written form', () => {
    const found = issues(
      registerWith({ phones: [{ value: '01 53 89 32 00', source: SOURCE }] }, { id: 'autre', name: 'Autre', shortName: 'Autre', kind: 'agence_etat', phones: [{ value: '+33153893200', source: SOURCE }] }),
    );
    expect(found).toEqual(['+33153893200 inscrit pour essai et autre']);
  });

  it('refuses an SMS sender name a phone cannot display', () => {
    expect(issues(registerWith({ smsSenders: [{ value: 'AssuranceMaladie', source: SOURCE }] })).length).toBeGreaterThan(0);
    expect(issues(registerWith({ smsSenders: [{ value: '36179', source: SOURCE }] })).length).toBeGreaterThan(0);
    expect(issues(registerWith({ smsSenders: [{ value: 'AMELI', source: SOURCE }] }))).toEqual([]);
  });

  it('refuses a source of an undeclared kind, without a date, or a bad reading date', () => {
    expect(issues(registerWith({ phones: [{ value: '3646', source: { ...SOURCE, kind: 'rumeur' } }] }))).toEqual(['essai : type de source inconnu « rumeur »']);
    expect(issues(registerWith({ phones: [{ value: '3646', source: { ...SOURCE, date: '' } }] })).length).toBeGreaterThan(0);
    expect(issues(registerWith({ phones: [{ value: '3646', source: { ...SOURCE, consulted: 'hier' } }] })).length).toBeGreaterThan(0);
  });

  it('keeps a value without source only with the basis it rests on', () => {
    expect(issues(registerWith({ phones: [{ value: '3646', source: null }] })).length).toBeGreaterThan(0);
    expect(issues(registerWith({ phones: [{ value: '3646', source: null, basis: 'connaissance commune — à confirmer' }] }))).toEqual([]);
  });

  it('reads every written form of a number the same way', () => {
    expect(['0 809 401 401', '0809 401 401', '08.09.40.14.01', '+33 809 40 14 01', '0 809 40 14 01'].map(registerPhoneToE164)).toEqual(Array(5).fill('+33809401401'));
    expect(registerPhoneToE164('36 46')).toBe('3646');
    expect(registerPhoneToE164('33 700')).toBe('33700');
    expect(registerPhoneToE164('0 800')).toBeNull();
  });
});
