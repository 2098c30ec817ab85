import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODES, isDepartementCode } from './departements.js';
import { ZUserCreate } from './admin-users.schemas.js';
import { ZSecondFactor } from './auth.schemas.js';
import { ERROR_MESSAGES } from './errors.js';

describe('shared contracts', () => {
  it('knows the 102 codes: 01–95 without 20, 2A, 2B, 971–976', () => {
    expect(DEPARTEMENT_CODES).toHaveLength(102);
    for (const code of ['01', '19', '21', '2A', '2B', '95', '971', '976']) expect(isDepartementCode(code)).toBe(true);
    for (const code of ['00', '20', '96', '977', '2C', '1']) expect(isDepartementCode(code)).toBe(false);
  });

  it('normalises an account form: trimmed lower-case email, upper-case département', () => {
    expect(ZUserCreate.parse({ email: ' Jean@Exemple.FR ', displayName: ' Jean ', role: 'agent', departement: '2a' })).toEqual({
      email: 'jean@exemple.fr',
      displayName: 'Jean',
      role: 'agent',
      departement: '2A',
    });
  });

  it('accepts a recovery code typed with spaces, dashes or lower case', () => {
    expect(ZSecondFactor.parse({ recoveryCode: 'abcde-fghjk' })).toEqual({ recoveryCode: 'ABCDEFGHJK' });
    expect(ZSecondFactor.safeParse({ code: '12345' }).success).toBe(false);
  });

  it('has a French message for every error code', () => {
    for (const message of Object.values(ERROR_MESSAGES)) expect(message).toMatch(/[a-zé]/);
  });
});
