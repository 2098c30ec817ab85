import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import { entraideMandates } from '../../platform/db/schema-entraide.js';
import { auditEntries, buildDoctor, buildUser, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { databaseUrlFor, usePostgresServer } from '../../test/test-database.js';
import { sweepEntraide } from './entraide-sweep.js';

// The proof of docs/entraide.md « Confidentiality by construction »: whoever is not a member of the
// commission never reads in clear who asked for help — not in a dump of the database (PGlite's data
// directory, byte for byte, and pg_dump of the PostgreSQL server), not in the application's logs, not
// in any answer an administrator or an agent can get, refusals included.
//
// Two demo people. The first is a registered doctor who asks from their space: their name, RPPS and
// address are in the register and their account by design (public register, login), so the proof for
// them is that no other table holds them and that those tables hold them no more often after the
// request than before it. The second is a docteur junior for whom a relative asks, who is in no table
// at all: for them, nothing anywhere — not even PostgreSQL's write-ahead log.

const DEMO = { firstName: 'Herménégilde', lastName: 'Quaresma-Vandervelde', email: 'h.quaresma-vandervelde@exemple.fr', rpps: withRppsCheckDigit('1987604321') };
const JUNIOR = { firstName: 'Ysolde', lastName: 'Karamanlis-Oberholzer', email: 'ysolde.oberholzer@exemple.fr', rpps: withRppsCheckDigit('1012345067'), phone: '07 58 13 94 26' };
const RELATIVE = { firstName: 'Aurèle', lastName: 'Karamanlis', relation: 'frère' };

/** What would name them: every part of the name (with and without accents), the address, the RPPS. */
const DEMO_NEEDLES = ['quaresma', 'vandervelde', 'herménégilde', 'hermenegilde', DEMO.email, DEMO.rpps];
const JUNIOR_NEEDLES = ['karamanlis', 'oberholzer', 'ysolde', JUNIOR.email, JUNIOR.rpps, JUNIOR.phone, 'aurèle'];

const needlesIn = (text: string, needles: readonly string[]) => {
  const lower = text.toLowerCase();
  return needles.filter((n) => lower.includes(n));
};
const occurrences = (text: string, needle: string) => text.toLowerCase().split(needle).length - 1;

/** A table's rows as text, per table; pg-boss's tables as one (a job moves from one to another). */
type LogicalDump = Map<string, string>;
const groupOf = (schema: string, table: string) => (schema === 'pgboss' ? 'pgboss' : schema === 'public' ? table : `${schema}.${table}`);

/** Every ordinary table's rows, as the owner reads them (partitions, not their parents: each row once). */
async function selectEveryTable(t: TestApp): Promise<LogicalDump> {
  const raw = t.ownerDatabase.raw;
  const { rows: tables } = await raw.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2`,
  );
  const dump: LogicalDump = new Map();
  for (const { schema, name } of tables) {
    const { rows } = await raw.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
    const group = groupOf(schema, name);
    dump.set(group, (dump.get(group) ?? '') + rows.map((r) => r.row).join('\n') + '\n');
  }
  return dump;
}

/** pg_dump of the test database (as the server's superuser), split by the table of each COPY block. */
async function pgDump(t: TestApp): Promise<{ whole: string; tables: LogicalDump }> {
  const name = new URL(t.url!).pathname.slice(1);
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', '--dbname', databaseUrlFor(name)], { maxBuffer: 256 * 1024 * 1024 });
  const tables: LogicalDump = new Map();
  for (const block of stdout.matchAll(/^COPY ("?[\w]+"?)\.("?[\w]+"?) \([^)]*\) FROM stdin;\n([\s\S]*?)^\\\.$/gm)) {
    const group = groupOf(block[1]!.replace(/"/g, ''), block[2]!.replace(/"/g, ''));
    tables.set(group, (tables.get(group) ?? '') + block[3]!);
  }
  return { whole: stdout, tables };
}

async function logicalDump(t: TestApp): Promise<{ whole: string; tables: LogicalDump }> {
  if (t.url) return pgDump(t);
  const tables = await selectEveryTable(t);
  return { whole: [...tables.values()].join('\n'), tables };
}

/** PGlite's data directory as a tar, split by file, each file named by the table it stores (if any). */
async function physicalDump(t: TestApp): Promise<{ path: string; group: string | null; bytes: Buffer }[]> {
  // What sits only in shared buffers is not in the files yet: write it out, as a stopped server would have.
  await t.database.raw.exec('CHECKPOINT');
  const client = (t.database.db as unknown as { $client: PGlite }).$client;
  const tar = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
  // Each relation file's table: an index or a TOAST table counts as the table it belongs to.
  const { rows } = await t.database.raw.query<{ path: string; schema: string; table: string }>(
    `SELECT pg_relation_filepath(c.oid) AS path, n.nspname AS schema, t.relname AS table
     FROM pg_class c
     LEFT JOIN pg_index i ON i.indexrelid = c.oid
     JOIN pg_class base ON base.oid = coalesce(i.indrelid, c.oid)
     JOIN pg_class t ON t.oid = coalesce((SELECT o.oid FROM pg_class o WHERE o.reltoastrelid = base.oid), base.oid)
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE pg_relation_filepath(c.oid) IS NOT NULL`,
  );
  const groups = new Map(rows.map((r) => [r.path, groupOf(r.schema, r.table)]));
  const files: { path: string; group: string | null; bytes: Buffer }[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const field = (start: number, length: number) => tar.subarray(offset + start, offset + start + length).toString('latin1').replace(/\0[\s\S]*$/, '');
    const name = field(0, 100);
    if (!name) break;
    const prefix = field(345, 155);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^\/+/, '');
    if (size > 0) files.push({ path, group: groups.get(path.replace(/(\.\d+|_fsm|_vm|_init)$/, '')) ?? null, bytes: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** ASCII letters lowered, other bytes kept: UTF-8 accented needles still match, case aside. */
function asciiLower(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0x41 && out[i]! <= 0x5a) out[i] = out[i]! + 0x20;
  return out;
}
const bytesHold = (lowered: Buffer, needles: readonly string[]) => needles.filter((n) => lowered.includes(Buffer.from(n, 'utf8')));

describe('entraide: no identity in clear outside the commission — database dump, logs, every answer to an administrator or an agent', () => {
  const logLines: string[] = [];
  let t: TestApp;
  let doctorUser: TestUser;
  let adminUser: TestUser;
  let agentUser: TestUser;
  let doctor: TestClient;
  let cde: TestClient;
  let cne: TestClient;
  let agent: TestClient;
  let admin: TestClient;
  let demoCaseId: string;
  let juniorCaseId: string;
  let juniorReference: string;
  let before: { logical: { whole: string; tables: LogicalDump }; usersEntry: string; registerCsv: { admin: string; agent: string } };
  /** Every answer an administrator or an agent got, with what was asked. */
  const answers: { who: string; request: string; status: number; body: string }[] = [];

  const registerCsv = async (client: TestClient) => {
    const res = await client.post('/api/registry/exports', { departement: '75', purpose: 'autre', reason: 'Contrôle de cohérence du tableau départemental.' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const doctorEntry = async () => {
    const res = await admin.get(`/api/admin/users?q=${encodeURIComponent(DEMO.email)}`);
    const entry = res.json().items.find((u: { id: string }) => u.id === doctorUser.user.id);
    expect(entry).toBeDefined();
    return JSON.stringify(entry);
  };

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    // The most verbose level the application logs at, not production's: nothing must leak even there.
    t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, logStream });
    doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75', email: DEMO.email });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: DEMO.lastName, firstNames: DEMO.firstName, rpps: DEMO.rpps, corrEmail: DEMO.email, departement: '75' });
    const cdeUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    const cneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
    adminUser = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    agentUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    await t.database.db.insert(entraideMandates).values([
      { userId: cdeUser.user.id, commission: 'cde', departement: '75', role: 'president', startsOn: '2024-01-01', endsOn: '2027-12-31' },
      { userId: cneUser.user.id, commission: 'cne', departement: null, role: 'membre', startsOn: '2024-01-01', endsOn: '2027-12-31' },
    ]);
    [doctor, cde, cne, agent, admin] = await Promise.all([loggedIn(t, doctorUser), loggedIn(t, cdeUser), loggedIn(t, cneUser), loggedIn(t, agentUser), loggedIn(t, adminUser)]);
    before = { logical: await logicalDump(t), usersEntry: await doctorEntry(), registerCsv: { admin: await registerCsv(admin), agent: await registerCsv(agent) } };

    // The demo doctor asks for help from their space; a CDE member takes the case in hand.
    const filed = await doctor.post('/api/entraide/requests', { natures: ['sante', 'financiere'], urgency: 'rapide', message: 'Je traverse une période difficile et souhaite être rappelé.', contact: { means: 'courriel', consent: true } });
    expect(filed.statusCode).toBe(201);
    expect((await doctor.get('/api/entraide/requests/mine')).statusCode).toBe(200);
    demoCaseId = (await cde.get('/api/entraide/cases')).json().cases.find((c: { reference: string }) => c.reference === filed.json().reference).id;
    expect((await cde.post(`/api/entraide/cases/${demoCaseId}/journal`, { kind: 'note', text: 'Premier contact pris, rappel prévu jeudi.' })).statusCode).toBe(200);
    const reason = 'Rappel du médecin pour fixer un entretien.';
    const revealed = await cde.post(`/api/entraide/cases/${demoCaseId}/reveal`, { reason });
    // The commission does read them: the search below looks for what is really there.
    expect(needlesIn(revealed.body, DEMO_NEEDLES)).toEqual(expect.arrayContaining(['vandervelde', DEMO.email, DEMO.rpps]));
    expect(needlesIn((await cde.post(`/api/entraide/cases/${demoCaseId}/export`, { format: 'json', reason: 'Demande de droit d’accès du médecin.' })).body, DEMO_NEEDLES)).toContain('vandervelde');
    expect((await cde.post(`/api/entraide/cases/${demoCaseId}/export`, { format: 'pdf', reason: 'Demande de droit d’accès du médecin.' })).statusCode).toBe(200);
    expect((await cde.post(`/api/entraide/cases/${demoCaseId}/escalation`, { identityConsent: true, reason: 'Avis de la commission nationale souhaité.' })).statusCode).toBe(200);
    expect((await cne.post(`/api/entraide/cases/${demoCaseId}/reveal`, { reason: 'Préparer une orientation vers Crésus.' })).statusCode).toBe(200);

    // A relative asks for a docteur junior who is in no table; an agent logs a call.
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const relative = await anonymous.post('/api/entraide/requests/relative', {
      natures: ['personnelle'],
      urgency: 'immediate',
      message: 'Mon frère ne dort plus depuis des semaines.',
      contact: { means: 'telephone', consent: true, phone: JUNIOR.phone, email: JUNIOR.email },
      departement: '75',
      beneficiary: { kind: 'docteur_junior', firstName: JUNIOR.firstName, lastName: JUNIOR.lastName, rpps: JUNIOR.rpps },
      requester: RELATIVE,
    });
    expect(relative.statusCode).toBe(201);
    juniorReference = relative.json().reference;
    juniorCaseId = (await cde.get('/api/entraide/cases')).json().cases.find((c: { reference: string }) => c.reference === juniorReference).id;
    expect(needlesIn((await cde.post(`/api/entraide/cases/${juniorCaseId}/reveal`, { reason: 'Appeler la famille aujourd’hui.' })).body, JUNIOR_NEEDLES)).toHaveLength(JUNIOR_NEEDLES.length);
    expect((await agent.post('/api/entraide/calls', { departement: '75', receivedOn: '2026-12-01', natures: ['personnelle'], urgency: 'normale', summary: 'Appel d’un confrère inquiet, sans nom.' })).statusCode).toBe(201);

    // What an administrator and an agent can ask: every entraide GET route the API declares, with the
    // cases' ids and a département where the route takes one, the audit journal, the accounts, the exports.
    const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    const gets = Object.entries(spec.paths).filter(([path, ops]) => path.startsWith('/api/entraide') && ops.get);
    expect(gets.map(([path]) => path)).toEqual(expect.arrayContaining(['/api/entraide/cases', '/api/entraide/cases/{id}', '/api/entraide/mandates', '/api/entraide/stats', '/api/entraide/settings', '/api/entraide/calls', '/api/entraide/members']));
    for (const [who, client] of [['admin', admin], ['agent', agent]] as const) {
      const ask = async (request: string, run: () => Promise<{ statusCode: number; body: string }>) => {
        const res = await run();
        answers.push({ who, request, status: res.statusCode, body: res.body });
      };
      for (const [path, ops] of gets) {
        const takesDepartement = (ops.get!.parameters ?? []).some((p) => p.in === 'query' && p.name === 'departement');
        for (const id of path.includes('{id}') ? [demoCaseId, juniorCaseId] : [null]) {
          const url = path.replace('{id}', id ?? '').replace('{departement}', '75');
          await ask(`GET ${url}`, () => client.get(url));
          if (takesDepartement) await ask(`GET ${url}?departement=75`, () => client.get(`${url}?departement=75`));
        }
      }
      let page = `/api/admin/audit`;
      for (let i = 0; i < 50; i++) {
        const res = await client.get(page);
        answers.push({ who, request: `GET ${page}`, status: res.statusCode, body: res.body });
        const next = res.statusCode === 200 ? (res.json().nextBeforeId as number | null) : null;
        if (next === null) break;
        page = `/api/admin/audit?beforeId=${next}`;
      }
      await ask('GET /api/admin/users', () => client.get('/api/admin/users'));
      await ask('GET /api/admin/users?q=', () => client.get(`/api/admin/users?q=${encodeURIComponent(DEMO.lastName)}`));
      await ask('POST /api/registry/exports', () => client.post('/api/registry/exports', { departement: '75', purpose: 'autre', reason: 'Contrôle de cohérence du tableau départemental.' }));
      // The refusals: reveal, export, a case, its journal.
      for (const id of [demoCaseId, juniorCaseId]) {
        await ask(`POST /api/entraide/cases/${id}/reveal`, () => client.post(`/api/entraide/cases/${id}/reveal`, { reason: 'Je voudrais savoir de qui il s’agit.' }));
        await ask(`POST /api/entraide/cases/${id}/export`, () => client.post(`/api/entraide/cases/${id}/export`, { format: 'json', reason: 'Je voudrais savoir de qui il s’agit.' }));
        await ask(`POST /api/entraide/cases/${id}/export pdf`, () => client.post(`/api/entraide/cases/${id}/export`, { format: 'pdf', reason: 'Je voudrais savoir de qui il s’agit.' }));
      }
    }
    await sweepEntraide(t.database);
  });
  afterAll(() => t?.close());

  it('answers an administrator and an agent, on every entraide route, the audit journal, the accounts and the exports, without either identity', async () => {
    expect(answers.length).toBeGreaterThan(30);
    // The journal does show the requests, the reveals and the exports: by the case's id, nothing else.
    const audit = answers.filter((a) => a.who === 'admin' && a.request.startsWith('GET /api/admin/audit')).map((a) => a.body).join('\n');
    expect(audit).toContain(juniorCaseId);
    expect(audit).toContain('entraide.access.exported');
    expect(audit).toContain('entraide.identity.revealed');
    for (const a of answers) {
      expect({ request: `${a.who} ${a.request}`, found: needlesIn(a.body, JUNIOR_NEEDLES) }).toEqual({ request: `${a.who} ${a.request}`, found: [] });
      // The register and the accounts name the doctor by design; they are compared with before the request below.
      if (/^(GET \/api\/admin\/users|POST \/api\/registry\/exports)/.test(a.request)) continue;
      expect({ request: `${a.who} ${a.request}`, found: needlesIn(a.body, DEMO_NEEDLES) }).toEqual({ request: `${a.who} ${a.request}`, found: [] });
    }
    // The journal's entries about the request do not carry the doctor's account either.
    const entries = (await auditEntries(t.database)).filter((e) => e.action.startsWith('entraide.'));
    expect(entries.filter((e) => e.actorId === doctorUser.user.id || JSON.stringify(e.details).includes(doctorUser.user.id))).toEqual([]);
    // The register's export and the doctor's account read exactly as before their request.
    expect(await doctorEntry()).toBe(before.usersEntry);
    expect(await registerCsv(admin)).toBe(before.registerCsv.admin);
    expect(await registerCsv(agent)).toBe(before.registerCsv.agent);
  });

  it('refuses an administrator and an agent every reveal, export and case, and audits the refusals', async () => {
    const refused = answers.filter((a) => /^(POST \/api\/entraide\/cases|GET \/api\/entraide\/cases)/.test(a.request));
    expect(refused.length).toBeGreaterThanOrEqual(16);
    for (const a of refused) expect({ request: `${a.who} ${a.request}`, status: a.status }).toEqual({ request: `${a.who} ${a.request}`, status: 403 });
    const denials = await auditEntries(t.database, 'authz.access.denied');
    for (const actor of [adminUser, agentUser]) {
      for (const route of ['POST /api/entraide/cases/:id/reveal', 'POST /api/entraide/cases/:id/export', 'GET /api/entraide/cases/:id']) {
        expect(denials.some((d) => d.actorId === actor.user.id && d.entityId === route)).toBe(true);
      }
    }
  });

  it('leaves neither identity in a dump of the database, the register and accounts aside for the registered doctor', async () => {
    const after = await logicalDump(t);
    // The dump holds the cases: the search looks where they are.
    expect(after.tables.get('entraide_cases')).toContain(juniorReference);
    expect(needlesIn(before.logical.tables.get('doctors') ?? '', DEMO_NEEDLES)).toEqual(expect.arrayContaining(['vandervelde', DEMO.rpps, DEMO.email]));

    expect(needlesIn(after.whole, JUNIOR_NEEDLES)).toEqual([]);
    for (const [table, rows] of after.tables) {
      for (const needle of DEMO_NEEDLES) {
        expect({ table, needle, count: occurrences(rows, needle) }).toEqual({ table, needle, count: occurrences(before.logical.tables.get(table) ?? '', needle) });
      }
    }
    const tablesNamingDemo = [...after.tables].filter(([, rows]) => needlesIn(rows, DEMO_NEEDLES).length > 0).map(([table]) => table);
    expect(tablesNamingDemo.filter((table) => table.startsWith('entraide') || table === 'audit_log')).toEqual([]);
  });

  // PGlite's files are the test's own; the server's data directory belongs to the server's account, and
  // pg_dump above is its dump.
  if (!usePostgresServer) it('leaves neither identity in PGlite’s data directory, byte for byte (the write-ahead log too for the docteur junior)', async () => {
    const files = await physicalDump(t);
    expect(files.length).toBeGreaterThan(100);
    const lowered = files.map((f) => ({ ...f, bytes: asciiLower(f.bytes) }));
    // The search sees clear text in the files: the register's file holds the registered doctor.
    expect(lowered.some((f) => f.group === 'doctors' && bytesHold(f.bytes, [DEMO.rpps]).length === 1)).toBe(true);
    expect(lowered.some((f) => f.group === 'entraide_cases' && bytesHold(f.bytes, [juniorReference.toLowerCase()]).length === 1)).toBe(true);

    for (const f of lowered) {
      expect({ file: f.path, found: bytesHold(f.bytes, JUNIOR_NEEDLES) }).toEqual({ file: f.path, found: [] });
      // The registered doctor: only in the files of the tables that held them before the request (the
      // write-ahead log records those tables' own inserts, so it is left aside for them).
      if (f.path.startsWith('pg_wal/')) continue;
      const found = bytesHold(f.bytes, DEMO_NEEDLES);
      const allowed = f.group ? needlesIn(before.logical.tables.get(f.group) ?? '', DEMO_NEEDLES) : [];
      expect({ file: f.path, table: f.group, found: found.filter((n) => !allowed.includes(n)) }).toEqual({ file: f.path, table: f.group, found: [] });
    }
  });

  it('writes neither identity to the application logs of the whole run', () => {
    const logs = logLines.join('');
    // The capture saw the run: requests to the entraide routes are logged (by path only).
    expect(logs).toContain('/api/entraide/cases/');
    expect(logLines.length).toBeGreaterThan(100);
    expect(needlesIn(logs, [...DEMO_NEEDLES, ...JUNIOR_NEEDLES])).toEqual([]);
  });
});
