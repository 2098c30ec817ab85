import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { migrate } from '../server/platform/db/migrate.js';
import { createLocalKeyProvider } from '../server/platform/crypto/key-provider.js';
import { startRuntime } from '../server/runtime.js';
import { buildUser, DEFAULT_PASSWORD, type TestUser } from '../server/test/factories.js';
import { TestClient } from '../server/test/test-client.js';
import { TEST_SECRET, testConfig } from '../server/test/test-app.js';
import { seedPages } from './pages-seed.js';

// `npm run bench:pages` (issue 15, part 5: the agents' pages stay fast with data). Seeds BENCH_REPORTS
// reports (1,000,000 by default) over three years and BENCH_CAMPAIGNS campaigns (5,000) with their
// members and indicators into a scratch database on the PostgreSQL server (DATABASE_URL's server, else
// the local test server), by set-based SQL (bench/pages-seed.ts), then starts Vigie on it and times,
// through the real HTTP API (app.inject with a logged-in agent's session), each call behind the queue,
// a campaign's page and the dashboard: BENCH_RUNS runs each (60), interleaved so drift weighs on all
// alike, after a warm-up. Prints p50/p95/p99 per call and the ratio of p95 to the target (100 ms).
// BENCH_KEEP=1 keeps the database; a later run finds it seeded, applies any new migration and times
// again (before/after an index without seeding twice). A benchmark, not a test: it asserts nothing.
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARM_UP = 5;
const TARGET_MS = 100;
const KEEP = process.env.BENCH_KEEP === '1';
const DB_NAME = process.env.BENCH_PAGES_DB ?? `vigie_bench_pages_${REPORTS}`;
const SERVER_URL = process.env.DATABASE_URL ?? process.env.VIGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function onServer<T>(statement: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Seeded {
  national: TestUser;
  paris: TestUser;
}

async function openSeeded(): Promise<{ database: Database; seeded: Seeded }> {
  const exists = (await onServer<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [DB_NAME]))[0]!.n > 0;
  if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`nom de base de banc invalide : ${DB_NAME}`);
  if (!exists) await onServer(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ kind: 'pg', url: url.toString(), poolSize: 10 });
  const applied = await migrate(database);
  if (applied.length > 0) console.log(`migrations appliquées : ${applied.join(', ')}`);
  // On a database seeded by an earlier run, what autovacuum would soon do for the tables a migration just
  // filled (visibility map for index-only scans, statistics); a fresh seed ends with its own VACUUM ANALYZE.
  if (exists && applied.length > 0) await database.raw.exec('VACUUM ANALYZE');
  const marker = await database.raw.query<{ national: string; paris: string }>(
    `SELECT national, paris FROM bench_seed WHERE reports = $1 AND campaigns = $2`,
    [REPORTS, CAMPAIGNS],
  ).catch(() => ({ rows: [] as { national: string; paris: string }[] }));
  if (marker.rows[0]) {
    console.log(`base ${DB_NAME} réutilisée (déjà peuplée)`);
    return { database, seeded: { national: JSON.parse(marker.rows[0].national) as TestUser, paris: JSON.parse(marker.rows[0].paris) as TestUser } };
  }
  const keys = createLocalKeyProvider(TEST_SECRET);
  const national = await buildUser(database, keys, { role: 'agent', departement: null });
  const paris = await buildUser(database, keys, { role: 'agent', departement: '75' });
  const started = performance.now();
  const took = await seedPages(database.raw, { reports: REPORTS, campaigns: CAMPAIGNS, nationalAgentId: national.user.id, parisAgentId: paris.user.id });
  console.log(`peuplement : ${((performance.now() - started) / 1000).toFixed(0)} s (${Object.entries(took).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')})`);
  await database.raw.exec(`CREATE TABLE bench_seed (reports int, campaigns int, national text, paris text)`);
  await database.raw.query(`INSERT INTO bench_seed VALUES ($1, $2, $3, $4)`, [REPORTS, CAMPAIGNS, loginOf(national), loginOf(paris)]);
  return { database, seeded: { national, paris } };
}

