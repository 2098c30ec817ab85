/**
 * Real sizes (issue 10, item 5): an .eml of up to 25 Mo is analysed — the body cut to a documented
 * number of characters, every link still checked, text-like attachments read, the others listed — and a
 * larger one is refused with the limit named. Big messages are generated here, never committed.
 */
import { describe, expect, it } from 'vitest';
import { analyze, MessageInputError } from '../../analyze.js';
import { emlTooLargeMessage, formatMegabytes, MAX_BODY_CHARS, MAX_EML_BYTES } from './email-limits.js';
import { parseEmail } from './parse-email.js';

const HEAD = 'From: "ANDPC" <andpc.formation@gmail.com>\r\nTo: docteur@exemple.fr\r\nSubject: Vos droits DPC\r\nMIME-Version: 1.0\r\n';

function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
}

/** A multipart message: a body, then attachments given as [filename, type, content]. */
function multipart(body: string, bodyType: string, attachments: [string, string, Buffer][]): Buffer {
  let message = `${HEAD}Content-Type: multipart/mixed; boundary="limite"\r\n\r\n--limite\r\nContent-Type: ${bodyType}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(body))}\r\n`;
  for (const [name, type, content] of attachments) {
    message += `--limite\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(content)}\r\n`;
  }
  return Buffer.from(`${message}--limite--\r\n`);
}

