import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { guessKind } from './check-command.js';
import { EXIT } from './help-text.js';
import { main } from './vigie.js';

async function run(argv: string[], stdinText = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(stdinText);
  const code = await main(argv, { stdin, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

const fixture = (name: string): string => new URL(`../analysis/fixtures/${name}`, import.meta.url).pathname;

describe('vigie check', () => {
  it('prints a French report and exits 2 on a likely fraud read from stdin', async () => {
    const result = await run(['check', '-'], 'Bonjour Docteur, ici le support mondpc. Vous allez recevoir un code par SMS, merci de me le transmettre pour réactiver votre compte DPC avant sa suppression.');
    expect(result.code).toBe(EXIT.likelyFraud);
    expect(result.stdout).toContain('Verdict : FRAUDE PROBABLE');
    expect(result.stdout).toContain('Que faire :');
    expect(result.stdout).toContain('Ce que dit l’Ordre');
  });

  it('reads an .eml file as an email and exits 0 on a genuine message', async () => {
    const result = await run(['check', fixture('andpc-lettre-officielle.eml')]);
    expect(result.code).toBe(EXIT.noSignal);
    expect(result.stdout).toContain('AUCUN SIGNAL');
  });

  it('writes the whole analysis as JSON with --json', async () => {
    const result = await run(['check', '--kind', 'link', '--json', '-'], 'https://agencedpc-validation.fr/login');
    const analysis = JSON.parse(result.stdout) as { kind: string; findings: { ruleId: string }[] };
    expect(analysis.kind).toBe('link');
    expect(analysis.findings.map((f) => f.ruleId)).toContain('lien.sosie');
    expect(result.code).toBe(EXIT.likelyFraud);
  });

  it('refuses bad usage with exit code 64 and unreadable files with 66', async () => {
    expect((await run(['check', '--kind', 'fax', 'x'])).code).toBe(EXIT.usage);
    expect((await run(['check', '--oops', 'x'])).code).toBe(EXIT.usage);
    expect((await run(['frobnicate'])).code).toBe(EXIT.usage);
    const missing = await run(['check', '/nonexistent/message.txt']);
    expect(missing.code).toBe(EXIT.unreadableInput);
    expect(missing.stderr).toContain('Impossible de lire');
  });

  it('calls an empty file, empty standard input, a blank batch or a folder a usage error (64) and says which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-'));
    const empty = join(dir, 'vide.txt');
    writeFileSync(empty, '');
    const blank = join(dir, 'blanc.jsonl');
    writeFileSync(blank, '\n  \n');
    const cases: [string[], string, string][] = [
      [['check', empty], '', `Le fichier « ${empty} » est vide`],
      [['check', '-'], '  \n', 'L’entrée standard est vide'],
      [['check', '--batch', blank], '', `Le fichier « ${blank} » ne contient aucune ligne à analyser`],
      [['check', '--batch', '-'], '', 'L’entrée standard ne contient aucune ligne à analyser'],
      [['check', dir], '', `« ${dir} » est un dossier`],
      [['check', '--batch', dir], '', `« ${dir} » est un dossier`],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await run(args, stdin);
      expect(result.code, args.join(' ')).toBe(EXIT.usage);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
  });

  it('prints the help in French with the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Codes de sortie');
  });
});

describe('vigie check --batch', () => {
  it('writes one result per line and one error per bad line, without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'a', kind: 'sms', text: 'ANTAI : amende impayée de 35 €, réglez-la sur antai-paiement.fr' }),
      'pas du json',
      JSON.stringify({ id: 'b', kind: 'fax', text: 'x' }),
      '',
      JSON.stringify({ id: 7, kind: 'sms', text: 'Rendez-vous confirmé mardi 10h.', label: 'legitime' }),
    ].join('\n'));
    const result = await run(['check', '--batch', file]);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', verdict: 'fraude_probable' });
    expect(lines[1]).toMatchObject({ id: null, error: { code: 'MALFORMED_JSON' } });
    expect(lines[2]).toMatchObject({ id: 'b', error: { code: 'VALIDATION_FAILED' } });
    expect(lines[3]).toMatchObject({ id: 7, verdict: 'aucun_signal', score: 0, findings: [] });
    expect(result.code).toBe(EXIT.batchWithErrors);
  });
});

