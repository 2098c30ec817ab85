/**
 * Hostile inputs: each gives a French refusal (MessageInputError) or an analysis, partial when part
 * of the message was not examined (`complete: false` and a French notice), in bounded time — never a
 * crash or a hang. The time limit is generous (a real message takes milliseconds): passing it means
 * a blow-up, not a slow machine.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from './analysis.types.js';
import { analyze, analyzeText, MessageInputError } from './analyze.js';
import { expectSafeOutcome } from './testing/invariants.js';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

/** Deterministic pseudo-random bytes (no seed to chase when a case fails). */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function analysed(run: () => Analysis | Promise<Analysis>): Promise<Analysis> {
  const outcome = await expectSafeOutcome(run);
  if (!('analysis' in outcome)) throw new Error(`refusé : ${outcome.refused.message}`);
  return outcome.analysis;
}

function expectPartial(analysis: Analysis, notice: RegExp): void {
  expect(analysis.complete).toBe(false);
  expect(analysis.notices.join(' ')).toMatch(notice);
}

const HEAD = 'From: "ANDPC" <andpc.formation@gmail.com>\r\nSubject: Vos droits DPC\r\nMIME-Version: 1.0\r\n';

describe('empty input', () => {
  it.each([
    ['an empty text', { kind: 'sms' as const, text: '' }],
    ['spaces and line breaks', { kind: 'email' as const, text: ' \r\n\t ' }],
    ['invisible characters only', { kind: 'sms' as const, text: '\u200b\u200d\ufeff\u2060' }],
    ['no text and no file', { kind: 'call' as const }],
  ])('refuses %s with a French message', async (_name, input) => {
    await expect(analyze(input)).rejects.toThrow(/Le message est vide/);
    expect(() => analyzeText(input)).toThrow(MessageInputError);
  });

  it('refuses an empty file, and an email file with nothing to show', async () => {
    await expect(analyze({ kind: 'email', raw: new Uint8Array(0) })).rejects.toThrow(/Le fichier est vide/);
    await expect(analyze({ kind: 'email', raw: bytes('Date: Mon, 1 Jan 2026 10:00:00 +0100\r\nTo: x@y.fr\r\n\r\n') })).rejects.toThrow(/rien à analyser/);
  });

  it('refuses input of the wrong type instead of crashing', async () => {
    await expect(analyze({ kind: 'sms', text: 42 as unknown as string })).rejects.toThrow(MessageInputError);
    await expect(analyze({ kind: 'email', raw: 'octets' as unknown as Uint8Array })).rejects.toThrow(MessageInputError);
  });
});

describe('binary garbage', () => {
  it('reads random bytes as text, cut to the maximum length, and says so', async () => {
    const analysis = await analysed(() => analyze({ kind: 'email', raw: garbage(1_000_000, 7) }));
    expectPartial(analysis, /seul le début/);
  });

  it('decodes random bytes after a header block as the body', async () => {
    const raw = new Uint8Array([...bytes(`${HEAD}Content-Type: text/plain\r\n\r\n`), ...garbage(300_000, 11)]);
    await analysed(() => analyze({ kind: 'email', raw }));
  });

  it('takes any UTF-16, lone surrogates included, as an SMS', async () => {
    const units = garbage(200_000, 3);
    let text = '';
    for (let i = 0; i < units.length; i += 2) text += String.fromCharCode(((units[i] ?? 0) << 8) | (units[i + 1] ?? 0));
    await analysed(() => analyzeText({ kind: 'sms', text }));
  });
});

describe('oversized email', () => {
  it('reads a 20 MB file in full, cutting the text analysed and saying so', async () => {
    const head = bytes(`${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\n`);
    const line = bytes('Vos droits DPC expirent : https://agencedpc-validation.fr/connexion, sinon radiation.\r\n');
    const raw = new Uint8Array(20 * 1024 * 1024);
    raw.set(head);
    for (let at = head.length; at + line.length <= raw.length; at += line.length) raw.set(line, at);
    // A budget that cannot run out on a busy machine, so that the verdict does not depend on it.
    const analysis = await analysed(() => analyze({ kind: 'email', raw }, { budgetMs: 60_000 }));
    expectPartial(analysis, /seuls les 100\s000 premiers ont été analysés/);
    expect(analysis.verdict).toBe('fraude_probable');
    // 20 MB of text lines is postal-mime's slowest input (a few seconds); attachments decode faster.
  }, 60_000);

  it('refuses a file over 25 MB, naming the limit', async () => {
    const raw = new Uint8Array(26 * 1024 * 1024);
    raw.set(bytes(`${HEAD}Content-Type: text/plain\r\n\r\n`));
    await expect(analyze({ kind: 'email', raw })).rejects.toThrow(/Courriel de 26 Mo : la limite est de 25 Mo/);
  });

  it('survives a 3 MB subject and 300 000 header lines', async () => {
    await analysed(() => analyze({ kind: 'email', raw: bytes(`From: a@b.fr\r\nSubject: ${'x'.repeat(3_000_000)}\r\n\r\ncorps`) }));
    await analysed(() => analyze({ kind: 'email', raw: bytes(`From: a@b.fr\r\n${'X-H: y\r\n'.repeat(300_000)}\r\ncorps`) }));
  });
});

