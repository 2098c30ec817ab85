import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { SYSTEM_CONTEXT } from '../server/platform/audit/audit.js';
import type { Actor } from '../server/platform/authz/policy.js';
import { IMPORT_COLUMNS, importRegistryCsv, phoneToE164, searchDoctors, toSearchText } from '../server/modules/registry/index.js';
import { foldForSearch } from '../server/platform/text/fold.js';
import { createDoctorGenerator, createRppsExtract, type SyntheticDoctor } from './registry-generator.js';

// `npm run bench:registry`: loads BENCH_RECORDS synthetic doctors (300,000 by default) into a fresh
// embedded PGlite — or, with DATABASE_URL, into a scratch database created on that PostgreSQL server and
// dropped afterwards — then times the CSV import of BENCH_IMPORT_RECORDS more through the real service,
// and BENCH_QUERIES searches through the search service (names with and without accents, with a typo,
// first name + name, RPPS exact and by prefix, city; national and departmental accounts). Prints
// p50/p95/p99 per kind of query. Target: p95 under 50 ms. Last, imports a file of BENCH_RPPS_LINES
// lines (300,000 by default; 0 to skip) in the layout of the public RPPS extraction through the same
// service, as a national account, and prints lines/s. `npm run bench:registry -- --rpps` runs that
// import alone, into an empty register. A benchmark, not a test.
const RPPS_ONLY = process.argv.includes('--rpps');
const RECORDS = RPPS_ONLY ? 0 : Number(process.env.BENCH_RECORDS ?? 300_000);
const IMPORT_RECORDS = RPPS_ONLY ? 0 : Number(process.env.BENCH_IMPORT_RECORDS ?? 20_000);
const QUERIES = RPPS_ONLY ? 0 : Number(process.env.BENCH_QUERIES ?? 3_000);
const RPPS_LINES = Number(process.env.BENCH_RPPS_LINES ?? 300_000);
const TARGET_P95_MS = 50;

const COLUMNS = [
  'rpps', 'birth_name', 'usage_name', 'first_names', 'specialty', 'departement', 'status', 'pro_address', 'pro_postal_code', 'pro_city',
  'pro_email', 'pro_phone', 'corr_address', 'corr_postal_code', 'corr_city', 'corr_email', 'corr_phone', 'search_text',
] as const;

function rowOf(d: SyntheticDoctor): (string | null)[] {
  return [
    d.rpps, d.birthName, d.usageName, d.firstNames, d.specialty, d.departement, d.status, d.pro.address, d.pro.postalCode, d.pro.city,
    d.pro.email, d.pro.phone && phoneToE164(d.pro.phone), d.corr.address, d.corr.postalCode, d.corr.city, d.corr.email,
    d.corr.phone && phoneToE164(d.corr.phone), toSearchText({ usageName: d.usageName, birthName: d.birthName, firstNames: d.firstNames, proCity: d.pro.city }),
  ];
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, drop: () => database.close() };
  }
  // Never load 300,000 fake doctors into a real register: a scratch database on the same server.
  return openScratchPgDatabase(serverUrl, `vigie_bench_${process.pid}`);
}

/** Batched multi-row inserts: one statement per 5,000 records, each column passed as one array. */
async function load(database: Database, generate: (i: number) => SyntheticDoctor, count: number): Promise<void> {
  const sql = `INSERT INTO doctors (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})`;
  for (let start = 0; start < count; start += 5000) {
    const columns: (string | null)[][] = COLUMNS.map(() => []);
    for (let i = start; i < Math.min(count, start + 5000); i++) rowOf(generate(i)).forEach((v, c) => columns[c]!.push(v));
    await database.raw.query(sql, columns);
    if ((start / 5000) % 10 === 9) process.stdout.write(`  ${start + 5000} fiches…\r`);
  }
}

