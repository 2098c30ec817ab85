import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startE2e, type E2eEnv } from './harness.js';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(async () => {
  await env.close();
});

const PAGES: [string, string][] = [
  ['/', 'Un message vous semble suspect ?'],
  ['/mentions-legales', 'Mentions légales'],
  ['/donnees-personnelles', 'Données personnelles'],
  ['/accessibilite', 'Accessibilité'],
  ['/contact', 'Contact'],
  ['/messages-authentiques', 'Reconnaître un message authentique de l’Ordre'],
];

describe('the official face, as a visitor without an account sees it', () => {
  for (const width of [390, 1280]) {
    it(`shows every information page at ${width} px, unclipped and without accessibility violations`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      for (const [path, heading] of PAGES) {
        await page.goto(`${env.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).waitFor();
        // The facts from configuration are on the page, not a loading message.
        await page.getByText('Chargement…').waitFor({ state: 'detached' });
        const clipped = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        expect(clipped, `${path} scrolls sideways at ${width} px`).toBe(false);
        await expectAccessible(page);
      }
      // The footer leads from one page to the next, as a visitor would go.
      await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mentions légales' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/mentions-legales');
      await context.close();
    });
  }

  it('serves robots.txt and security.txt beside the pages, and compressed, long-cached assets', async () => {
    const robots = await fetch(`${env.baseUrl}/robots.txt`);
    expect(await robots.text()).toContain('Disallow: /api/');
    const security = await fetch(`${env.baseUrl}/.well-known/security.txt`);
    expect(await security.text()).toMatch(/^Contact: mailto:/);
    const html = await (await fetch(`${env.baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${env.baseUrl}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
