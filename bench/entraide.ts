import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEPARTEMENT_CODES } from '../contracts/departements.js';
import { ENTRAIDE_NATURES, type EntraideCaseStatus, type EntraideNature } from '../contracts/entraide.schemas.js';
import { cdeScope, sealerFor } from '../server/modules/entraide/index.js';
import { createLocalKeyProvider } from '../server/platform/crypto/key-provider.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { migrate } from '../server/platform/db/migrate.js';
import { entraideCaseCounters, entraideCaseEvents, entraideCases, entraideDecisions, entraideMandates } from '../server/platform/db/schema-entraide.js';
import { startRuntime } from '../server/runtime.js';
import { buildUser, type TestUser } from '../server/test/factories.js';
import { TestClient } from '../server/test/test-client.js';
import { TEST_SECRET, testConfig } from '../server/test/test-app.js';

// `npm run bench:entraide` (issue 11): a CDE member's case list and a reveal stay under 50 ms at p95
// with BENCH_CASES entraide cases (10,000 by default). Seeds them into a scratch database on the
// PostgreSQL server (DATABASE_URL's server, else the local test server), or into an embedded PGlite
// with `--pglite`: Paris-heavy (40 % of cases, then Marseille, Lyon…), over three years, each with an
// identity sealed for its CDE as a request would write it, a journal of sealed notes (four entries on
// average) and, for some, a decision. Then starts Vigie on it and times through the real HTTP API
// (app.inject with a Paris member's session, a current mandate checked on every call) the list's first
// page, a page filtered by status, a later page, a small département's list, a case's detail and a
// reveal (which writes its audit entry): BENCH_RUNS runs each (200), interleaved, after a warm-up.
// Prints p50/p95/p99 and the ratio of p95 to the target. Drops its database unless BENCH_KEEP=1.
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 10;
const TARGET_MS = 50;
const KEEP = process.env.BENCH_KEEP === '1';
const ON_PGLITE = process.argv.includes('--pglite');
const DB_NAME = `vigie_bench_entraide_${CASES}`;
const SERVER_URL = process.env.DATABASE_URL ?? process.env.VIGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (ON_PGLITE) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, drop: () => database.close() };
  }
  await onServer(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ kind: 'pg', url: url.toString(), poolSize: 10 });
  return {
    database,
    async drop() {
      await database.close();
      if (!KEEP) await onServer(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    },
  };
}

// A seeded generator: the same cases on every run, so two runs compare.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const BIG = [['75', 0.4], ['13', 0.12], ['69', 0.1], ['59', 0.06], ['33', 0.05]] as const;
const OTHERS = DEPARTEMENT_CODES.filter((c) => !BIG.some(([b]) => b === c));
function departement(): string {
  let r = random();
  for (const [code, share] of BIG) {
    if (r < share) return code;
    r -= share;
  }
  return pick(OTHERS);
}
const FIRST = ['Camille', 'Dominique', 'Claude', 'Maëlle', 'Hélène', 'Yannick', 'Sacha', 'Noémie', 'Benoît', 'Agnès', 'Loïc', 'Céline'];
const LAST = ['Lefèvre', 'Moreau', 'Garnier', 'Roussel', 'Fontaine', 'Chevalier', 'Perrin', 'Morel', 'Giraud', 'Mercier', 'Blanc', 'Guérin'];
const NOTES = [
  'Entretien téléphonique : difficultés de trésorerie du cabinet depuis la baisse d’activité, charges sociales en retard.',
  'Rencontre au conseil : épuisement, arrêt de travail envisagé ; orientation vers la ligne d’écoute proposée.',
  'Point avec le référent : dossier de prêt d’honneur à présenter à la prochaine séance de la commission.',
  'Rappel du médecin : situation stabilisée, suivi mensuel convenu.',
];

