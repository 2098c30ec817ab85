import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { extractTextIndicators } from '../analysis/analyze.js';
import { seededRandom } from '../analysis/testing/seeded-random.js';
import { MESSAGE_KIND_OF_CHANNEL } from '../contracts/report-vocabulary.js';
import { backfillReportIndicators, groupPendingReports, DEFAULT_BATCH_SIZE } from '../server/modules/campaigns/index.js';
import { foldForSearch } from '../server/platform/text/fold.js';
import { startJobQueue } from '../server/platform/jobs/job-queue.js';
import pino from 'pino';

// `npm run bench:campaigns -- [N …]`: for each N (default 10,000 / 30,000 / 100,000 / 300,000 / 1,000,000;
// BENCH_SIZES=a,b also works), files N synthetic reports into a fresh PGlite in a temporary directory (or,
// with DATABASE_URL, a scratch database created on that PostgreSQL server and dropped afterwards) — about
// N/50 campaigns sharing numbers, sites, sender addresses, organisation names and near-identical SMS texts
// with small variations, plus noise reports and common values (gmail.com, bit.ly, ameli.fr, the Ordre's
// switchboard) — then groups them all through the production path (groupPendingReports, the worker's
// batched drain) and prints the time, the rate, the campaigns found, their purity and recall against the
// synthetic truth, the peak memory while grouping, and the growth per ×10 reports. Targets: 100,000
// reports in under 60 s, 1,000,000 in under 300 s, time ×11 at most per ×10. A benchmark: it asserts nothing.
//
// Reports are filed by bulk insert as the reports module files them (fields, copy of the exchanges, the
// engine's stored analysis, the back-office search text — indexed in its own table, migration 0011).
// BENCH_BATCH sets the batch size, BENCH_KEEP=1 keeps the database directory, BENCH_COUNTS=1 prints
// row counts, BENCH_CPU_PROF=<dir> writes a CPU profile of each grouping, BENCH_BACKFILL=1 then reads every
// report's indicators again (indicator-backfill.service.ts) twice: the first run, and the idempotent second.

const DEFAULT_SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000];
const argumentSizes = process.argv.slice(2).map(Number);
if (argumentSizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`tailles invalides : ${process.argv.slice(2).join(' ')}`);
const SIZES = argumentSizes.length > 0 ? argumentSizes : (process.env.BENCH_SIZES?.split(',').map(Number) ?? DEFAULT_SIZES);
const BATCH = Number(process.env.BENCH_BATCH ?? DEFAULT_BATCH_SIZE);
const LINK_LIMIT = Number(process.env.CAMPAIGN_LINK_LIMIT ?? 50);
/** Seconds allowed per size, and the growth allowed per ×10 reports. */
const TARGETS = new Map([[100_000, 60], [1_000_000, 300]]);
const MAX_RATIO_PER_TENFOLD = 11;

const VOCABULARY = (
  'votre dossier certification periodique incomplet radiation procedure regularisation delai urgent service conformite ' +
  'medecin docteur cabinet formation droits financement agence compte activer cliquer lien lettre recommandee cotisation ' +
  'ordre annuel paiement retard penalite majoration facture annuaire professionnel inscription renouvellement carte vitale ' +
  'assurance remboursement attente colis livraison adresse confirmer frais douane amende infraction stationnement ' +
  'conseiller bancaire opposition fraude virement securite code confidentiel identifiant mot passe verification ' +
  'mise jour obligatoire avant suspension acces espace personnel sante patient teleconsultation logiciel licence ' +
  'abonnement expire renouveler offre exclusive partenaire officiel national regional direction controle inspection ' +
  'audit sanction juridique avocat tribunal convocation rendez vous rappel appel numero joindre contacter repondre ' +
  'sous quarante huit heures immediatement sans faute demain aujourd hui semaine mois prochain dernier avis final'
).split(' ');
const FIRST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];
const FAMILIES = ['certification_periodique', 'formation_droits', 'cotisation_ordre', 'annuaire', 'assurance_maladie', 'conseiller_bancaire', 'colis', 'amende'];
const DEPARTEMENTS = ['75', '69', '13', '33', '31', '59', '67', '44', '06', '34', '35', '38', '2A', '971'];
const TLDS = ['fr', 'com', 'info', 'net', 'online'];
const ORG_WORDS = ['Direction', 'Service', 'Centre', 'Agence', 'Office', 'Bureau', 'Cellule', 'Institut'];
const ORG_TOPICS = ['conformité médicale', 'certification des praticiens', 'formation continue', 'annuaire santé', 'contrôle des cotisations', 'validation professionnelle'];