function toCsv(records: SyntheticDoctor[]): string {
  const frDate = (iso: string) => iso.split('-').reverse().join('/');
  const values = (d: SyntheticDoctor): Record<string, string> => ({
    rpps: d.rpps, birthName: d.birthName, usageName: d.usageName ?? '', firstNames: d.firstNames, specialty: d.specialty, departement: d.departement,
    status: d.status, registeredOn: frDate(d.registeredOn), proAddress: d.pro.address, proPostalCode: d.pro.postalCode, proCity: d.pro.city,
    proPhone: d.pro.phone ?? '', proEmail: d.pro.email ?? '', corrAddress: d.corr.address, corrPostalCode: d.corr.postalCode, corrCity: d.corr.city,
    corrPhone: d.corr.phone ?? '', corrEmail: d.corr.email ?? '',
  });
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = records.map((d) => {
    const v = values(d);
    return IMPORT_COLUMNS.map((c) => quote(v[c.field]!)).join(';');
  });
  return [IMPORT_COLUMNS.map((c) => c.header).join(';'), ...lines].join('\r\n');
}

/** One plausible typing mistake: a letter dropped, doubled, swapped with the next, or replaced. */
function withTypo(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  switch (Math.floor(rand() * 4)) {
    case 0: return word.slice(0, i) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word[i] + word.slice(i);
    case 2: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default: return word.slice(0, i) + 'aeioutnrs'[Math.floor(rand() * 9)] + word.slice(i + 1);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const { database, drop } = await openBenchDatabase();
try {
  console.log(`Registre : ${RECORDS} fiches synthétiques (${database.kind === 'pg' ? 'serveur PostgreSQL' : 'PGlite embarqué'})`);
  await migrate(database);
  const generate = createDoctorGenerator(2025);
  let t = performance.now();
  if (RECORDS > 0) {
    await load(database, generate, RECORDS);
    const loadMs = performance.now() - t;
    t = performance.now();
    // One statement per call: several in one string run as a transaction block, where VACUUM is refused.
    await database.raw.exec('VACUUM ANALYZE doctors');
    await database.raw.exec('VACUUM ANALYZE registry_search_words');
    console.log(`  chargement : ${(loadMs / 1000).toFixed(1)} s (${Math.round(RECORDS / (loadMs / 1000))} fiches/s), ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  // The import path proper: parse, check, insert with history and audit, through the service.
  if (IMPORT_RECORDS > 0) {
    const csv = toCsv(Array.from({ length: IMPORT_RECORDS }, (_, i) => generate(RECORDS + i)));
    const admin: Actor = { userId: randomUUID(), role: 'admin', departement: null };
    t = performance.now();
    const report = await importRegistryCsv({ database }, SYSTEM_CONTEXT, admin, { mode: 'all_or_nothing', fileName: 'bench.csv', contentBase64: Buffer.from(csv).toString('base64') });
    const ms = performance.now() - t;
    console.log(`  import CSV (service, tout ou rien) : ${report.inserted} lignes insérées, ${report.rejected} rejetées, ${(csv.length / 1e6).toFixed(1)} Mo en ${(ms / 1000).toFixed(1)} s (${Math.round(report.inserted / (ms / 1000))} lignes/s)`);
    for (const e of report.errors.slice(0, 3)) console.log(`    ${e.message}`);
    await database.raw.exec('ANALYZE doctors');
  }

  if (QUERIES > 0) {
    // Queries drawn from the records themselves, so common names are searched as often as they occur.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sample = () => generate(Math.floor(rand() * RECORDS));
    const surname = (d: SyntheticDoctor) => d.usageName ?? d.birthName;
    const kinds: [string, number, (d: SyntheticDoctor) => { q?: string; rpps?: string; city?: string }][] = [
      ['nom sans accents', 25, (d) => ({ q: foldForSearch(surname(d)) })],
      ['nom tel que saisi (accents)', 5, (d) => ({ q: surname(d) })],
      ['nom avec une faute de frappe', 15, (d) => ({ q: withTypo(foldForSearch(surname(d)).split(' ').sort((a, b) => b.length - a.length)[0]!, rand) })],
      ['prénom + nom', 15, (d) => ({ q: `${d.firstNames.split(/[ -]/)[0]} ${surname(d)}` })],
      ['RPPS exact', 15, (d) => ({ rpps: d.rpps })],
      ['RPPS début (4 à 8 chiffres)', 10, (d) => ({ rpps: d.rpps.slice(0, 4 + Math.floor(rand() * 5)) })],
      ['ville', 15, (d) => ({ city: rand() < 0.5 ? d.pro.city : foldForSearch(d.pro.city) })],
    ];
    const totalWeight = kinds.reduce((s, k) => s + k[1], 0);
    const pickKind = () => {
      let r = rand() * totalWeight;
      return kinds.find((k) => (r -= k[1]) < 0) ?? kinds[0]!;
    };
    const national: Actor = { userId: randomUUID(), role: 'agent', departement: null };
    const run = async () => {
      const d = sample();
      const [kind, , build] = pickKind();
      // Half the searches come from a departmental agent, looking in its own département.
      const actor = rand() < 0.5 ? national : { ...national, departement: d.departement };
      const start = performance.now();
      const page = await searchDoctors({ database }, actor, { ...build(d), page: 1 });
      return { kind, ms: performance.now() - start, found: page.total > 0, onFirstPage: page.items.some((i) => i.rpps === d.rpps) };
    };
    for (let i = 0; i < 200; i++) await run();
    const timings = new Map<string, number[]>();
    const hits = new Map<string, number>();
    let empty = 0;
    for (let i = 0; i < QUERIES; i++) {
      const { kind, ms, found, onFirstPage } = await run();
      timings.set(kind, [...(timings.get(kind) ?? []), ms]);
      if (onFirstPage) hits.set(kind, (hits.get(kind) ?? 0) + 1);
      if (!found) empty++;
    }

    const all = [...timings.values()].flat().sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    console.log(`\nRecherche — ${QUERIES} requêtes (service searchDoctors, 25 résultats et total plafonné à 1 000), ${empty} sans résultat`);
    // « fiche en 1re page »: the record the query was made from is among the 25 results shown (a common
    // name alone lists hundreds of namesakes in name order: then it is on a later page).
    console.log(`  ${'type'.padEnd(30)} ${'n'.padStart(5)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}  fiche en 1re page`);
    for (const [kind] of kinds) {
      const s = (timings.get(kind) ?? []).sort((a, b) => a - b);
      const hitRate = `${Math.round((100 * (hits.get(kind) ?? 0)) / Math.max(1, s.length))} %`;
      console.log(`  ${kind.padEnd(30)} ${String(s.length).padStart(5)} ${fmt(percentile(s, 50))} ${fmt(percentile(s, 95))} ${fmt(percentile(s, 99))} ${fmt(s.at(-1) ?? NaN)}  ${hitRate.padStart(6)}`);
    }
    console.log(`  ${'ensemble'.padEnd(30)} ${String(all.length).padStart(5)} ${fmt(percentile(all, 50))} ${fmt(percentile(all, 95))} ${fmt(percentile(all, 99))} ${fmt(all.at(-1) ?? NaN)}`);
    const p95 = percentile(all, 95);
    console.log(`\np95 global ${p95.toFixed(1)} ms : ${p95 < TARGET_P95_MS ? 'objectif atteint' : 'objectif MANQUÉ'} (< ${TARGET_P95_MS} ms)`);
  }

  // The public RPPS extraction: one line per activity, other professions among them, merged per doctor.
  if (RPPS_LINES > 0) {
    const { text, doctors } = createRppsExtract(generate, RECORDS + IMPORT_RECORDS, RPPS_LINES);
    const bytes = Buffer.from(text, 'utf8');
    const admin: Actor = { userId: randomUUID(), role: 'admin', departement: null };
    const contentBase64 = bytes.toString('base64');
    t = performance.now();
    const report = await importRegistryCsv({ database }, SYSTEM_CONTEXT, admin, { mode: 'all_or_nothing', fileName: 'PS_LibreAcces_Personne_activite_bench.txt', contentBase64 });
    const ms = performance.now() - t;
    const professions = report.skipped.professions.reduce((n, p) => n + p.lines, 0);
    console.log(`\nImport de l’extraction RPPS (service, tout ou rien, compte national) : ${report.lines} lignes, ${(bytes.length / 1e6).toFixed(1)} Mo, ${doctors} médecins générés`);
    console.log(`  ${report.inserted} fiches insérées (${report.merged} lignes fusionnées, ${professions} lignes d’autres professions écartées), ${report.rejected} rejetées`);
    for (const e of report.errors.slice(0, 3)) console.log(`    ${e.message}`);
    console.log(`  ${(ms / 1000).toFixed(1)} s : ${Math.round(report.lines / (ms / 1000))} lignes/s (${Math.round(report.inserted / (ms / 1000))} fiches/s)`);
  }
} finally {
  await drop();
}
