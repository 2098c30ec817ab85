import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { startRuntime, type Runtime } from '../server/runtime.js';
import { startSmtpCatcher, type SmtpCatcher } from '../server/platform/mail/smtp-catcher.js';
import { createLocalKeyProvider, type KeyProvider } from '../server/platform/crypto/key-provider.js';
import { testConfig, TEST_SECRET } from '../server/test/test-app.js';
import { advanceTotpWindow, freshTotpCode, type TestUser } from '../server/test/factories.js';

export interface E2eEnv {
  runtime: Runtime;
  catcher: SmtpCatcher;
  keys: KeyProvider;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Vigie listening on 127.0.0.1 with its embedded database in a temporary folder, and Chromium. */
export async function startE2e(): Promise<E2eEnv> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-e2e-'));
  const catcher = await startSmtpCatcher();
  const runtime = await startRuntime(// Every browser context comes from 127.0.0.1: raise the per-address auth limit for the whole run.
    testConfig({ SMTP_URL: catcher.url, VIGIE_DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '200' }), { webDistDir: 'web/dist' });
  await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (runtime.app.server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  return {
    runtime,
    catcher,
    keys: createLocalKeyProvider(TEST_SECRET),
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await runtime.close();
      await catcher.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands and fails on any violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** The main navigation, opened first on a phone, where it folds behind « Menu ». */
export async function mainNav(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  // isVisible() does not wait: right after a navigation the app may not have drawn the menu yet, and a
  // phone-width menu left folded hides every link (seen in CI under load).
  await nav.waitFor();
  const toggle = nav.getByRole('button', { name: 'Menu' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  return nav;
}

export interface LogInOptions {
  /** The page already shows the login form (reached through a link that says where to go next). */
  onLoginPage?: boolean;
  /** The account has logged in earlier (API or browser): as if 30 seconds had passed, so its code is fresh. */
  afterEarlierLogin?: boolean;
}

/**
 * Logs in through the login form: email and password, then the 6-digit code when the account has TOTP on;
 * returns once the session's « Se déconnecter » button shows.
 */
export async function logIn(env: E2eEnv, page: Page, account: TestUser, options: LogInOptions = {}): Promise<void> {
  const database = env.runtime.database;
  if (options.afterEarlierLogin) await advanceTotpWindow(database, account.user.id);
  if (!options.onLoginPage) await page.goto(`${env.baseUrl}/connexion`);
  await page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' }).waitFor();
  await page.getByLabel('Adresse électronique').fill(account.user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  if (account.totpSecret) {
    await page.getByLabel('Code à 6 chiffres').fill(await freshTotpCode(database, account.user.id, account.totpSecret));
    await page.getByRole('button', { name: 'Vérifier' }).click();
  }
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}