describe('malformed MIME', () => {
  it.each([
    ['an unterminated boundary parameter', `${HEAD}Content-Type: multipart/mixed; boundary="zz\r\n\r\n--zz\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@!!!\r\n--zz`],
    ['a missing closing boundary', `${HEAD}Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nradiation certification`],
    ['broken encodings', `${HEAD}Content-Type: text/plain; charset=x-inconnu\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=C3=\r\n=`],
    ['broken encoded words', 'From: =?utf-8?B?####?= <a@>\r\nSubject: =?x-none?Q?=ZZ?=\r\nReply-To: ;;;\r\n\r\ncorps'],
    ['headers without values', 'From:\r\nTo:\r\nSubject:\r\nContent-Type:\r\n\r\ncorps'],
    ['an HTML body of unclosed tags and entities', `${HEAD}Content-Type: text/html\r\n\r\n${'<a href="https://x.fr"><b><i>&&&&amp;&#xZZ;<!--'.repeat(20_000)}`],
  ])('analyses %s', async (_name, message) => {
    await analysed(() => analyze({ kind: 'email', raw: bytes(message) }));
  });
});

describe('deep nesting', () => {
  it('refuses to decode multiparts nested 1 000 deep, reads them as raw text and says so', async () => {
    let message = HEAD;
    let closing = '';
    for (let depth = 0; depth < 1_000; depth += 1) {
      message += `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n`;
      closing = `\r\n--b${depth}--\r\n${closing}`;
    }
    message += `Content-Type: text/plain\r\n\r\nVotre certification périodique n'est pas validée : radiation.${closing}`;
    const analysis = await analysed(() => analyze({ kind: 'email', raw: bytes(message) }));
    expectPartial(analysis, /n’a pas pu être décodé/);
  });

  it('stops reading forwarded messages nested 1 000 deep and says so', async () => {
    let message = '';
    for (let depth = 0; depth < 1_000; depth += 1) message += `From: a${depth}@b.fr\r\nSubject: Tr ${depth}\r\nContent-Type: message/rfc822\r\n\r\n`;
    message += 'From: z@b.fr\r\nSubject: fin\r\n\r\ncorps';
    const analysis = await analysed(() => analyze({ kind: 'email', raw: bytes(message) }));
    expectPartial(analysis, /imbriqués trop profondément/);
  });

  it('lists 20 attachments out of 20 000 and says so', async () => {
    let message = `${HEAD}Content-Type: multipart/mixed; boundary="b"\r\n\r\n`;
    for (let i = 0; i < 20_000; i += 1) message += `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.exe"\r\n\r\nAAAA\r\n`;
    message += '--b--\r\n';
    const analysis = await analysed(() => analyze({ kind: 'email', raw: bytes(message) }));
    expectPartial(analysis, /seules les 20 premières/);
    expect(analysis.findings.map((f) => f.ruleId)).toContain('piece-jointe.risquee');
  });
});

describe('100 000 links', () => {
  const links = Array.from({ length: 100_000 }, (_, i) => `https://agencedpc-${i}.example.com/connexion`).join(' ');

  it('checks the first 50 links of a text and says the rest were left out', async () => {
    const analysis = await analysed(() => analyzeText({ kind: 'sms', text: links }));
    expectPartial(analysis, /plus de 50 liens/);
    expect(analysis.indicators.urls.length).toBeLessThanOrEqual(50);
  });

  it('does the same when the caller lifts the length limit', async () => {
    const analysis = await analysed(() => analyzeText({ kind: 'email', text: links }, { maxTextLength: 10_000_000 }));
    expectPartial(analysis, /plus de 50 liens/);
  });

  it('does the same for 100 000 links in an HTML email', async () => {
    const html = Array.from({ length: 100_000 }, (_, i) => `<a href="https://a${i}.example.com/login">www.ameli.fr</a>`).join('');
    const analysis = await analysed(() => analyze({ kind: 'email', raw: bytes(`${HEAD}Content-Type: text/html\r\n\r\n${html}`) }));
    expectPartial(analysis, /plus de 50 liens/);
    for (const finding of analysis.findings) for (const span of finding.evidence) expect(span.end).toBeLessThanOrEqual(analysis.shownText.length);
  });
});
