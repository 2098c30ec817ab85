import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';
import { OWNER_ROLE } from '../../test/test-database.js';

/** DDL as the schema's owner: on the PostgreSQL server the application's role may not alter tables. */
async function asOwner(t: TestApp, statement: string): Promise<void> {
  if (!t.url) {
    await t.database.raw.query(statement);
    return;
  }
  const url = new URL(t.url);
  url.username = OWNER_ROLE;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('logging of failed queries', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream });
    // A real constraint the insert trips on, as a schema change or a corrupt row would in production.
    await asOwner(t, "ALTER TABLE users ADD CONSTRAINT test_refuses_account CHECK (email NOT LIKE 'refus-%') NOT VALID");
  });
  afterAll(() => t.close());

  it('logs the SQLSTATE, constraint and table of a failed insert, never the values it carried', async () => {
    const email = 'refus-camille.durand@exemple.fr';
    const name = 'Camille Durand-Fuite';
    const admin = new TestClient(t.app);
    await admin.login(t.database, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    const res = await admin.post('/api/admin/users', { email, displayName: name, role: 'agent', departement: '75' });

    expect(res.statusCode).toBe(500);
    const requestId = res.json().error.requestId as string;
    expect(res.json().error).toMatchObject({ code: 'INTERNAL' });
    const logs = logLines.join('');
    for (const secret of [email, 'camille', name, 'Failed query', 'Failing row', 'params']) expect(logs).not.toContain(secret);
    const failure = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === 'request failed' && e.reqId === requestId);
    expect(failure?.error).toMatchObject({ code: '23514', database: { code: '23514', constraint: 'test_refuses_account', table: 'users' } });
  });
});