/** What a later run needs to log in again: the account's id and address, and its TOTP secret. */
function loginOf(account: TestUser): string {
  return JSON.stringify({ user: { id: account.user.id, email: account.user.email }, password: account.password, totpSecret: account.totpSecret });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const { database, seeded } = await openSeeded();
const runtime = await startRuntime(
  testConfig({ RATE_LIMIT_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000', JOBS_ENABLED: 'false', SMTP_URL: 'smtp://127.0.0.1:1' }),
  { database },
);
try {
  await runtime.app.ready();
  const login = async (account: TestUser) => {
    const client = new TestClient(runtime.app);
    const state = await client.login(database, { ...account, password: DEFAULT_PASSWORD });
    if (state !== 'active') throw new Error(`connexion refusée : ${state}`);
    return client;
  };
  const national = await login(seeded.national);
  const paris = await login(seeded.paris);
  const [big] = await database.raw.query<{ id: string; report_count: number }>(`SELECT id, report_count FROM campaigns ORDER BY report_count DESC LIMIT 1`).then((r) => r.rows);
  const [small] = await database.raw.query<{ id: string; report_count: number }>(`SELECT id, report_count FROM campaigns WHERE report_count > 0 ORDER BY report_count, reference LIMIT 1`).then((r) => r.rows);
  const [parisBig] = await database.raw.query<{ id: string; report_count: number }>(
    `SELECT c.id, c.report_count FROM campaigns c WHERE EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id AND r.departement = '75') ORDER BY c.report_count DESC LIMIT 1`,
  ).then((r) => r.rows);
  const calls: { page: string; label: string; client: TestClient; url: string }[] = [
    { page: 'file', label: 'national, vue par défaut', client: national, url: '/api/triage/reports' },
    { page: 'file', label: 'national, statut nouveau', client: national, url: '/api/triage/reports?status=nouveau' },
    { page: 'file', label: 'national, statuts en cours + qualifié', client: national, url: '/api/triage/reports?status=en_cours&status=qualifie' },
    { page: 'file', label: 'national, département 13', client: national, url: '/api/triage/reports?departement=13' },
    { page: 'file', label: 'national, assignés à moi', client: national, url: '/api/triage/reports?assigned=me' },
    { page: 'file', label: 'national, non assignés', client: national, url: '/api/triage/reports?assigned=none' },
    { page: 'file', label: 'national, page 50', client: national, url: '/api/triage/reports?page=50' },
    { page: 'file', label: 'Paris, vue par défaut', client: paris, url: '/api/triage/reports' },
    { page: 'file', label: 'Paris, assignés à moi', client: paris, url: '/api/triage/reports?assigned=me' },
    { page: 'file', label: 'Paris, non assignés', client: paris, url: '/api/triage/reports?assigned=none' },
    { page: 'file', label: 'Paris, page 50', client: paris, url: '/api/triage/reports?page=50' },
    { page: 'campagne', label: `grande (${big!.report_count} sign.), national`, client: national, url: `/api/campaigns/${big!.id}` },
    { page: 'campagne', label: `petite (${small!.report_count} sign.), national`, client: national, url: `/api/campaigns/${small!.id}` },
    { page: 'campagne', label: `grande (${parisBig!.report_count} sign.), Paris`, client: paris, url: `/api/campaigns/${parisBig!.id}` },
    { page: 'campagne', label: 'ses signalements dans la file (grande)', client: national, url: `/api/triage/reports?campaignId=${big!.id}` },
    { page: 'tableau', label: 'national, 12 semaines', client: national, url: '/api/dashboard' },
    { page: 'tableau', label: 'national filtré sur le 13', client: national, url: '/api/dashboard?departement=13' },
    { page: 'tableau', label: 'Paris, 12 semaines', client: paris, url: '/api/dashboard' },
  ];
  const times = calls.map(() => [] as number[]);
  for (let run = -WARM_UP; run < RUNS; run++) {
    for (const [i, call] of calls.entries()) {
      const started = performance.now();
      const res = await call.client.get(call.url);
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`${call.url} : ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (run >= 0) times[i]!.push(ms);
    }
  }
  const [{ n: reportRows } = { n: 0 }] = (await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows;
  console.log(`Pages des agents — ${reportRows.toLocaleString('fr-FR')} signalements, ${CAMPAIGNS.toLocaleString('fr-FR')} campagnes, serveur PostgreSQL (${DB_NAME}), ${RUNS} passages par appel (app.inject, session réelle)`);
  console.log(`${'page'.padEnd(9)}${'appel'.padEnd(44)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}   p95/cible (${TARGET_MS} ms)`);
  for (const [i, call] of calls.entries()) {
    const sorted = [...times[i]!].sort((a, b) => a - b);
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(sorted, q));
    console.log(`${call.page.padEnd(9)}${call.label.padEnd(44)}${p50!.toFixed(1).padStart(9)}${p95!.toFixed(1).padStart(9)}${p99!.toFixed(1).padStart(9)}   ${(p95! / TARGET_MS).toFixed(2)}`);
  }
} finally {
  await runtime.close();
  await database.close();
  if (!KEEP) await onServer(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}
