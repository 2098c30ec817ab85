import { describe, expect, it } from 'vitest';
import { campaignAccess, distinctDepartements, type CampaignAccess } from './campaigns.policy.js';

// Who owns a campaign, as a truth table: a change to the rule shows up here, in review.
describe('campaignAccess', () => {
  const national = { departement: null };
  const paris = { departement: '75' };
  const marseille = { departement: '13' };

  const table: [string, readonly (string | null)[], CampaignAccess, CampaignAccess, CampaignAccess][] = [
    // départements of the campaign's reports    national   agent 75   agent 13
    ['only Paris reports', ['75', '75', '75'], 'change', 'change', 'hidden'],
    ['only Marseille reports', ['13'], 'change', 'hidden', 'change'],
    ['Paris and Marseille reports', ['75', '75', '13'], 'change', 'read', 'read'],
    ['Paris and Lyon reports', ['75', '69'], 'change', 'read', 'hidden'],
    ['Paris reports and one without département', ['75', null], 'change', 'read', 'hidden'],
    ['reports without département only', [null, null], 'change', 'hidden', 'hidden'],
    ['no report at all', [], 'change', 'hidden', 'hidden'],
  ];

  for (const [name, departements, forNational, forParis, forMarseille] of table) {
    it(name, () => {
      expect(campaignAccess(national, departements)).toBe(forNational);
      expect(campaignAccess(paris, departements)).toBe(forParis);
      expect(campaignAccess(marseille, departements)).toBe(forMarseille);
    });
  }

  it('names the départements of a refusal once each, in order, without département last', () => {
    expect(distinctDepartements(['75', null, '13', '75', '2A'])).toEqual(['13', '2A', '75', null]);
  });
});
