/**
 * Latency measurements of the message analysis, shared by `tsx analysis/bench.ts` and
 * `npm run bench:analyze` (bench/analyze.ts): p50/p95/p99 over the corpus and the .eml fixtures
 * repeated, then the worst case on adversarial inputs of 100 kB. Measures and prints; asserts nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { analyze } from './analyze.js';
import type { Analysis, MessageInput } from './analysis.types.js';
import { loadCorpus } from './corpus/load-corpus.js';

const SIZE = 100_000;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function formatPercentiles(sorted: readonly number[]): string {
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  return `p50 ${ms(percentile(sorted, 50))} · p95 ${ms(percentile(sorted, 95))} · p99 ${ms(percentile(sorted, 99))} · max ${ms(sorted[sorted.length - 1] ?? 0)}`;
}

async function timed(input: MessageInput): Promise<{ ms: number; analysis: Analysis }> {
  const started = performance.now();
  const analysis = await analyze(input);
  return { ms: performance.now() - started, analysis };
}

function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

function mime(html: string): Uint8Array {
  const head = 'From: "ANDPC" <a@gmail.com>\r\nSubject: test\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n';
  return new TextEncoder().encode(head + html);
}

export interface LatencyReport {
  readonly messages: number;
  readonly emailFiles: number;
  readonly rounds: number;
  /** Every analysis time, in milliseconds, sorted. */
  readonly sortedMs: readonly number[];
}

/** The corpus and the .eml fixtures, analysed `rounds` times after one warm-up round. */
export async function measureLatency(rounds: number): Promise<LatencyReport> {
  const corpus = loadCorpus();
  const fixtures = readdirSync(new URL('./fixtures/', import.meta.url)).filter((name) => name.endsWith('.eml'));
  const inputs: MessageInput[] = [
    ...corpus.map((entry) => ({ kind: entry.kind, text: entry.text })),
    ...fixtures.map((name) => ({ kind: 'email' as const, raw: readFileSync(new URL(`./fixtures/${name}`, import.meta.url)) })),
  ];
  for (const input of inputs) await analyze(input); // warm-up: JIT, caches, compiled rules
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const input of inputs) times.push((await timed(input)).ms);
  }
  times.sort((a, b) => a - b);
  return { messages: inputs.length, emailFiles: fixtures.length, rounds, sortedMs: times };
}

export interface HostileTiming {
  readonly name: string;
  readonly ms: number;
  readonly verdict: string;
  readonly status: string;
}

/** Adversarial inputs of 100 kB, each analysed once. */
export async function measureHostile(): Promise<HostileTiming[]> {
  const adversarial: { name: string; input: MessageInput }[] = [
    { name: 'mots-clés répétés (radiation, certification, code…)', input: { kind: 'sms', text: fill('radiation certification périodique transmettez-moi le code droits DPC expirent ') } },
    { name: 'lettres espacées', input: { kind: 'sms', text: fill('r a d i a t i o n ') } },
    { name: 'caractères invisibles et cyrilliques', input: { kind: 'sms', text: fill('С\u200bЕ\u200dR\ufeffТ ') } },
    { name: 'chiffres et numéros', input: { kind: 'call', text: fill('0 8 9 9 1 2 3 4 5 6 ') } },
    { name: 'numéros de téléphone valides', input: { kind: 'sms', text: fill('08 99 12 34 56, ') } },
    { name: 'liens', input: { kind: 'email', text: fill('https://agencedpc-validation.fr/login?x=1 ') } },
    { name: 'un seul mot de 100 ko', input: { kind: 'sms', text: fill('a') } },
    { name: 'points (a.a.a…)', input: { kind: 'link', text: fill('a.') } },
    { name: 'arobases', input: { kind: 'email', text: fill('a@b.c@') } },
    { name: 'HTML : liens trompeurs en masse (.eml)', input: { kind: 'email', raw: mime(fill('<div><a href="https://x.fr/login">www.ameli.fr</a></div>')) } },
    { name: 'HTML : balises non fermées (.eml)', input: { kind: 'email', raw: mime(fill('<p><b><i>&eacute;&#233;<')) } },
    { name: 'texte aléatoire', input: { kind: 'email', text: Array.from({ length: SIZE }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95))).join('') } },
  ];
  const results: HostileTiming[] = [];
  for (const { name, input } of adversarial) {
    const { ms, analysis } = await timed(input);
    results.push({ name, ms, verdict: analysis.verdict, status: analysis.complete ? 'complète' : `partielle (${analysis.notices.join(' ')})` });
  }
  return results;
}

export function printLatency(report: LatencyReport, hostile: readonly HostileTiming[], log: (line?: string) => void): void {
  log(`Corpus (${report.messages} messages dont ${report.emailFiles} courriels .eml) × ${report.rounds} tours = ${report.sortedMs.length} analyses`);
  log(`  ${formatPercentiles(report.sortedMs)}`);
  log(`\nEntrées hostiles de ${SIZE / 1000} ko (budget de correspondance par défaut : 250 ms)`);
  for (const { name, ms, verdict, status } of hostile) log(`  ${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  ${verdict.padEnd(15)} ${status}`);
  const worst = hostile.reduce<HostileTiming | null>((a, b) => (a === null || b.ms > a.ms ? b : a), null);
  if (worst) log(`\nPire cas : ${worst.name}, ${worst.ms.toFixed(1)} ms`);
}
