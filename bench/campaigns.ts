import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { extractTextIndicators } from '../analysis/analyze.js';
import { seededRandom } from '../analysis/testing/seeded-random.js';
import { MESSAGE_KIND_OF_CHANNEL } from '../contracts/report-vocabulary.js';
import { groupPendingReports, DEFAULT_BATCH_SIZE } from '../server/modules/campaigns/index.js';
import { foldForSearch } from '../server/platform/text/fold.js';

// `npm run bench:campaigns`: for each N in BENCH_SIZES (10,000, 30,000 and 100,000 by default), files N
// synthetic reports into a fresh PGlite in a temporary directory (or, with DATABASE_URL, a scratch database
// created on that PostgreSQL server and dropped afterwards) — about N/50 campaigns sharing numbers, sites,
// sender addresses, organisation names and near-identical SMS texts with small variations, plus noise
// reports and common values (gmail.com, bit.ly, ameli.fr, the Ordre's switchboard) — then groups them all
// through the production path (groupPendingReports, the worker's batched drain) and prints the time,
// the rate, the campaigns found, and their purity and recall against the synthetic truth. Target:
// 100,000 reports in under 60 s. A benchmark, not a test: it asserts nothing.
//
// Reports are filed as the reports module files them (fields, copy of the exchanges, the engine's
// stored analysis, the back-office search text — indexed in its own table, migration 0011).
// BENCH_BATCH sets the batch size, BENCH_KEEP=1 keeps the database directory, BENCH_COUNTS=1 prints
// row counts.

const SIZES = (process.env.BENCH_SIZES ?? '10000,30000,100000').split(',').map(Number);
const BATCH = Number(process.env.BENCH_BATCH ?? DEFAULT_BATCH_SIZE);
const LINK_LIMIT = Number(process.env.CAMPAIGN_LINK_LIMIT ?? 50);
const TARGET_SECONDS = 60;

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

function generate(n: number, seed: number): SyntheticReport[] {
  // A fixed seed: every run files the same reports.
  const random = seededRandom(seed);
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
  // Campaign sizes are skewed: a few large waves, many small ones; about 20 % of reports are noise.
  const weights = campaigns.map(() => Math.pow(random(), 2) + 0.05);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w / totalWeight), 0);
  const start = Date.now() - 200 * 86_400_000;
  const reports: SyntheticReport[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(start + Math.floor((i / n) * 200 * 86_400_000));
    const departement = pick(random, DEPARTEMENTS);
    if (random() < 0.2) {
      reports.push(noise(random, createdAt, departement));
      continue;
    }
    const r = random();
    let c = cumulative.findIndex((x) => x >= r);
    if (c < 0) c = campaigns.length - 1;
    reports.push(fromCampaign(random, campaigns[c]!, c, createdAt, departement));
  }
  return reports;
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

async function file(database: Database, reports: readonly SyntheticReport[]): Promise<string[]> {
  const ids: string[] = [];
  // Links travel as array literals (unnest cannot take a ragged array) and are cast row by row.
  const sql = `INSERT INTO reports (id, ${COLUMNS.join(', ')})
    SELECT id, ${COLUMNS.map((c) => (c === 'links' ? 'links::text[]' : c === 'analysis' ? 'analysis::jsonb' : c)).join(', ')}
    FROM unnest($1::uuid[], ${COLUMNS.map((c, i) => `$${i + 2}::${c === 'created_at' ? 'timestamptz[]' : 'text[]'}`).join(', ')}) AS u(id, ${COLUMNS.join(', ')})`;
  for (let start = 0; start < reports.length; start += 5000) {
    const chunk = reports.slice(start, start + 5000);
    const chunkIds = chunk.map(() => randomUUID());
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
  }
  return ids;
}

