import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries } from '../../test/factories.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { MAX_API_EML_BYTES } from '../../../contracts/checks.limits.js';
import { CHECKS_BODY_LIMIT } from './checks.routes.js';

const RADIATION_CALL =
  "Bonjour docteur, ici la direction régionale de certification périodique. Votre certification n'est pas validée : " +
  'si vous ne régularisez pas aujourd’hui, vous serez radié. Je dois parler directement au médecin.';

const EML = [
  'From: "ANDPC Service" <contact@andpc-validation.com>',
  'To: docteur@exemple.fr',
  'Subject: =?UTF-8?B?VmFsaWRleiB2b3MgZHJvaXRzIERQQw==?=',
  'Reply-To: dossier@gmail.com',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Bonjour Docteur, gr=C3=A2ce =C3=A0 vos droits DPC, une formation est prise en charge.',
  'Cr=C3=A9ez votre compte ici : https://andpc-validation.com/connexion',
  '',
].join('\r\n');

/** An email of exactly `size` bytes: the scam of EML as the body, then a PDF attachment filling the rest. */
function emlOfSize(size: number): Buffer {
  const [headers = '', body = ''] = EML.split('\r\n\r\n');
  const start = `${headers.split('\r\n').filter((h) => !/^(Content-|MIME-)/.test(h)).join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="dossier.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n`;
  const end = '\r\n--b--\r\n';
  const room = size - Buffer.byteLength(start) - end.length;
  const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n';
  const filler = line.repeat(Math.floor(room / line.length)) + 'A'.repeat(room % line.length);
  return Buffer.from(start + filler + end);
}