interface SyntheticCampaign {
  phones: string[];
  domain: string;
  sender: string;
  organisation: string;
  template: string[];
  family: string;
}

interface SyntheticReport {
  truth: number; // campaign index, or -1 for noise
  channel: 'telephone' | 'sms' | 'courriel';
  callerNumber: string;
  sender: string;
  links: string[];
  organisationName: string;
  pastedText: string;
  description: string;
  departement: string;
  scamFamily: string | null;
  createdAt: Date;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function phoneNumber(random: () => number, prefix: string): string {
  let digits = prefix;
  while (digits.length < 10) digits += String(Math.floor(random() * 10));
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

function words(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => pick(random, VOCABULARY));
}

/** The synthetic campaigns and the cumulative weights that draw a report's campaign (skewed sizes). */
function syntheticCampaigns(random: () => number, n: number): { campaigns: SyntheticCampaign[]; cumulative: number[] } {
  const campaignCount = Math.max(1, Math.round(n / 50));
  const campaigns: SyntheticCampaign[] = Array.from({ length: campaignCount }, (_, c) => {
    const name = `${pick(random, ['dossier', 'certif', 'droits', 'espace', 'portail', 'suivi'])}-${pick(random, ['medecins', 'praticien', 'sante', 'pro', 'dpc'])}-${c.toString(36)}`;
    const domain = `${name}.${pick(random, TLDS)}`;
    return {
      phones: [phoneNumber(random, pick(random, ['09', '01', '07', '06'])), phoneNumber(random, '09')],
      domain,
      sender: random() < 0.5 ? `contact@${domain}` : `${name.replace(/-/g, '.')}@gmail.com`,
      organisation: `${pick(random, ORG_WORDS)} ${c % 7 === 0 ? 'nationale' : 'régionale'} de ${pick(random, ORG_TOPICS)} ${c.toString(36).toUpperCase()}`,
      template: words(random, 22 + Math.floor(random() * 14)),
      family: pick(random, FAMILIES),
    };
  });
  // Campaign sizes are skewed: a few large waves, many small ones.
  const weights = campaigns.map(() => Math.pow(random(), 2) + 0.05);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w / totalWeight), 0);
  return { campaigns, cumulative };
}

/** Index of the first cumulative weight ≥ r (binary search: a linear one is quadratic at a million reports). */
function drawCampaign(cumulative: readonly number[], r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! >= r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The N synthetic reports, in filing order, generated as they are filed (a million report objects at
 * once would weigh more than the grouping); about 20 % are noise.
 */
function* generate(n: number, seed: number): Generator<SyntheticReport> {
  // A fixed seed: every run files the same reports.
  const random = seededRandom(seed);
  const { campaigns, cumulative } = syntheticCampaigns(random, n);
  const start = Date.now() - 200 * 86_400_000;
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(start + Math.floor((i / n) * 200 * 86_400_000));
    const departement = pick(random, DEPARTEMENTS);
    if (random() < 0.2) {
      yield noise(random, createdAt, departement);
      continue;
    }
    const c = drawCampaign(cumulative, random());
    yield fromCampaign(random, campaigns[c]!, c, createdAt, departement);
  }
}