/** Purity: share of grouped reports in the majority true campaign of their found campaign. Recall: share of a true campaign's reports in its largest found campaign. */
function score(truth: Map<string, number>, found: Map<string, string | null>) {
  const byFound = new Map<string, number[]>();
  for (const [id, c] of found) if (c) byFound.set(c, [...(byFound.get(c) ?? []), truth.get(id)!]);
  let pure = 0;
  let grouped = 0;
  for (const members of byFound.values()) {
    const counts = new Map<number, number>();
    for (const t of members) counts.set(t, (counts.get(t) ?? 0) + 1);
    // Noise reports are their own truth: each counts as a different campaign.
    const best = Math.max(...[...counts].map(([t, n]) => (t === -1 ? 1 : n)));
    pure += best;
    grouped += members.length;
  }
  const byTruth = new Map<number, (string | null)[]>();
  for (const [id, t] of truth) if (t >= 0) byTruth.set(t, [...(byTruth.get(t) ?? []), found.get(id) ?? null]);
  let recalled = 0;
  let inCampaigns = 0;
  for (const members of byTruth.values()) {
    if (members.length < 2) continue;
    const counts = new Map<string, number>();
    for (const f of members) if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
    recalled += Math.max(0, ...counts.values());
    inCampaigns += members.length;
  }
  return { purity: grouped ? pure / grouped : 1, recall: inCampaigns ? recalled / inCampaigns : 1, trueCampaigns: [...byTruth.values()].filter((m) => m.length >= 2).length };
}

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
  const reports = generate(n, n);
  const fileStart = performance.now();
  const ids = await file(database, reports);
  const fileSeconds = (performance.now() - fileStart) / 1000;
  const deps = { config: { campaignLinkLimit: LINK_LIMIT, indicatorExpiryDays: 180 }, database, jobs: { enqueue: async () => undefined } };
  const start = performance.now();
  const outcome = await groupPendingReports(deps, { batchSize: BATCH });
  const seconds = (performance.now() - start) / 1000;
  const rows = (await database.raw.query<{ id: string; campaign_id: string | null }>('SELECT id, campaign_id FROM reports')).rows;
  const found = new Map(rows.map((r) => [r.id, r.campaign_id]));
  const truth = new Map(ids.map((id, i) => [id, reports[i]!.truth]));
  const quality = score(truth, found);
  const live = (await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM campaigns WHERE merged_into IS NULL')).rows[0]!.n;
  const held = (await database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicators WHERE status = 'en_attente'`)).rows[0]!.n;
  if (process.env.BENCH_COUNTS) {
    const counts = await database.raw.query(`SELECT (SELECT count(*) FROM text_band_buckets) AS buckets, (SELECT count(*) FROM report_indicators) AS report_indicators,
      (SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM campaign_indicators) AS campaign_indicators`);
    console.log(counts.rows[0]);
  }
  await drop();
  return { n, fileSeconds, seconds, grouped: outcome.grouped, live, merged: outcome.campaignsMerged, held, ...quality };
}

console.log(`bench:campaigns — batches of ${BATCH}, link limit ${LINK_LIMIT}, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite in a temporary directory'}, ${SIZES.join(' / ')} reports`);
const results: Awaited<ReturnType<typeof run>>[] = [];
for (const n of SIZES) {
  const r = await run(n);
  results.push(r);
  console.log(
    `N=${r.n.toLocaleString('en')}: grouped ${r.grouped.toLocaleString('en')} in ${r.seconds.toFixed(1)} s (${Math.round(r.grouped / r.seconds).toLocaleString('en')} reports/s; filing took ${r.fileSeconds.toFixed(1)} s) — ` +
      `${r.live} campaigns found for ${r.trueCampaigns} true ones (${r.merged} automatic merges, ${r.held} indicators held), purity ${(r.purity * 100).toFixed(1)} %, recall ${(r.recall * 100).toFixed(1)} %`,
  );
}
const first = results[0]!;
for (const r of results.slice(1)) {
  console.log(`  ${first.n.toLocaleString('en')} → ${r.n.toLocaleString('en')}: size ×${(r.n / first.n).toFixed(1)}, time ×${(r.seconds / first.seconds).toFixed(1)}`);
}
const largest = results.at(-1)!;
console.log(`Target: ${largest.n.toLocaleString('en')} reports in under ${TARGET_SECONDS} s — ${largest.seconds < TARGET_SECONDS ? 'met' : 'missed'} (${largest.seconds.toFixed(1)} s).`);
