/**
 * Latency benchmark of the message analysis (`tsx analysis/bench.ts [rounds]`): p50/p95/p99 over the
 * corpus repeated, then the worst case on adversarial inputs of 100 kB. Prints figures; asserts nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { analyze } from './analyze.js';
import type { Analysis, MessageInput } from './analysis.types.js';
import { loadCorpus } from './corpus/load-corpus.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const SIZE = 100_000;
const rounds = Number(process.argv[2] ?? 20);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
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
log(`Corpus (${inputs.length} messages dont ${fixtures.length} courriels .eml) × ${rounds} tours = ${times.length} analyses`);
log(`  p50 ${percentile(times, 50).toFixed(2)} ms · p95 ${percentile(times, 95).toFixed(2)} ms · p99 ${percentile(times, 99).toFixed(2)} ms · max ${(times[times.length - 1] ?? 0).toFixed(2)} ms`);

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
log(`\nEntrées hostiles de ${SIZE / 1000} ko (budget de correspondance par défaut : 250 ms)`);
let worst = { name: '', ms: 0 };
for (const { name, input } of adversarial) {
  const { ms, analysis } = await timed(input);
  if (ms > worst.ms) worst = { name, ms };
  const status = analysis.complete ? 'complète' : `partielle (${analysis.notices.join(' ')})`;
  log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms  ${analysis.verdict.padEnd(15)} ${status}`);
}
log(`\nPire cas : ${worst.name}, ${worst.ms.toFixed(1)} ms`);