function variant(random: () => number, template: readonly string[]): string {
  const text = [...template];
  const changes = Math.floor(random() * 3);
  for (let k = 0; k < changes; k++) text[1 + Math.floor(random() * (text.length - 1))] = pick(random, VOCABULARY);
  return `Dr ${pick(random, FIRST_NAMES)}, ${text.join(' ')}`;
}

function fromCampaign(random: () => number, c: SyntheticCampaign, truth: number, createdAt: Date, departement: string): SyntheticReport {
  const channelDraw = random();
  const phone = random() < 0.8 ? c.phones[0]! : c.phones[1]!;
  const base = { truth, callerNumber: '', sender: '', links: [] as string[], organisationName: '', pastedText: '', description: '', departement, scamFamily: c.family, createdAt };
  if (channelDraw < 0.55) {
    const link = `https://${c.domain}/${Math.floor(random() * 1e9).toString(36)}`;
    const text = `${variant(random, c.template)}${random() < 0.6 ? ` ${link}` : ''}${random() < 0.4 ? ` ou appelez le ${phone}` : ''}`;
    return { ...base, channel: 'sms', pastedText: text, sender: random() < 0.3 ? phone : '', description: 'SMS reçu sur mon portable professionnel.' };
  }
  if (channelDraw < 0.85) {
    return {
      ...base,
      channel: 'telephone',
      callerNumber: phone,
      organisationName: random() < 0.6 ? c.organisation : '',
      description: `Appel d'une personne se présentant comme ${random() < 0.5 ? 'un conseiller' : 'une assistante'} ; ${words(random, 12).join(' ')}.`,
    };
  }
  return {
    ...base,
    channel: 'courriel',
    sender: c.sender,
    links: random() < 0.5 ? [`https://${c.domain}/connexion`] : [],
    pastedText: variant(random, c.template),
    description: 'Courriel reçu sur ma messagerie du cabinet.',
  };
}

function noise(random: () => number, createdAt: Date, departement: string): SyntheticReport {
  const base = { truth: -1, callerNumber: '', sender: '', links: [] as string[], organisationName: '', pastedText: '', description: '', departement, scamFamily: pick(random, [...FAMILIES, null]), createdAt };
  const common = random();
  const extras =
    common < 0.25 ? { sender: `${pick(random, FIRST_NAMES).toLowerCase()}.${Math.floor(random() * 1e6)}@gmail.com` }
    : common < 0.4 ? { links: [`https://bit.ly/${Math.floor(random() * 1e9).toString(36)}`] }
    : common < 0.5 ? { links: ['https://www.ameli.fr/medecin'] }
    : common < 0.55 ? { callerNumber: '01 53 89 32 00' }
    : { callerNumber: phoneNumber(random, pick(random, ['06', '07', '01', '09'])) };
  return { ...base, channel: pick(random, ['sms', 'telephone', 'courriel'] as const), pastedText: random() < 0.7 ? words(random, 15 + Math.floor(random() * 25)).join(' ') : '', ...extras };
}

const COLUMNS = ['receipt_number', 'source', 'status', 'channel', 'caller_number', 'sender', 'links', 'organisation_name', 'pasted_text', 'description', 'departement', 'reporter_email', 'scam_family', 'created_at', 'analysis', 'search_text'] as const;

/**
 * What the reports module stores with each report: the engine's reading of the copy, the description,
 * the number, the sender and the links together (here only its indicators, all the grouping reads).
 */
function analysisOf(r: SyntheticReport): string {
  const text = [r.pastedText, r.description, r.callerNumber && `Numéro : ${r.callerNumber}`, r.sender && `Expéditeur : ${r.sender}`, r.links.length > 0 ? `Liens : ${r.links.join(' ')}` : '']
    .filter((p) => p !== '')
    .join('\n\n');
  return JSON.stringify({ indicators: extractTextIndicators({ kind: MESSAGE_KIND_OF_CHANNEL[r.channel], text }) });
}

/** The reports filed: their ids and synthetic truth (campaign index, -1 for noise), in filing order. */
interface Filed {
  ids: string[];
  truth: Int32Array;
}

