import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildUser } from '../server/test/factories.js';
import { expectAccessible, logIn, mainNav, startE2e, type E2eEnv } from './harness.js';

let env: E2eEnv;
let fileDir: string;
beforeAll(async () => {
  env = await startE2e();
  fileDir = mkdtempSync(path.join(tmpdir(), 'vigie-e2e-eml-'));
});
afterAll(async () => {
  rmSync(fileDir, { recursive: true, force: true });
  await env.close();
});

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  return context.newPage();
}

async function openCheckPage(): Promise<Page> {
  const page = await newPage();
  await page.goto(`${env.baseUrl}/verifier`);
  await page.getByRole('heading', { level: 1, name: 'Vérifier un message' }).waitFor();
  return page;
}

async function submit(page: Page) {
  await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Résultat' }).waitFor();
}

const RADIATION_CALL =
  "Bonjour docteur, ici la direction régionale de certification périodique. Votre certification n'est pas validée.\n" +
  "Si vous ne régularisez pas aujourd'hui, vous serez radié. Rappelez-nous au 08 99 12 34 56.";

const FAKE_ANDPC_EML = [
  'From: "ANDPC" <contact@andpc-validation.com>',
  'To: docteur@exemple.fr',
  'Subject: Validez vos droits DPC',
  'Reply-To: andpc.dossiers@gmail.com',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Bonjour Docteur,',
  'Vos droits DPC 2025 expirent bientôt. Pour les conserver, connectez-vous sans tarder :',
  'https://andpc-validation.com/connexion',
  '',
].join('\r\n');

const GENUINE_DPC =
  'Bonjour Docteur,\n' +
  "Votre inscription à l'action de DPC « Prise en charge de l'insuffisance cardiaque » est confirmée.\n" +
  'Retrouvez le détail de votre parcours sur https://www.mondpc.fr/\n' +
  "L'Agence nationale du DPC";

describe('« Vérifier un message »', () => {
  it('flags a call from the fake « direction régionale de certification périodique »', async () => {
    const page = await openCheckPage();
    await expectAccessible(page);

    await page.getByRole('radio', { name: 'Appel téléphonique' }).check();
    await page.getByLabel("Ce que l’interlocuteur a dit").fill(RADIATION_CALL);
    await submit(page);

    await expect(page.getByText('Fraude probable', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Résultat');
    const analysed = page.getByRole('region', { name: 'Texte du message' });
    expect(await analysed.locator('mark').count()).toBeGreaterThan(0);
    await page.locator('figure', { hasText: "Ce que dit l’Ordre" }).locator('blockquote').first().waitFor();
    expect(await page.getByRole('region', { name: 'Que faire' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Vérifier un autre message' }).click();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('TEXTAREA');
    await expect(page.getByRole('heading', { name: 'Résultat' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('reads an .eml file and lists the lookalike domain', async () => {
    const emlPath = path.join(fileDir, 'andpc.eml');
    writeFileSync(emlPath, FAKE_ANDPC_EML);
    const page = await openCheckPage();
    await page.getByRole('radio', { name: 'Courriel' }).check();
    await page.getByLabel('Ou déposez le fichier du courriel (.eml)').setInputFiles(emlPath);
    await page.getByText('andpc.eml', { exact: true }).waitFor();
    await expectAccessible(page);
    await submit(page);

    const verdict = await page.locator('.verdict__label').textContent();
    expect(verdict).toBeTruthy();
    expect(verdict).not.toBe('Aucun signal détecté');
    await page.getByRole('region', { name: 'Éléments relevés' }).getByText('andpc-validation.com', { exact: true }).waitFor();
    // Malicious links are never clickable.
    expect(await page.getByRole('region', { name: 'Éléments relevés' }).getByRole('link').count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it('says « Aucun signal détecté » for a genuine DPC confirmation, with the caution', async () => {
    const page = await openCheckPage();
    await page.getByRole('radio', { name: 'Courriel' }).check();
    await page.getByLabel('Message à vérifier').fill(GENUINE_DPC);
    await submit(page);

    await page.getByText('Aucun signal détecté', { exact: true }).waitFor();
    await page.getByText("L’absence de signal ne garantit pas qu’un message est sûr.").waitFor();
    await page.getByRole('heading', { name: 'Éléments rassurants' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows the field error when nothing was pasted', async () => {
    const page = await openCheckPage();
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByRole('alert').getByText('Collez le message ou déposez le fichier .eml.').waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('is one click away from the login page', async () => {
    const page = await newPage();
    await page.goto(`${env.baseUrl}/connexion`);
    await page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' }).waitFor();
    await page.getByRole('link', { name: 'Vérifier un message suspect' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifier un message' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/verifier');
    await page.context().close();
  });

  it('stays reachable once logged in, from the home card and the menu', async () => {
    const doctor = await buildUser(env.runtime.database, env.keys, { role: 'medecin', totp: false });
    const page = await newPage();
    await logIn(env, page, doctor);
    await page.getByRole('heading', { level: 1, name: 'Espace médecin' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Vérifier un message suspect' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifier un message' }).waitFor();
    await (await mainNav(page)).getByRole('link', { name: 'Accueil' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});
