import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { listMigrations, migrate } from '../../platform/db/migrate.js';
import { rows } from '../../platform/db/rows.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// Migration 0016 takes agents' free-typed campaign names off the public check page at once: values
// published before it show their campaign's family label, or no campaign name at all.
describe('migration 0016: published campaign names', () => {
  let t: TestDatabase;
  const published = () => rows<{ value: string; campaign_label: string | null }>(t.owner.db, sql`SELECT value, campaign_label FROM fraud_indicators ORDER BY value`);

  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    await migrate(t.owner, listMigrations().filter((m) => m.version < '0016'));
    await t.owner.db.execute(sql`
      INSERT INTO campaigns (id, reference, label, scam_family) VALUES
        ('00000000-0000-4000-8000-000000000001', 'CAMP-2026-0001', 'Arnaque vue à Marseille', 'colis'),
        ('00000000-0000-4000-8000-000000000002', 'CAMP-2026-0002', 'Nom tapé par un agent', NULL)`);
    await t.owner.db.execute(sql`
      INSERT INTO fraud_indicators (kind, value, report_count, campaign_label, campaign_id) VALUES
        ('phone', '+33970000001', 3, 'Arnaque vue à Marseille', '00000000-0000-4000-8000-000000000001'),
        ('phone', '+33970000002', 2, 'Nom tapé par un agent', '00000000-0000-4000-8000-000000000002'),
        ('phone', '+33970000003', 1, 'Sans campagne', NULL)`);
  });
  afterAll(() => t.drop());

  it('replaces published labels by the family label, or none', async () => {
    expect(await migrate(t.owner)).toContain('0016_campaign_public_label');
    expect(await published()).toEqual([
      { value: '+33970000001', campaign_label: SCAM_FAMILY_LABELS.colis },
      { value: '+33970000002', campaign_label: null },
      { value: '+33970000003', campaign_label: null },
    ]);
  });

  it('refuses a public label approved by its own proposer', async () => {
    const me = '00000000-0000-4000-8000-0000000000aa';
    await t.owner.db.execute(sql`INSERT INTO users (id, email, display_name, role) VALUES (${me}, 'agent.a@exemple.fr', 'Agent A', 'agent')`);
    await expect(
      t.owner.db.execute(sql`
        UPDATE campaigns SET public_label = 'x', public_label_proposed_by = ${me}, public_label_approved_by = ${me}, public_label_approved_at = now()
        WHERE reference = 'CAMP-2026-0001'`),
    ).rejects.toThrow();
  });
});