/** Pseudo-random bytes, as incompressible as a real PDF or photo. */
function binary(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const SCAM_BODY = 'Bonjour Docteur,\nvos droits DPC expirent ce soir. Validez-les ici : https://agencedpc-validation.fr/connexion\n';

describe('an email of 20 Mo', () => {
  it('is analysed whole: body read, large attachment listed with its type and size, link found', async () => {
    const raw = multipart(SCAM_BODY, 'text/plain', [['releve-2025.pdf', 'application/pdf', binary(14 * 1024 * 1024)], ['photo.jpg', 'image/jpeg', binary(700_000)]]);
    expect(raw.length).toBeGreaterThan(19 * 1024 * 1024);
    expect(raw.length).toBeLessThan(MAX_EML_BYTES);
    const analysis = await analyze({ kind: 'email', raw }, { budgetMs: 60_000 });
    expect(analysis.shownText).toContain('Pièces jointes : releve-2025.pdf (application/pdf, 14 Mo), photo.jpg (image/jpeg, 684 ko)');
    expect(analysis.indicators.urls).toContain('https://agencedpc-validation.fr/connexion');
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.complete).toBe(true);
    // The binary attachments are listed, not read.
    expect(analysis.shownText.length).toBeLessThan(2_000);
  }, 30_000);

  it('takes a few seconds at most', async () => {
    const raw = multipart(SCAM_BODY, 'text/plain', [['scan.pdf', 'application/pdf', binary(18 * 1024 * 1024)]]);
    const started = performance.now();
    await analyze({ kind: 'email', raw });
    // About one second on a laptop; the bound only catches a blow-up.
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe('text-like attachments', () => {
  it('reads a .txt, a .csv, an .ics and a forwarded .eml, and lists a PDF without reading it', async () => {
    const forwarded = Buffer.from('From: urssaf@urssaf-recouvrement.com\r\nSubject: Mise en demeure\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nRéglez votre dette sur https://urssaf-paiement.net/regler\r\n');
    const raw = multipart('Bonjour, voir les pièces jointes.', 'text/plain', [
      ['consignes.txt', 'text/plain', Buffer.from('Rappelez le 08 99 12 34 56 et donnez le code reçu par SMS. https://ameli-remboursement.com/carte-vitale')],
      ['tableau.csv', 'application/octet-stream', Buffer.from('"nom";"lien"\n"Martin";"https://antai-amende.info/payer"\n')],
      ['rdv.ics', 'text/calendar', Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Contrôle CPF https://moncompteformation-solde.fr\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')],
      ['transfert.eml', 'message/rfc822', forwarded],
      ['document.pdf', 'application/pdf', Buffer.from('%PDF-1.4 https://jamais-lu.example.com/pdf')],
    ]);
    const analysis = await analyze({ kind: 'email', raw });
    expect(analysis.shownText).toContain('--- Pièce jointe « consignes.txt » ---');
    expect(analysis.indicators.urls).toEqual(expect.arrayContaining([
      'https://ameli-remboursement.com/carte-vitale',
      'https://antai-amende.info/payer',
      'https://moncompteformation-solde.fr/',
      'https://urssaf-paiement.net/regler',
    ]));
    expect(analysis.indicators.phones.map((p) => p.e164)).toContain('+33899123456');
    expect(analysis.shownText).toContain('Objet : Mise en demeure');
    expect(analysis.shownText).toContain('document.pdf (application/pdf, 1 ko)');
    expect(analysis.shownText).not.toContain('jamais-lu');
    expect(analysis.verdict).not.toBe('aucun_signal');
  });

  it('reads an attachment in Windows-1252 and skips a binary file behind a text name', async () => {
    const raw = multipart('Bonjour.', 'text/plain', [
      ['lettre.txt', 'text/plain', Buffer.from('Réglez l’amende majorée : https://amendes-gouv.info/payer', 'latin1')],
      ['faux.txt', 'text/plain', Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('https://cache.example.com/x')])],
    ]);
    const parsed = await parseEmail(raw);
    expect(parsed.shownText).toContain('Réglez');
    expect(parsed.shownText).not.toContain('cache.example.com');
  });
});

describe('a body longer than the characters analysed', () => {
  it('analyses the first part, still checks the links of the rest, and says so', async () => {
    const filler = 'Ceci est une lettre d’information sans aucun lien ni demande particulière. '.repeat(4_000);
    const body = `${SCAM_BODY}${filler}\nDernier lien : https://ameli-remboursement.com/dossier\n`;
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARS * 2);
    const analysis = await analyze({ kind: 'email', raw: multipart(body, 'text/plain', []) });
    expect(analysis.complete).toBe(false);
    expect(analysis.notices.join(' ')).toMatch(/seuls les 100\s000 premiers ont été analysés/);
    expect(analysis.indicators.urls).toContain('https://ameli-remboursement.com/dossier');
    expect(analysis.shownText.length).toBeLessThan(MAX_BODY_CHARS + 1_000);
    for (const finding of analysis.findings) for (const span of finding.evidence) expect(span.end).toBeLessThanOrEqual(analysis.shownText.length);
  });

  it('keeps the text shown for a link of an HTML body past the cut', async () => {
    const html = `<p>Bonjour Docteur</p>${'<p>Paragraphe sans intérêt.</p>'.repeat(6_000)}<a href="https://ameli-remboursement.com/vitale">https://www.ameli.fr</a>`;
    const parsed = await parseEmail(multipart(html, 'text/html', []));
    const link = parsed.context.htmlLinks.find((l) => l.host === 'ameli-remboursement.com');
    expect(link?.displayedText).toBe('https://www.ameli.fr');
    expect(parsed.shownText.slice(link!.evidence.start, link!.evidence.end)).toBe('https://ameli-remboursement.com/vitale');
    expect(parsed.notices.join(' ')).toMatch(/premiers ont été analysés/);
  });
});

describe('the limit', () => {
  it('refuses an email over 25 Mo, naming its size and the limit', async () => {
    const raw = new Uint8Array(MAX_EML_BYTES + 1_200_000);
    raw.set(Buffer.from(`${HEAD}Content-Type: text/plain\r\n\r\n`));
    await expect(analyze({ kind: 'email', raw })).rejects.toThrow(MessageInputError);
    await expect(analyze({ kind: 'email', raw })).rejects.toThrow('Courriel de 26,1 Mo : la limite est de 25 Mo.');
  });

  it('names sizes in Mo, never rounding onto the limit', () => {
    expect(formatMegabytes(31.2 * 1024 * 1024)).toBe('31,2 Mo');
    expect(formatMegabytes(MAX_EML_BYTES)).toBe('25 Mo');
    expect(emlTooLargeMessage(MAX_EML_BYTES + 1)).toBe('Courriel de plus de 25 Mo : la limite est de 25 Mo.');
  });
});
