import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT } from './help-text.js';
import { main } from './vigie.js';

const VIGIE = new URL('./vigie.mjs', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command (cli/vigie.mjs, compiled JavaScript, real worker threads) as a user would. */
async function runVigie(args: string[], stdin?: Iterable<string>): Promise<Run> {
  const child = spawn(process.execPath, [VIGIE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (stdin) Readable.from(stdin).pipe(child.stdin);
  else child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // The first run after a source change compiles dist/ and says so on stderr.
  return { code, stdout, stderr: stderr.replace(/^Compilation de Vigie.*\n/, '') };
}

/** In-process run of main() with a given batch worker. */
async function runMain(argv: string[], stdinText: string, batchWorker?: URL): Promise<Run> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(stdinText);
  const code = await main(argv, { stdin, stdout, stderr }, batchWorker ? { batchWorker } : {});
  return { code, stdout: out, stderr: err };
}

const corpusLines = (): string[] => readFileSync(new URL('../analysis/corpus/messages.jsonl', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');

/** Every kind of line a batch can hold: corpus messages (all kinds), emails, bad JSON, a bad field, blank lines, limits. */
function mixedInput(): string {
  const fixtures = new URL('../analysis/fixtures/', import.meta.url);
  const emails = readdirSync(fixtures).map((name) => JSON.stringify({ id: name, kind: 'email', text: readFileSync(new URL(name, fixtures), 'utf8') }));
  const lines: string[] = [];
  corpusLines().forEach((line, i) => {
    lines.push(line);
    if (i % 40 === 0) lines.push(...emails);
    if (i % 17 === 0) lines.push('pas du json');
    if (i % 23 === 0) lines.push(JSON.stringify({ id: `fax-${i}`, kind: 'fax', text: 'x' }), '');
  });
  lines.push(
    JSON.stringify({ id: 'sms-long', kind: 'sms', text: 'a'.repeat(200_001) }),
    JSON.stringify({ id: 'enorme', kind: 'email', text: `Subject: x\r\n\r\n${'A'.repeat(26 * 1024 * 1024)}` }),
    JSON.stringify({ id: 'apres', kind: 'sms', text: 'Rendez-vous confirmé mardi 10h.' }),
  );
  // Twice over: several chunks go to the workers, and the last ones are analysed after the first have left.
  return `${[...lines, ...lines.map((line) => line.replace(/"id": ?"/, '"id": "bis-'))].join('\n')}\n`;
}

/** The id of each line's result, in input order (null where the line is not JSON or has no usable id). */
function expectedIds(input: string): unknown[] {
  return input.split('\n').filter((line) => line.trim() !== '').map((line) => {
    try {
      const id = (JSON.parse(line) as { id?: unknown }).id;
      return typeof id === 'string' || typeof id === 'number' ? id : null;
    } catch {
      return null;
    }
  });
}

/**
 * The engine stops a message after 250 ms of wall-clock time and says so (a partial result): on a
 * loaded machine that can happen to any message, in any --jobs setting. Such lines are left out of
 * the comparison; they must stay rare, or the comparison would prove nothing.
 */
const partial = (line: string): boolean => line.includes('Analyse interrompue après');

describe('vigie check --batch --jobs', () => {
  it('writes the same lines, in input order, with --jobs 1 (no worker) and --jobs 2 (worker threads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-batch-'));
    const file = join(dir, 'in.jsonl');
    const input = mixedInput();
    writeFileSync(file, input);
    const one = await runVigie(['check', '--batch', file, '--jobs', '1']);
    const two = await runVigie(['check', '--jobs', '2', '--batch', file]);

    for (const run of [one, two]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(EXIT.batchWithErrors);
      const lines = run.stdout.split('\n').slice(0, -1).map((line) => JSON.parse(line) as { id: unknown; error?: { code: string } });
      expect(lines.map((line) => line.id)).toEqual(expectedIds(input));
      const codes = lines.flatMap((line) => (line.error ? [line.error.code] : []));
      expect(new Set(codes)).toEqual(new Set(['MALFORMED_JSON', 'VALIDATION_FAILED', 'EML_TOO_LARGE']));
    }
    const oneLines = one.stdout.split('\n');
    const twoLines = two.stdout.split('\n');
    const compared = oneLines.map((line, i) => [line, twoLines[i] ?? ''] as const).filter(([a, b]) => !partial(a) && !partial(b));
    expect(compared.length).toBeGreaterThan(oneLines.length * 0.9);
    for (const [a, b] of compared) expect(b).toBe(a);
  }, 300_000);

  it('analyses 20 000 lines read from stdin with as many results, in order', async () => {
    const count = 20_000;
    const texts = ['Votre colis est en attente, réglez 1,99 € sur colis-suivi.fr', 'Rendez-vous confirmé mardi 10h.', 'Docteur, votre certification périodique expire : appelez le 01 99 00 43 21'];
    function* lines(): Generator<string> {
      for (let i = 0; i < count; i += 1) yield i % 1000 === 999 ? 'pas du json\n' : `${JSON.stringify({ id: i, kind: 'sms', text: `${texts[i % texts.length]} (${i})` })}\n`;
    }
    const run = await runVigie(['check', '--batch', '-'], lines());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.batchWithErrors);
    const results = run.stdout.split('\n').slice(0, -1).map((line) => JSON.parse(line) as { id: number | null; verdict?: string });
    expect(results).toHaveLength(count);
    expect(results.map((result) => result.id)).toEqual(Array.from({ length: count }, (_, i) => (i % 1000 === 999 ? null : i)));
    expect(results.filter((result) => result.verdict !== undefined)).toHaveLength(count - count / 1000);
  }, 600_000);

  it('writes each result while the input is still open: a slow writer of the input gets its results as it goes', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    const resultOf = (id: string): Promise<void> =>
      new Promise((resolve) => {
        const look = (): void => {
          if (out.includes(`"id":"${id}"`)) resolve();
          else stdout.once('data', look);
        };
        look();
      });
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const running = main(['check', '--batch', '-'], { stdin, stdout, stderr });
    stdin.write(`${JSON.stringify({ id: 'premier', kind: 'sms', text: 'Rendez-vous confirmé mardi 10h.' })}\n`);
    await resultOf('premier');
    stdin.end(`${JSON.stringify({ id: 'second', kind: 'sms', text: 'ANTAI : amende impayée de 35 €, réglez-la sur antai-paiement.fr' })}\n`);
    expect(await running).toBe(EXIT.noSignal);
    expect(out.split('\n').slice(0, -1).map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['premier', 'second']);
  }, 60_000);

  it('refuses a bad --jobs value in French with the usage exit code', async () => {
    for (const value of ['0', '-1', 'deux', '1.5', '65', '']) {
      const run = await runMain(['check', '--batch', '-', '--jobs', value], '');
      expect(run.code).toBe(EXIT.usage);
      expect(run.stderr).toContain(`--jobs attend un nombre entier de 1 à 64, pas « ${value} »`);
    }
    const missing = await runMain(['check', '--batch', '-', '--jobs'], '');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('L’option --jobs attend une valeur.');
    const single = await runMain(['check', '--jobs', '2', '-'], 'Bonjour');
    expect(single.code).toBe(EXIT.usage);
    expect(single.stderr).toContain('--jobs ne s’emploie qu’avec --batch.');
  });

  it('ends with the internal-error code and says up to which line the output is complete when a worker stops', async () => {
    const input = Array.from({ length: 600 }, (_, i) => JSON.stringify({ id: i, kind: 'sms', text: `Rendez-vous confirmé mardi ${i}h.` })).join('\n');
    const crashing = new URL('./testing/crashing-batch-worker.mjs', import.meta.url);
    const run = await runMain(['check', '--batch', '-', '--jobs', '2'], input, crashing);
    expect(run.code).toBe(EXIT.internal);
    expect(run.stderr).toMatch(/^Erreur interne : un fil d’analyse s’est arrêté \(code de sortie 3\) ; /);
    const written = run.stdout === '' ? 0 : run.stdout.split('\n').length - 1;
    // Whatever was written is the complete start of the results, and the message gives its length.
    expect(run.stdout.split('\n').slice(0, written).map((line) => (JSON.parse(line) as { id: number }).id)).toEqual(Array.from({ length: written }, (_, i) => i));
    expect(run.stderr).toContain(written === 0 ? 'aucun résultat n’a été écrit' : `la sortie est complète jusqu’à la ligne ${written} de l’entrée`);
    expect(written).toBeLessThan(600);
  });
});
