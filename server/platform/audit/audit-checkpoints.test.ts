import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { createLocalKeyProvider } from '../crypto/key-provider.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { TEST_SECRET } from '../../test/test-app.js';
import { recordAudit, SYSTEM_CONTEXT } from './audit.js';
import { verifyAuditChain } from './verify.js';
import { checkpointFileFor, writeAuditCheckpoint } from './checkpoints.js';
import { runAuditVerify } from './checkpoint-verify.js';

// The chain cannot see its newest entries cut off; a signed checkpoint written outside the database can.
// The tail is cut here by the database owner (the only role that can disable the append-only trigger):
// `owner` is vigie_owner on the PostgreSQL server, the one connection on PGlite.
describe('audit checkpoints anchor the head of the chain', () => {
  let t: TestDatabase;
  const keys = createLocalKeyProvider(TEST_SECRET);
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-checkpoints-'));
    dirs.push(dir);
    return dir;
  };
  const addEntries = async (n: number) => {
    for (let i = 0; i < n; i++) await recordAudit(t.database.db, SYSTEM_CONTEXT, { action: 'admin.user.updated', entityType: 'user', entityId: `u${i}` });
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    // Already migrated by the owner on the PostgreSQL server; a no-op there.
    await migrate(t.owner);
    await addEntries(5);
  });
  afterAll(async () => {
    await t.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('says clearly when there is no checkpoint to verify against', async () => {
    const dir = freshDir();
    const report = await runAuditVerify(t.database, { keys, checkpointDir: dir });
    expect(report.exitCode).toBe(1);
    expect(report.err.join('\n')).toContain(`Aucun point de contrôle signé valide dans ${dir}`);
  });

  it('writes one signed line per checkpoint, and not twice within the minimum gap', async () => {
    const dir = freshDir();
    const now = new Date();
    const first = await writeAuditCheckpoint(t.database, keys, dir, { now, minGapMinutes: 30 });
    expect(first).toMatchObject({ v: 1, lastId: expect.any(Number), rowCount: 5 });
    expect(await writeAuditCheckpoint(t.database, keys, dir, { now: new Date(now.getTime() + 60_000), minGapMinutes: 30 })).toBeNull();
    const lines = readFileSync(checkpointFileFor(dir, now), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([first]);
  });

  it('refuses a forged or edited checkpoint and keeps anchoring on the genuine one', async () => {
    const dir = freshDir();
    const genuine = (await writeAuditCheckpoint(t.database, keys, dir))!;
    const file = checkpointFileFor(dir, new Date(genuine.at));
    // Someone without the server's secret raises the anchor (to hide a truncation) or edits a count.
    appendFileSync(file, JSON.stringify({ ...genuine, lastId: genuine.lastId + 100, sig: 'f'.repeat(64) }) + '\n');
    appendFileSync(file, JSON.stringify({ ...genuine, rowCount: 1 }) + '\n');
    appendFileSync(file, 'pas du JSON\n');
    const report = await runAuditVerify(t.database, { keys, checkpointDir: dir });
    expect(report.exitCode).toBe(2);
    const refusals = report.err.filter((l) => l.startsWith('Point de contrôle REFUSÉ'));
    expect(refusals).toEqual([2, 3, 4].map((n) => expect.stringContaining(`${file}, ligne ${n}`)));
    expect(report.out.join('\n')).toContain(`l'entrée n° ${genuine.lastId} est intacte`);

    // A checkpoint signed with another secret is no more valid than a made-up one.
    const other = createLocalKeyProvider('another-secret-0123456789abcdef0123456789');
    const dir2 = freshDir();
    await writeAuditCheckpoint(t.database, other, dir2);
    expect((await runAuditVerify(t.database, { keys, checkpointDir: dir2 })).exitCode).toBe(2);
  });

  it('detects the newest entries deleted after a checkpoint, which the chain alone does not', async () => {
    const dir = freshDir();
    const checkpoint = (await writeAuditCheckpoint(t.database, keys, dir))!;
    await addEntries(2);
    const before = await runAuditVerify(t.database, { keys, checkpointDir: dir });
    expect(before.exitCode).toBe(0);
    expect(before.out.join('\n')).toContain('Fin du journal conforme');

    await t.owner.raw.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await t.owner.raw.query('DELETE FROM audit_log WHERE id >= $1', [checkpoint.lastId - 1]);
    await t.owner.raw.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');

    expect((await verifyAuditChain(t.database)).ok).toBe(true);
    const after = await runAuditVerify(t.database, { keys, checkpointDir: dir });
    expect(after.exitCode).toBe(2);
    const file = checkpointFileFor(dir, new Date(checkpoint.at));
    expect(after.err).toEqual([
      `Journal d'audit TRONQUÉ selon le point de contrôle du ${checkpoint.at} (${file}, ligne 1) : l'entrée n° ${checkpoint.lastId} qu'il atteste n'existe plus : les dernières entrées du journal ont été supprimées.`,
    ]);
  });
});
