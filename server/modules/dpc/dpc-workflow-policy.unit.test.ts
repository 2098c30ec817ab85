import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { canSeeSignalement } from './dpc-signalement.policy.js';
import { decisionRefusal } from './signalement-decision.service.js';

// Who sees which signalement, and when a decision may be taken: the rules of docs/dpc-signalements.md
// « Workflow » as truth tables.

const actor = (role: Role, departement: string | null, userId = 'me') => ({ userId, role, departement });

describe('the scope of a DPC signalement', () => {
  const in75 = { departement: '75', reviewerId: 'me' };
  const in13 = { departement: '13', reviewerId: 'someone' };
  const nowhere = { departement: null, reviewerId: null };

  it.each([
    ['a national agent sees every signalement', actor('agent', null), [true, true, true]],
    ['a departmental agent sees those of their département only', actor('agent', '75'), [true, false, false]],
    ['an expert reviewer sees those designated to them only', actor('relecteur_dpc', null), [true, false, false]],
    ['an administrator sees none', actor('admin', null), [false, false, false]],
    ['a doctor sees none', actor('medecin', '75'), [false, false, false]],
    ['a CDE member sees none', actor('membre_cde', '75'), [false, false, false]],
    ['a CNE member sees none', actor('membre_cne', null), [false, false, false]],
  ] as const)('%s', (_rule, who, expected) => {
    expect([in75, in13, nowhere].map((row) => canSeeSignalement(who, row))).toEqual(expected);
  });
});

describe('when a decision may be taken', () => {
  const transmission = ['transmission_andpc', 'saisine_chambre'];
  it.each([
    ['nouveau', ['classement'], true],
    ['en_revue', ['classement'], true],
    ['avis_rendu', ['classement'], true],
    ['nouveau', transmission, false],
    ['en_revue', transmission, false],
    ['avis_rendu', transmission, true],
    ['contradictoire', ['classement'], false],
    ['contradictoire', transmission, false],
    ['decide', ['classement'], false],
  ] as const)('from %s, %j is %s', (status, outcomes, allowed) => {
    expect(decisionRefusal(status, outcomes) === null).toBe(allowed);
  });
});