/** An ordinary email of about `size` bytes: a short scam body and a PDF attachment (base64). */
function emailWithAttachment(size: number): string {
  const attachment = Buffer.alloc(Math.floor((size * 3) / 4), 37).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: "Assurance Maladie" <remboursement@ameli-securite.com>',
    'To: docteur@exemple.fr',
    'Subject: Votre remboursement',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Bonjour, un remboursement de 312 € vous attend : https://ameli-remboursement.com/dossier',
    '--b',
    'Content-Type: application/pdf; name="avis.pdf"',
    'Content-Disposition: attachment; filename="avis.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    attachment,
    '--b--',
    '',
  ].join('\r\n');
}

describe('sizes', () => {
  it('analyses a 300 KB email given as the text of a --batch line, and refuses a 26 MB one naming the limit without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-'));
    const file = join(dir, 'in.jsonl');
    const ordinary = emailWithAttachment(300 * 1024);
    expect(ordinary.length).toBeGreaterThan(300_000);
    writeFileSync(file, [
      JSON.stringify({ id: 'courriel', kind: 'email', text: ordinary }),
      JSON.stringify({ id: 'enorme', kind: 'email', text: emailWithAttachment(26 * 1024 * 1024) }),
      JSON.stringify({ id: 'sms-long', kind: 'sms', text: 'a'.repeat(200_001) }),
      JSON.stringify({ id: 'apres', kind: 'sms', text: 'Rendez-vous confirmé mardi 10h.' }),
    ].join('\n'));
    const result = await run(['check', '--batch', file]);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'courriel' });
    expect(lines[0]?.verdict).not.toBe('aucun_signal');
    expect(lines[1]).toMatchObject({ id: 'enorme', error: { code: 'EML_TOO_LARGE' } });
    expect((lines[1]?.error as { message: string }).message).toMatch(/Courriel de 26(,\d)? Mo : la limite est de 25 Mo/);
    expect(lines[2]).toMatchObject({ id: 'sms-long', error: { code: 'VALIDATION_FAILED' } });
    expect((lines[2]?.error as { message: string }).message).toMatch(/la limite est de 200\s000 caractères/);
    expect(lines[3]).toMatchObject({ id: 'apres', verdict: 'aucun_signal' });
    expect(result.code).toBe(EXIT.batchWithErrors);
  }, 60_000);

  it('checks a 20 MB .eml file, and refuses a 26 MB one before reading it, with exit code 65', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-'));
    writeFileSync(join(dir, 'gros.eml'), emailWithAttachment(20 * 1024 * 1024));
    const checked = await run(['check', '--json', join(dir, 'gros.eml')]);
    const analysis = JSON.parse(checked.stdout) as { shownText: string; indicators: { urls: string[] }; complete: boolean };
    expect(analysis.shownText).toMatch(/avis\.pdf \(application\/pdf, 15 Mo\)/);
    expect(analysis.indicators.urls).toContain('https://ameli-remboursement.com/dossier');
    expect(analysis.complete).toBe(true);
    expect(checked.code).not.toBe(EXIT.internal);
    writeFileSync(join(dir, 'trop-gros.eml'), Buffer.alloc(26 * 1024 * 1024, 65));
    const refused = await run(['check', join(dir, 'trop-gros.eml')]);
    expect(refused.code).toBe(EXIT.refusedInput);
    expect(refused.stderr).toContain('Courriel de 26 Mo : la limite est de 25 Mo.');
  }, 60_000);
});

describe('guessKind', () => {
  it.each([
    ['message.eml', 'Bonjour', 'email'],
    ['-', 'From: a@b.fr\nSubject: x\n\ncorps', 'email'],
    ['-', '  https://bit.ly/x \n', 'link'],
    ['-', '08 99 12 34 56', 'phone'],
    ['-', 'Votre colis est en attente', 'sms'],
  ])('%s « %s » → %s', (file, text, kind) => {
    expect(guessKind(file, text)).toBe(kind);
  });
});

describe('cli/vigie.mjs', () => {
  it('runs as the installed command', async () => {
    const script = new URL('./vigie.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--help']);
    expect(stdout).toContain('vigie check');
    // The first run after a clone or a source change compiles dist/ (npm run build:server) before answering.
  }, 120_000);
});
