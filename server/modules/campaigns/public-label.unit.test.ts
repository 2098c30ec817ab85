import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { publicLabelOf } from './public-label.js';

// The public name of a campaign is never its working label: approved label, else family label, else none.
describe('publicLabelOf', () => {
  it('prefers the approved public label', () => {
    expect(publicLabelOf({ publicLabel: 'Faux appels de la certification', scamFamily: 'colis' })).toBe('Faux appels de la certification');
  });
  it('falls back on the family label of contracts', () => {
    expect(publicLabelOf({ publicLabel: null, scamFamily: 'colis' })).toBe(SCAM_FAMILY_LABELS.colis);
  });
  it('shows no name for a campaign of unknown family', () => {
    expect(publicLabelOf({ publicLabel: null, scamFamily: null })).toBeNull();
    expect(publicLabelOf({ publicLabel: null, scamFamily: 'toString' })).toBeNull();
  });

  it('migration 0016 rewrote published labels with the family labels of contracts', () => {
    const migration = readFileSync(fileURLToPath(new URL('../../platform/db/migrations/0016_campaign_public_label.sql', import.meta.url)), 'utf8');
    const pairs = Object.fromEntries([...migration.matchAll(/\('([a-z_]+)', '([^']+)'\)/g)].map((m) => [m[1], m[2]]));
    expect(pairs).toEqual(SCAM_FAMILY_LABELS);
  });
});