async function seedCases(database: Database, member: TestUser): Promise<{ parisCaseIds: string[] }> {
  const keys = createLocalKeyProvider(TEST_SECRET);
  const db = database.db;
  const sealers = new Map<string, Awaited<ReturnType<typeof sealerFor>>>();
  const sealer = async (dep: string) => sealers.get(dep) ?? sealers.set(dep, await sealerFor(db, keys, cdeScope(dep))).get(dep)!;
  const cne = await sealerFor(db, keys, 'cne');
  const now = Date.now();
  const counters = new Map<number, number>();
  const parisCaseIds: string[] = [];
  const DAY = 86_400_000;
  for (let start = 0; start < CASES; start += 500) {
    const cases: (typeof entraideCases.$inferInsert)[] = [];
    const events: (typeof entraideCaseEvents.$inferInsert)[] = [];
    const decisions: (typeof entraideDecisions.$inferInsert)[] = [];
    for (let i = start; i < Math.min(CASES, start + 500); i++) {
      const dep = departement();
      const openedAt = new Date(now - Math.floor(random() * 3 * 365) * DAY - Math.floor(random() * DAY));
      const old = now - openedAt.getTime() > 180 * DAY;
      const r = random();
      const status: EntraideCaseStatus = old ? (r < 0.7 ? 'clos' : r < 0.8 ? 'transmis_cne' : 'en_cours') : r < 0.3 ? 'recu' : r < 0.8 ? 'en_cours' : r < 0.9 ? 'transmis_cne' : 'clos';
      const lastActivityAt = new Date(Math.min(now, openedAt.getTime() + Math.floor(random() * 120) * DAY));
      const closedAt = status === 'clos' ? lastActivityAt : null;
      const escalatedAt = status === 'transmis_cne' || (status === 'clos' && random() < 0.1) ? new Date(openedAt.getTime() + DAY) : null;
      const year = openedAt.getUTCFullYear();
      counters.set(year, (counters.get(year) ?? 0) + 1);
      const natures = [...new Set([pick(ENTRAIDE_NATURES), ...(random() < 0.4 ? [pick(ENTRAIDE_NATURES)] : [])])] as EntraideNature[];
      const identity = JSON.stringify({
        beneficiary: { kind: 'medecin', firstName: pick(FIRST), lastName: pick(LAST), rpps: `10${String(Math.floor(random() * 1e9)).padStart(9, '0')}` },
        requester: null,
        contact: { means: 'telephone', consent: true, phone: `06 ${String(Math.floor(random() * 1e8)).padStart(8, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}` },
        message: pick(NOTES),
      });
      const id = randomUUID();
      if (dep === '75') parisCaseIds.push(id);
      const s = await sealer(dep);
      const consent = escalatedAt !== null && random() < 0.5;
      cases.push({
        id,
        reference: `E-${year}-${String(counters.get(year)).padStart(4, '0')}`,
        departement: dep,
        status,
        natures,
        urgency: pick(['normale', 'normale', 'rapide', 'immediate'] as const),
        source: pick(['espace_medecin', 'espace_medecin', 'proche', 'appel_agent', 'appel_cde', 'ligne_ecoute'] as const),
        beneficiaryKind: 'medecin',
        contactMeans: 'telephone',
        contactConsent: true,
        sealedIdentity: s.seal(identity),
        sealedIdentityCne: consent ? cne.seal(identity) : null,
        sealedSubject: s.seal(JSON.stringify({ userId: randomUUID(), doctorId: randomUUID() })),
        requesterTag: random() < 0.5 ? randomBytes(32).toString('hex') : null,
        referentId: dep === '75' && status !== 'recu' && random() < 0.3 ? member.user.id : null,
        cneConsentAt: consent ? escalatedAt : null,
        escalatedAt,
        openedAt,
        closedAt,
        lastActivityAt,
        purgeAfter: closedAt ? new Date(closedAt.getTime() + 5 * 365 * DAY).toISOString().slice(0, 10) : null,
      });
      const entries = status === 'recu' ? 0 : 1 + Math.floor(random() * 7);
      for (let e = 0; e < entries; e++) {
        events.push({ caseId: id, kind: pick(['note', 'note', 'entretien'] as const), sealedBody: s.seal(pick(NOTES)), occurredAt: new Date(openedAt.getTime() + e * DAY), authorId: member.user.id });
      }
      if (status !== 'recu' && random() < 0.3) {
        decisions.push({ caseId: id, commission: 'cde', kind: 'accompagnement', decidedOn: lastActivityAt.toISOString().slice(0, 10), membersSeated: 7, membersPresent: 5, votesFor: 5, votesAgainst: 0, abstentions: 0, quorumReached: true });
      }
    }
    await db.insert(entraideCases).values(cases);
    for (let e = 0; e < events.length; e += 1000) await db.insert(entraideCaseEvents).values(events.slice(e, e + 1000));
    if (decisions.length) await db.insert(entraideDecisions).values(decisions);
  }
  for (const [year, lastNumber] of counters) await db.insert(entraideCaseCounters).values({ year, lastNumber });
  // As autovacuum would have left a table of that age: statistics and the visibility map (index-only counts).
  for (const table of ['entraide_cases', 'entraide_case_events', 'entraide_decisions', 'users', 'entraide_mandates']) await database.raw.query(`VACUUM ANALYZE ${table}`);
  return { parisCaseIds };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const { database, drop } = await openBenchDatabase();
try {
  await migrate(database);
  const keys = createLocalKeyProvider(TEST_SECRET);
  const member = await buildUser(database, keys, { role: 'membre_cde', departement: '75' });
  const corsicaMember = await buildUser(database, keys, { role: 'membre_cde', departement: '2A' });
  for (const [u, dep] of [[member, '75'], [corsicaMember, '2A']] as const) {
    await database.db.insert(entraideMandates).values({ userId: u.user.id, commission: 'cde', departement: dep, role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31' });
  }
  const started = performance.now();
  const { parisCaseIds } = await seedCases(database, member);
  console.log(`peuplement : ${CASES.toLocaleString('fr-FR')} dossiers en ${((performance.now() - started) / 1000).toFixed(0)} s (${parisCaseIds.length.toLocaleString('fr-FR')} à Paris)`);

  const runtime = await startRuntime(testConfig({ RATE_LIMIT_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000', JOBS_ENABLED: 'false', SMTP_URL: 'smtp://127.0.0.1:1' }), { database });
  try {
    await runtime.app.ready();
    const login = async (account: TestUser) => {
      const client = new TestClient(runtime.app);
      if ((await client.login(database, account)) !== 'active') throw new Error('connexion refusée');
      return client;
    };
    const paris = await login(member);
    const corsica = await login(corsicaMember);
    // The reveal's own budget is 30 a minute per address: the bench's session asks from a new address
    // every 25 reveals, as if from many workstations (the session is the same).
    let revealClient = paris;
    let reveals = 0;
    const nextRevealClient = () => {
      if (reveals++ % 25 !== 0) return revealClient;
      const client = new TestClient(runtime.app, `198.51.100.${1 + Math.floor(reveals / 25) % 250}`);
      for (const [k, v] of paris.cookies) client.cookies.set(k, v);
      client.csrfToken = paris.csrfToken;
      revealClient = client;
      return client;
    };
    const detailIds = parisCaseIds.slice(0, 500);
    const calls: { label: string; run: (i: number) => Promise<{ statusCode: number; body: string }> }[] = [
      // The floor: what any logged-in call costs (session, CSRF, rate limit) before entraide does anything.
      { label: 'plancher : GET /api/session', run: () => paris.get('/api/session') },
      { label: 'liste Paris, 1re page', run: () => paris.get('/api/entraide/cases') },
      { label: 'liste Paris, statut en cours', run: () => paris.get('/api/entraide/cases?status=en_cours') },
      { label: 'liste Paris, statut clos, page 10', run: () => paris.get('/api/entraide/cases?status=clos&page=10') },
      { label: 'liste Paris, page 40', run: () => paris.get('/api/entraide/cases?page=40') },
      { label: 'liste Corse-du-Sud, 1re page', run: () => corsica.get('/api/entraide/cases') },
      { label: 'dossier Paris (journal ouvert)', run: (i) => paris.get(`/api/entraide/cases/${detailIds[i % detailIds.length]}`) },
      { label: 'révélation d’identité (audit écrit)', run: (i) => nextRevealClient().post(`/api/entraide/cases/${parisCaseIds[(i * 7919) % parisCaseIds.length]}/reveal`, { reason: 'Rappel du médecin pour un entretien.' }) },
    ];
    const times = calls.map(() => [] as number[]);
    for (let run = -WARM_UP; run < RUNS; run++) {
      for (const [i, call] of calls.entries()) {
        const t0 = performance.now();
        const res = await call.run(run + WARM_UP);
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${call.label} : ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (run >= 0) times[i]!.push(ms);
      }
    }
    console.log(`Entraide — ${CASES.toLocaleString('fr-FR')} dossiers, ${ON_PGLITE ? 'PGlite embarqué' : `serveur PostgreSQL (${DB_NAME})`}, ${RUNS} passages par appel (app.inject, session réelle, mandat vérifié)`);
    console.log(`${'appel'.padEnd(40)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}   p95/cible (${TARGET_MS} ms)`);
    for (const [i, call] of calls.entries()) {
      const sorted = [...times[i]!].sort((a, b) => a - b);
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(sorted, q));
      console.log(`${call.label.padEnd(40)}${p50!.toFixed(1).padStart(9)}${p95!.toFixed(1).padStart(9)}${p99!.toFixed(1).padStart(9)}   ${(p95! / TARGET_MS).toFixed(2)}`);
    }
  } finally {
    await runtime.close();
  }
} finally {
  await drop();
}
