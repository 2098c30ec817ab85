import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { findSpecialty } from '../../../contracts/specialties.js';
import { listMigrations, migrate } from '../../platform/db/migrate.js';
import { rows } from '../../platform/db/rows.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// Migration 0030 brings specialties written before the official list to its labels, so an alert aimed
// at « Cardiologie et maladies vasculaires » reaches the doctors registered as « CARDIOLOGIE » too.
const MIGRATION = '0030_specialty_official_labels';

describe('migration 0030: specialties brought to the official labels', () => {
  let t: TestDatabase;
  const doctor = (rpps: string, specialty: string) => sql`
    INSERT INTO doctors (rpps, birth_name, first_names, specialty, departement, status, search_text)
    VALUES (${rpps}, 'Martin', 'Claire', ${specialty}, '69', 'inscrit', 'martin claire')`;

  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    await migrate(t.owner, listMigrations().filter((m) => m.version < MIGRATION));
    for (const [rpps, specialty] of [
      ['10000000001', 'CARDIOLOGIE'],
      ['10000000002', 'Qualifié en Médecine Générale'],
      ['10000000003', 'Radio-diagnostic et imagerie médicale'],
      ['10000000004', 'Médecine générale'],
      ['10000000005', 'Médecine aéronautique et spatiale (capacité)'],
      ['10000000006', ''],
    ] as const) {
      await t.owner.db.execute(doctor(rpps, specialty));
    }
  });
  afterAll(() => t.drop());

  it('rewrites a known spelling as its label, with a new version and a history entry; leaves the rest alone', async () => {
    expect(await migrate(t.owner)).toContain(MIGRATION);
    const after = await rows<{ rpps: string; specialty: string; version: number }>(t.owner.db, sql`SELECT rpps, specialty, version FROM doctors ORDER BY rpps`);
    expect(after).toEqual([
      { rpps: '10000000001', specialty: 'Cardiologie et maladies vasculaires', version: 2 },
      { rpps: '10000000002', specialty: 'Médecine générale', version: 2 },
      { rpps: '10000000003', specialty: 'Radiologie et imagerie médicale', version: 2 },
      { rpps: '10000000004', specialty: 'Médecine générale', version: 1 },
      { rpps: '10000000005', specialty: 'Médecine aéronautique et spatiale (capacité)', version: 1 },
      { rpps: '10000000006', specialty: '', version: 1 },
    ]);
    const history = await rows<{ rpps: string; version: number; source: string; changes: unknown }>(
      t.owner.db,
      sql`SELECT d.rpps, h.version, h.source, h.changes FROM doctor_history h JOIN doctors d ON d.id = h.doctor_id ORDER BY d.rpps`,
    );
    expect(history).toEqual([
      { rpps: '10000000001', version: 2, source: 'normalisation', changes: { specialty: { before: 'CARDIOLOGIE', after: 'Cardiologie et maladies vasculaires' } } },
      { rpps: '10000000002', version: 2, source: 'normalisation', changes: { specialty: { before: 'Qualifié en Médecine Générale', after: 'Médecine générale' } } },
      { rpps: '10000000003', version: 2, source: 'normalisation', changes: { specialty: { before: 'Radio-diagnostic et imagerie médicale', after: 'Radiologie et imagerie médicale' } } },
    ]);
  });

  it('maps every spelling it lists to the label the official list gives it today', () => {
    const file = readFileSync(new URL(`../../platform/db/migrations/${MIGRATION}.sql`, import.meta.url), 'utf8');
    const pairs = [...file.matchAll(/^ {2}\('((?:[^']|'')*)', '((?:[^']|'')*)'\),?$/gm)].map((m): [string, string] => [m[1]!.replace(/''/g, "'"), m[2]!.replace(/''/g, "'")]);
    expect(pairs.length).toBeGreaterThan(60);
    for (const [folded, label] of pairs) expect({ folded, label: findSpecialty(folded)?.label }).toEqual({ folded, label });
  });
});