const FILING_CHUNK = 5000;

/**
 * Files the reports by bulk insert, 5,000 rows a statement: the same report rows the reports module
 * writes (fields, stored analysis, search text — its trigger fills report_search_texts), pending grouping.
 */
async function file(database: Database, n: number, reports: Iterable<SyntheticReport>): Promise<Filed> {
  const ids: string[] = [];
  const truth = new Int32Array(n);
  // Links travel as array literals (unnest cannot take a ragged array) and are cast row by row.
  const sql = `INSERT INTO reports (id, ${COLUMNS.join(', ')})
    SELECT id, ${COLUMNS.map((c) => (c === 'links' ? 'links::text[]' : c === 'analysis' ? 'analysis::jsonb' : c)).join(', ')}
    FROM unnest($1::uuid[], ${COLUMNS.map((c, i) => `$${i + 2}::${c === 'created_at' ? 'timestamptz[]' : 'text[]'}`).join(', ')}) AS u(id, ${COLUMNS.join(', ')})`;
  let chunk: SyntheticReport[] = [];
  const flush = async () => {
    const start = ids.length;
    const chunkIds = chunk.map(() => randomUUID());
    chunk.forEach((r, i) => (truth[start + i] = r.truth));
    ids.push(...chunkIds);
    await database.raw.query(sql, [
      chunkIds,
      chunk.map((_, i) => `SIG-2026-${(start + i).toString(36).toUpperCase().padStart(8, '0')}`),
      chunk.map(() => 'formulaire'),
      chunk.map(() => 'nouveau'),
      chunk.map((r) => r.channel),
      chunk.map((r) => r.callerNumber),
      chunk.map((r) => r.sender),
      chunk.map((r) => `{${r.links.map((l) => `"${l}"`).join(',')}}`),
      chunk.map((r) => r.organisationName),
      chunk.map((r) => r.pastedText),
      chunk.map((r) => r.description),
      chunk.map((r) => r.departement),
      chunk.map((_, i) => `declarant.${start + i}@exemple.fr`),
      chunk.map((r) => r.scamFamily),
      chunk.map((r) => r.createdAt.toISOString()),
      chunk.map(analysisOf),
      chunk.map((r) => foldForSearch([r.organisationName, r.callerNumber, r.sender, ...r.links, r.description, r.pastedText].join(' '))),
    ]);
    chunk = [];
  };
  for (const report of reports) {
    chunk.push(report);
    if (chunk.length === FILING_CHUNK) await flush();
    if (n >= 100_000 && ids.length % (n / 10) === 0 && chunk.length === 0) console.log(`  … ${ids.length.toLocaleString('en')} filed`);
  }
  if (chunk.length > 0) await flush();
  return { ids, truth };
}

/** Purity: share of grouped reports in the majority true campaign of their found campaign. Recall: share of a true campaign's reports in its largest found campaign. */
function score(truth: Int32Array, found: readonly (string | null)[]) {
  const byFound = new Map<string, Map<number, number>>();
  for (let i = 0; i < found.length; i++) {
    const c = found[i];
    if (!c) continue;
    const counts = byFound.get(c) ?? new Map<number, number>();
    byFound.set(c, counts);
    counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
  }
  let pure = 0;
  let grouped = 0;
  for (const counts of byFound.values()) {
    // Noise reports are their own truth: each counts as a different campaign.
    let best = 0;
    for (const [t, k] of counts) {
      best = Math.max(best, t === -1 ? 1 : k);
      grouped += k;
    }
    pure += best;
  }
  const byTruth = new Map<number, Map<string | null, number>>();
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t < 0) continue;
    const counts = byTruth.get(t) ?? new Map<string | null, number>();
    byTruth.set(t, counts);
    counts.set(found[i] ?? null, (counts.get(found[i] ?? null) ?? 0) + 1);
  }
  let recalled = 0;
  let inCampaigns = 0;
  let trueCampaigns = 0;
  for (const counts of byTruth.values()) {
    const size = [...counts.values()].reduce((a, b) => a + b, 0);
    if (size < 2) continue;
    trueCampaigns += 1;
    recalled += Math.max(0, ...[...counts].filter(([f]) => f !== null).map(([, k]) => k));
    inCampaigns += size;
  }
  return { purity: grouped ? pure / grouped : 1, recall: inCampaigns ? recalled / inCampaigns : 1, trueCampaigns };
}

