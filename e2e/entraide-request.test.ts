import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildUser, type TestUser } from '../server/test/factories.js';
import { expectAccessible, logIn, mainNav, startE2e, type E2eEnv } from './harness.js';

// Entraide ordinale as the people who need it live it (issue 11): someone opens the public page on a
// phone and finds the numbers to call; a doctor asks for help for themself and follows the request by
// its pseudonym; a relative asks for a doctor without an account; a doctor who lost money to a scam is
// offered the entraide in the report's confirmation, and nothing is filed unless they ask.

let env: E2eEnv;
let doctor: TestUser;
let scammedDoctor: TestUser;

beforeAll(async () => {
  env = await startE2e();
  doctor = await buildUser(env.runtime.database, env.keys, { role: 'medecin', departement: '75' });
  scammedDoctor = await buildUser(env.runtime.database, env.keys, { role: 'medecin', departement: '69' });
});
afterAll(() => env.close());

async function newPage(width = 390): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height: 844 }, locale: 'fr-FR' });
  return context.newPage();
}

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

async function caseCount(): Promise<number> {
  const [row] = (await env.runtime.database.raw.query<{ n: string }>('SELECT count(*) AS n FROM entraide_cases')).rows;
  return Number(row?.n);
}

describe('entraide ordinale: asking for help', () => {
  it.each([1280, 390])('a visitor finds the emergency numbers and the helplines at %i px, without login', async (width) => {
    const page = await newPage(width);
    await page.goto(`${env.baseUrl}/`);
    await (await mainNav(page)).getByRole('link', { name: 'Entraide' }).click();
    await page.getByRole('heading', { level: 1, name: 'Entraide ordinale' }).waitFor();
    await expect(page.getByRole('link', { name: 'Appeler le 3114' }).getAttribute('href')).resolves.toBe('tel:3114');
    await expect(page.getByRole('link', { name: 'Appeler le 15' }).getAttribute('href')).resolves.toBe('tel:15');
    await expect(page.getByRole('link', { name: 'Appeler SYNEXIAL au 0800 288 038' }).getAttribute('href')).resolves.toBe('tel:0800288038');
    await expect(page.getByRole('link', { name: 'Appeler STIMULUS au 09 80 80 03 07' }).getAttribute('href')).resolves.toBe('tel:0980800307');
    // The emergency numbers come before anything else on the page.
    const order = await page.evaluate(() => {
      // French typography joins a phone number's groups with no-break spaces.
      const text = (document.getElementById('contenu')?.textContent ?? '').replace(/\u00A0/g, ' ');
      return [text.indexOf('Appeler le 15'), text.indexOf('0800 288 038'), text.indexOf('Demander de l’aide')];
    });
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // A département without lines of its own shows the national ones, and says so.
    await page.getByLabel('Votre département').selectOption('33');
    await page.getByText("Ce département n’a pas de ligne propre : voici les lignes nationales, ouvertes à tous.").waitFor();
    expect(page.url()).toMatch(/\/entraide\?departement=33$/);
    await expectNoHorizontalScroll(page);
    await page.context().close();
  });

  it('a doctor logs in from the public page, asks for help with a financial difficulty, gets a pseudonym and finds it in « Mes demandes »', async () => {
    const page = await newPage();
    await page.goto(`${env.baseUrl}/entraide`);
    await page.getByRole('link', { name: 'Me connecter pour faire ma demande' }).click();
    await logIn(env, page, doctor, { onLoginPage: true });
    await page.getByRole('heading', { level: 1, name: "Demander de l’aide" }).waitFor();
    await expectAccessible(page);

    // Sent empty: told what is missing, nothing filed.
    const before = await caseCount();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').getByText('Choisissez au moins une nature de difficulté.').waitFor();
    await expectAccessible(page);
    expect(await caseCount()).toBe(before);

    await page.getByRole('checkbox', { name: /^Financière/ }).check();
    await page.getByRole('radio', { name: 'Dans les 48 heures' }).check();
    await page.getByLabel('Message (facultatif)').fill('Mon cabinet ne couvre plus mes charges depuis six mois.');
    await page.getByRole('radio', { name: 'Par téléphone' }).check();
    await page.getByLabel('Numéro de téléphone').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();

    const reference = (await page.locator('.receipt-number').first().textContent()) ?? '';
    expect(reference).toMatch(/^Dossier E-\d{4}-\d{3}$/);
    await page.getByText('Un membre de la commission vous appellera.').waitFor();
    await expect(page.getByRole('link', { name: 'Appeler SYNEXIAL au 0800 288 038' }).count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    expect(await caseCount()).toBe(before + 1);

    await page.getByRole('link', { name: "Mes demandes d’entraide" }).first().click();
    await page.getByRole('heading', { level: 1, name: "Mes demandes d’entraide" }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Reçue, un membre de la commission va la prendre en charge').waitFor();
    await row.getByText('Financière').waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.context().close();
  });

  it('a relative asks for help for a doctor, without an account', async () => {
    const page = await newPage();
    await page.goto(`${env.baseUrl}/entraide`);
    await page.getByRole('link', { name: 'Faire une demande pour un proche' }).click();
    await page.getByRole('heading', { level: 1, name: "Demander de l’aide pour un proche" }).waitFor();
    await expectAccessible(page);

    await page.getByRole('radio', { name: 'Médecin inscrit au tableau' }).check();
    await page.getByLabel('Son prénom').fill('Hélène');
    await page.getByLabel('Son nom', { exact: true }).fill('Morel');
    await page.getByLabel('Votre prénom').fill('Paul');
    await page.getByLabel('Votre nom', { exact: true }).fill('Morel');
    await page.getByLabel('Votre lien avec la personne').fill('Conjoint');
    await page.getByLabel('Département').selectOption('75');
    await page.getByRole('checkbox', { name: /^Santé/ }).check();
    await page.getByRole('checkbox', { name: /^Professionnelle/ }).check();
    await page.getByRole('radio', { name: 'Par courriel' }).check();
    await page.getByLabel('Adresse électronique').fill('paul.morel@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();

    await expect(page.locator('.receipt-number').first().textContent()).resolves.toMatch(/^Dossier E-\d{4}-\d{3}$/);
    await page.getByText('Un membre de la commission vous écrira par courriel.').waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.context().close();
  });

  it('a doctor who paid a scammer is offered the entraide in the report’s confirmation, and nothing is filed for them', async () => {
    const page = await newPage();
    await logIn(env, page, scammedDoctor);
    await page.goto(`${env.baseUrl}/signaler`);
    await page.getByRole('heading', { level: 1, name: 'Signaler un démarchage' }).waitFor();
    await page.getByRole('radio', { name: 'Appel téléphonique' }).check();
    await page.getByLabel("Ce qui s’est passé").fill("Un faux organisme de DPC m’a fait payer 1 200 € par virement pour valider ma certification.");
    await page.getByLabel("J’ai payé ou versé de l’argent").check();
    const before = await caseCount();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    await page.getByRole('heading', { level: 2, name: "L’entraide ordinale peut vous aider" }).waitFor();
    const offer = page.locator('section', { has: page.getByRole('heading', { name: "L’entraide ordinale peut vous aider" }) });
    await offer.getByRole('link', { name: 'Appeler STIMULUS au 09 80 80 03 07' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    expect(await caseCount()).toBe(before);

    await offer.getByRole('link', { name: "Demander l’aide de l’entraide ordinale" }).click();
    await page.getByRole('heading', { level: 1, name: "Demander de l’aide" }).waitFor();
    expect(page.url()).toMatch(/\/entraide\/demande\?nature=financiere$/);
    await expect(page.getByRole('checkbox', { name: /^Financière/ }).isChecked()).resolves.toBe(true);
    expect(await caseCount()).toBe(before);
    await page.context().close();
  });
});