describe('POST /api/analyses (« Vérifier un message »)', () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    client = new TestClient(t.app);
    await client.refreshSession();
  });
  afterAll(() => t.close());

  it('needs no account, flags the fake certification body and cites the Ordre', async () => {
    const before = (await auditEntries(t.database)).length;
    const res = await client.post('/api/analyses', { kind: 'call', text: RADIATION_CALL });
    expect(res.statusCode).toBe(200);
    const analysis = res.json();
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.family.id).toBe('certification_periodique');
    expect(analysis.shownText).toBe(RADIATION_CALL);
    const facts = analysis.findings.map((f: { fact?: { text: string } }) => f.fact?.text).filter(Boolean).join(' ');
    expect(facts).toMatch(/n'existe pas|n’existe pas|chambre disciplinaire/);
    for (const finding of analysis.findings) {
      for (const span of finding.evidence) {
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(RADIATION_CALL.length);
        expect(span.end).toBeGreaterThan(span.start);
      }
    }
    expect(analysis.advice.length).toBeGreaterThan(0);
    // Nothing is stored: no audit entry, no indicator.
    expect((await auditEntries(t.database)).length).toBe(before);
    expect(await t.database.db.select().from(fraudIndicators)).toEqual([]);
  });

  it('reads an .eml file: encoded subject, sender mismatch, lookalike link', async () => {
    const res = await client.post('/api/analyses', { kind: 'email', emlBase64: Buffer.from(EML).toString('base64') });
    expect(res.statusCode).toBe(200);
    const analysis = res.json();
    expect(analysis.shownText).toContain('Validez vos droits DPC');
    expect(analysis.verdict).not.toBe('aucun_signal');
    expect(analysis.indicators.domains).toContain('andpc-validation.com');
    expect(analysis.findings.map((f: { category: string }) => f.category)).toEqual(expect.arrayContaining(['lien', 'expediteur']));
  });

  it('says when a number was already reported, without naming any reporter', async () => {
    await t.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33612345678', reportCount: 14, campaignLabel: 'Faux contrôle DPC — novembre' });
    await t.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33698765432', reportCount: 3, status: 'false_positive' });
    const res = await client.post('/api/analyses', { kind: 'phone', text: '06 12 34 56 78' });
    const analysis = res.json();
    const known = analysis.findings.find((f: { category: string }) => f.category === 'signalement');
    expect(known.explanation).toMatch(/14 fois/);
    expect(known.explanation).toContain('Faux contrôle DPC — novembre');

    const cleared = (await client.post('/api/analyses', { kind: 'phone', text: '06 98 76 54 32' })).json();
    expect(cleared.findings.find((f: { category: string }) => f.category === 'signalement')).toBeUndefined();
  });

  it('does not cry wolf on a genuine DPC reminder that links to the official site', async () => {
    const text =
      "Bonjour, votre inscription à l'action de DPC « Prise en charge du diabète de type 2 » est confirmée. " +
      'Retrouvez votre parcours sur https://www.mondpc.fr/ dans votre espace personnel.';
    const analysis = (await client.post('/api/analyses', { kind: 'email', text })).json();
    expect(analysis.verdict).toBe('aucun_signal');
  });

  it('refuses bad input with the field named, in French', async () => {
    const empty = await client.post('/api/analyses', { kind: 'sms', text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toEqual([{ path: 'text', message: 'Collez le message ou déposez le fichier .eml.' }]);
    const emlAsSms = await client.post('/api/analyses', { kind: 'sms', emlBase64: 'QUJD' });
    expect(emlAsSms.json().error.details.fields[0].path).toBe('emlBase64');
    const unknownKind = await client.post('/api/analyses', { kind: 'fax', text: 'x' });
    expect(unknownKind.json().error.details.fields[0]).toMatchObject({ path: 'kind', message: 'Choisissez le type : SMS, courriel, appel, lien ou numéro.' });
    const tooLong = await client.post('/api/analyses', { kind: 'sms', text: 'a'.repeat(100_001) });
    expect(tooLong.json().error.details.fields[0].path).toBe('text');
  });

  it('refuses a body over the documented limit with 413, and binary garbage with a French message', async () => {
    const huge = await client.post('/api/analyses', { kind: 'email', emlBase64: 'A'.repeat(CHECKS_BODY_LIMIT + 1) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('EML_TOO_LARGE');
    expect(huge.json().error.message).toContain('la limite est de 10 Mo');
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('base64');
    const res = await client.post('/api/analyses', { kind: 'email', emlBase64: garbage });
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(res.json().error.details.fields[0].path).toBe('emlBase64');
    else expect(res.json().verdict).toBeDefined();
  });

  it('analyses an .eml just under the API limit (10 Mo), lists its attachment, and refuses one over it with 413 EML_TOO_LARGE naming the limit', async () => {
    const near = emlOfSize(MAX_API_EML_BYTES - 1024);
    const started = performance.now();
    const res = await client.post('/api/analyses', { kind: 'email', emlBase64: near.toString('base64') });
    const elapsed = performance.now() - started;
    if (process.env.VIGIE_SIZES_TIMING) console.warn(`10 Mo via the API: ${Math.round(elapsed)} ms`);
    expect(res.statusCode).toBe(200);
    const analysis = res.json();
    expect(analysis.shownText).toMatch(/dossier\.pdf \(application\/pdf, 7(,\d)? Mo\)/);
    expect(analysis.indicators.domains).toContain('andpc-validation.com');
    expect(elapsed).toBeLessThan(30_000);

    const over = emlOfSize(MAX_API_EML_BYTES + 2 * 1024 * 1024);
    const refused = await client.post('/api/analyses', { kind: 'email', emlBase64: over.toString('base64') });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('EML_TOO_LARGE');
    expect(refused.json().error.message).toMatch(/^Courriel de 12 Mo : la limite est de 10 Mo\. Enregistrez-le sans ses pièces jointes/);
    expect(refused.json().error.requestId).toBeDefined();
  }, 60_000);

  it('answers 413 EML_TOO_LARGE for a file just over the limit that fits the body limit', async () => {
    const over = emlOfSize(MAX_API_EML_BYTES + 1_000).toString('base64');
    expect(over.length).toBeLessThan(CHECKS_BODY_LIMIT);
    const refused = await client.post('/api/analyses', { kind: 'email', emlBase64: over });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toMatchObject({ code: 'EML_TOO_LARGE' });
    expect(refused.json().error.message).toMatch(/^Courriel de plus de 10 Mo : la limite est de 10 Mo\./);
  }, 60_000);

  it('requires the CSRF token like every state-changing request', async () => {
    const bare = new TestClient(t.app);
    const res = await bare.post('/api/analyses', { kind: 'sms', text: 'Bonjour' });
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });
});