/**
 * Runs a bulk load without the back-office trigram index, then builds it again exactly as the migration
 * defined it: the rows are the same, and building a GIN index once costs a fraction of updating it
 * row by row (4 ms a report on PGlite: 70 minutes for a million).
 */
async function withoutSearchIndex<T>(database: Database, load: () => Promise<T>): Promise<T> {
  const indexes = (await database.raw.query<{ indexdef: string; indexname: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'report_search_texts' AND indexdef LIKE '%USING gin%'`,
  )).rows;
  for (const index of indexes) await database.raw.query(`DROP INDEX ${index.indexname}`);
  const value = await load();
  for (const index of indexes) await database.raw.query(index.indexdef);
  return value;
}

/** With BENCH_CPU_PROF=<directory>, a CPU profile of `work` alone (the grouping, not the filing). */
async function profiling<T>(name: string, work: () => Promise<T>): Promise<T> {
  const directory = process.env.BENCH_CPU_PROF;
  if (!directory) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Peak RSS and heapUsed while `work` runs, sampled every 200 ms (and at its end). */
async function measuringMemory<T>(work: () => Promise<T>): Promise<{ value: T; peakRss: number; peakHeap: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 200);
  try {
    const value = await work();
    sample();
    return { value, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

/** A progress line every tenth of the reports (a million reports take minutes). */
function progress(n: number, start: number): (total: { grouped: number }) => void {
  let next = n / 10;
  return (total) => {
    if (total.grouped < next || n < 100_000) return;
    next += n / 10;
    console.log(`  … ${total.grouped.toLocaleString('en')} grouped in ${((performance.now() - start) / 1000).toFixed(1)} s, RSS ${MB(process.memoryUsage().rss)}`);
  };
}

const MB = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MB`;

/** A fresh PGlite on disk (as Vigie runs it), or with DATABASE_URL a scratch database on that server. */
async function openBenchDatabase(n: number): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // On disk: in memory, PGlite's file emulation copies growing files over and over.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-bench-campaigns-'));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    return {
      database,
      async drop() {
        await database.close();
        if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
        else rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return openScratchPgDatabase(serverUrl, `vigie_bench_campaigns_${process.pid}_${n}`);
}

async function run(n: number) {
  const { database, drop } = await openBenchDatabase(n);
  await migrate(database);
  const fileStart = performance.now();
  const { ids, truth } = await withoutSearchIndex(database, () => file(database, n, generate(n, n)));
  const fileSeconds = (performance.now() - fileStart) / 1000;
  // The real job queue: each batch queues its reports' watchlist matches, as the worker does.
  const jobs = await startJobQueue(database, pino({ level: 'warn' }));
  const deps = { config: { campaignLinkLimit: LINK_LIMIT, indicatorExpiryDays: 180 }, database, jobs };
  global.gc?.();
  const start = performance.now();
  const { value: outcome, peakRss, peakHeap } = await profiling(`grouping-${n}`, () => measuringMemory(() => groupPendingReports(deps, { batchSize: BATCH, onBatch: progress(n, start) })));
  const seconds = (performance.now() - start) / 1000;
  const campaignOf = new Map<string, string | null>();
  for (let last = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = (await database.raw.query<{ id: string; campaign_id: string | null }>('SELECT id, campaign_id FROM reports WHERE id > $1 ORDER BY id LIMIT 200000', [last])).rows;
    for (const r of rows) campaignOf.set(r.id, r.campaign_id);
    if (rows.length < 200_000) break;
    last = rows.at(-1)!.id;
  }
  const quality = score(truth, ids.map((id) => campaignOf.get(id) ?? null));
  const live = (await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM campaigns WHERE merged_into IS NULL')).rows[0]!.n;
  const held = (await database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicators WHERE status = 'en_attente'`)).rows[0]!.n;
  if (process.env.BENCH_BACKFILL) {
    for (const pass of ['first', 'second']) {
      const backfillStart = performance.now();
      const counts = await backfillReportIndicators(deps);
      const backfillSeconds = (performance.now() - backfillStart) / 1000;
      console.log(`  backfill (${pass} run): ${counts.reportsRead.toLocaleString('en')} reports read in ${backfillSeconds.toFixed(1)} s (${Math.round(counts.reportsRead / backfillSeconds).toLocaleString('en')} reports/s), ${counts.reportsChanged} changed, +${counts.rowsAdded} −${counts.rowsRemoved} rows, ${counts.valuesWithdrawn} withdrawn; load average ${loadavg()[0]!.toFixed(2)}`);
    }
  }
  if (process.env.BENCH_COUNTS) {
    const counts = await database.raw.query(`SELECT (SELECT count(*) FROM text_band_buckets) AS buckets, (SELECT count(*) FROM report_indicators) AS report_indicators,
      (SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM campaign_indicators) AS campaign_indicators`);
    console.log(counts.rows[0]);
  }
  const queued = (await database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'watchlists.match-report'`)).rows[0]!.n;
  console.log(`  ${queued.toLocaleString('en')} watchlist matches queued`);
  await jobs.stop();
  await drop();
  return { n, fileSeconds, seconds, peakRss, peakHeap, grouped: outcome.grouped, live, merged: outcome.campaignsMerged, held, ...quality };
}

console.log(
  `bench:campaigns — batches of ${BATCH}, link limit ${LINK_LIMIT}, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite in a temporary directory'}, ` +
    `${SIZES.map((n) => n.toLocaleString('en')).join(' / ')} reports; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);
const results: Awaited<ReturnType<typeof run>>[] = [];
for (const n of SIZES) {
  const r = await run(n);
  results.push(r);
  console.log(
    `N=${r.n.toLocaleString('en')}: grouped ${r.grouped.toLocaleString('en')} in ${r.seconds.toFixed(1)} s (${Math.round(r.grouped / r.seconds).toLocaleString('en')} reports/s; bulk filing took ${r.fileSeconds.toFixed(1)} s) — ` +
      `${r.live} campaigns found for ${r.trueCampaigns} true ones (${r.merged} automatic merges, ${r.held} indicators held), purity ${(r.purity * 100).toFixed(1)} %, recall ${(r.recall * 100).toFixed(1)} % — ` +
      `peak RSS ${MB(r.peakRss)}, peak heapUsed ${MB(r.peakHeap)} while grouping; load average ${loadavg()[0]!.toFixed(2)}`,
  );
}
// Growth per ×10 reports: time(10 N) / time(N) for each pair in the run (linear = ×10).
for (const r of results) {
  const tenth = results.find((s) => s.n * 10 === r.n);
  if (tenth) console.log(`  ${tenth.n.toLocaleString('en')} → ${r.n.toLocaleString('en')}: size ×10, time ×${(r.seconds / tenth.seconds).toFixed(1)} (target ≤ ${MAX_RATIO_PER_TENFOLD})`);
}
const first = results[0]!;
for (const r of results.slice(1)) {
  console.log(`  ${first.n.toLocaleString('en')} → ${r.n.toLocaleString('en')}: size ×${(r.n / first.n).toFixed(1)}, time ×${(r.seconds / first.seconds).toFixed(1)}`);
}
for (const [n, target] of TARGETS) {
  const r = results.find((s) => s.n === n);
  if (r) console.log(`Target: ${n.toLocaleString('en')} reports in under ${target} s — ${r.seconds < target ? 'met' : 'missed'} (${r.seconds.toFixed(1)} s).`);
}
