import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { registerErrorHandling } from '../errors.js';
import { registerWebApp } from './web-app.js';

describe('robots.txt, security.txt and the site facts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        PUBLIC_URL: 'https://vigie.ordre.example',
        VIGIE_CONTACT_EMAIL: 'contact@vigie.ordre.example',
        VIGIE_DPO_CONTACT: 'dpo@ordre.example',
        VIGIE_SECURITY_CONTACT: 'mailto:securite@ordre.example',
        VIGIE_PUBLISHER: 'Conseil national de l’Ordre des médecins',
        RATE_LIMIT_PER_MINUTE: '4',
      },
    });
  });
  afterAll(() => t.close());

  it('serves robots.txt: public pages allowed, the API, staff areas and token pages not', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /admin/', 'Disallow: /signalements', 'Disallow: /entraide/dossiers', 'Disallow: /suivi']));
    for (const open of ['/verifier', '/alertes', '/mentions-legales', '/entraide']) {
      expect(lines.filter((l) => l.startsWith('Disallow:')).some((l) => open.startsWith(l.slice('Disallow: '.length))), open).toBe(false);
    }
  });

  it('serves an RFC 9116 security.txt from configuration, expiring within a year of the request', async () => {
    const before = Date.now();
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/security.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const fields = Object.fromEntries(res.body.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    expect(fields).toMatchObject({
      Contact: 'mailto:securite@ordre.example',
      'Preferred-Languages': 'fr, en',
      Canonical: 'https://vigie.ordre.example/.well-known/security.txt',
    });
    expect(fields.Expires).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    const expires = Date.parse(fields.Expires!);
    expect(expires).toBeGreaterThan(before + 300 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(before + 365 * 86_400_000);
  });

  it('tells the legal pages who publishes, whom to contact and how long data is kept, as configured', async () => {
    await t.database.raw.query('UPDATE entraide_settings SET retention_months = 36');
    const res = await t.app.inject({ method: 'GET', url: '/api/site' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      publisher: 'Conseil national de l’Ordre des médecins',
      publisherAddress: '4, rue Léon Jost, 75855 Paris Cedex 17',
      publicationDirector: "Le président du Conseil national de l'Ordre des médecins",
      hosting: "Conseil national de l'Ordre des médecins, sur ses propres serveurs",
      contactEmail: 'contact@vigie.ordre.example',
      dpoContact: 'dpo@ordre.example',
      publicUrl: 'https://vigie.ordre.example',
      retention: { unconfirmedReportHours: 48, entraideMonths: 36, indicatorDays: 180, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
    });
  });

  it('never counts robots.txt nor security.txt against the address budget', async () => {
    const ip = '198.51.100.41';
    for (let i = 0; i < 8; i++) {
      for (const url of ['/robots.txt', '/.well-known/security.txt']) {
        expect((await t.app.inject({ method: 'GET', url, remoteAddress: ip })).statusCode, url).toBe(200);
      }
    }
  });

  it('answers a refused page navigation with a French page saying when to retry, and the API calls with JSON', async () => {
    const browser = new TestClient(t.app);
    const page = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };
    for (let i = 0; i < 4; i++) expect((await browser.request('GET', '/api/reports/limits', undefined, page)).statusCode).not.toBe(429);
    const refused = await browser.request('GET', '/api/reports/limits', undefined, page);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(refused.body).toContain('<html lang="fr">');
    expect(refused.body).toContain('Trop de demandes en peu de temps');
    expect(refused.body).toMatch(/Réessayez dans (\d+ secondes|une seconde|une minute)\./);

    const api = await browser.request('GET', '/api/reports/limits', undefined, { accept: 'application/json' });
    expect(api.statusCode).toBe(429);
    expect(api.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('the web app files', () => {
  let dist: string;
  let app: FastifyInstance;
  const script = `console.log(${JSON.stringify('Vigie '.repeat(2000))});\n`;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'vigie-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html lang="fr"><head><title>Vigie</title></head><body>${'<!-- - -->'.repeat(200)}<div id="root"></div></body></html>`);
    writeFileSync(path.join(dist, 'assets', 'index-0123abcd.js'), script);
    writeFileSync(path.join(dist, 'assets', 'logo-0123abcd.png'), Buffer.alloc(4096, 7));
    app = Fastify();
    registerErrorHandling(app);
    await registerWebApp(app, dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('caches hashed assets for a year and compresses them as the browser accepts', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-0123abcd.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await app.inject({ method: 'GET', url: '/assets/index-0123abcd.js', headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-0123abcd.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    const image = await app.inject({ method: 'GET', url: '/assets/logo-0123abcd.png', headers: { 'accept-encoding': 'br' } });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has every page revalidate index.html, compressed, and answers 304 when unchanged', async () => {
    for (const url of ['/', '/mentions-legales', '/alertes']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="root">');
    }
    const first = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('never serves a file outside the built folder', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/../../etc/passwd', headers: { 'accept-encoding': 'br' } });
    expect(res.body).not.toContain('root:');
  });
});
