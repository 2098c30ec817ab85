import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildUser, freshTotpCode } from '../server/test/factories.js';
import { currentTotpCode } from '../server/platform/auth/totp.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env.close());

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  return context.newPage();
}

const HOMES = [
  { role: 'medecin', departement: '75', totp: true, heading: 'Espace médecin' },
  { role: 'agent', departement: '75', totp: true, heading: 'Espace agent' },
  { role: 'membre_cde', departement: '75', totp: true, heading: 'Espace entraide' },
  { role: 'membre_cne', departement: null, totp: true, heading: 'Espace entraide' },
  { role: 'admin', departement: null, totp: true, heading: 'Administration' },
] as const;

describe('each role logs in with 2FA and reaches its home', () => {
  it.each(HOMES)('$role', async ({ role, departement, totp, heading }) => {
    const account = await buildUser(env.runtime.database, env.keys, { role, departement, totp });
    const page = await newPage();
    await page.goto(`${env.baseUrl}/connexion`);
    await page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' }).waitFor();
    await expect(page.title()).resolves.toMatch(/Connexion/);
    await expectAccessible(page);

    await page.getByLabel('Adresse électronique').fill(account.user.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByLabel('Code à 6 chiffres').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Code à 6 chiffres').fill(await freshTotpCode(env.runtime.database, account.user.id, account.totpSecret!));
    await page.getByRole('button', { name: 'Vérifier' }).click();

    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await expectAccessible(page);
    await page.goto(`${env.baseUrl}/compte`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' }).waitFor();
    await page.context().close();
  });
});

describe('an administrator', () => {
  it('must set up 2FA at first login, then manages accounts and reads the audit log', async () => {
    const admin = await buildUser(env.runtime.database, env.keys, { role: 'admin', departement: null, totp: false });
    const page = await newPage();
    await logIn(env, page, admin);

    await page.getByRole('button', { name: 'Configurer la double authentification' }).click();
    const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await expectAccessible(page);
    await page.getByLabel('Code à 6 chiffres').fill(currentTotpCode(secret!));
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await page.getByText("J’ai conservé mes codes").waitFor();
    await expectAccessible(page);
    await page.getByLabel("J’ai conservé mes codes").check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    await page.goto(`${env.baseUrl}/admin/utilisateurs`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page);
    const form = page.locator('form', { has: page.getByRole('button', { name: /Créer/ }) });
    await form.getByLabel('Adresse électronique').fill('nouvelle.agente@exemple.fr');
    await form.getByLabel('Nom affiché').fill('Nouvelle Agente');
    await form.getByLabel('Rôle').selectOption('agent');
    await form.getByRole('combobox', { name: 'Département' }).fill('Bouches');
    await form.getByRole('option', { name: '13 — Bouches-du-Rhône' }).click();
    await form.getByRole('button', { name: /Créer/ }).click();
    await page.getByRole('rowheader', { name: /nouvelle\.agente@exemple\.fr/ }).waitFor();
    await page.getByText(/^Invitation envoyée le /).first().waitFor();
    const invitation = await env.catcher.waitFor((m) => m.to.includes('nouvelle.agente@exemple.fr'));
    expect(invitation.subject).toMatch(/compte a été créé/);

    await page.goto(`${env.baseUrl}/admin/journal`);
    await page.getByRole('cell', { name: 'admin.user.created' }).first().waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a doctor who forgot the password', () => {
  it('gets a link by email and chooses a new password', async () => {
    const doctor = await buildUser(env.runtime.database, env.keys, { role: 'medecin', totp: false });
    const page = await newPage();
    await page.goto(`${env.baseUrl}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adresse électronique').fill(doctor.user.email);
    await page.getByRole('button', { name: /Envoyer/ }).click();
    await page.getByText(/Si un compte correspond à cette adresse/).waitFor();

    const mail = await env.catcher.waitFor((m) => m.to.includes(doctor.user.email));
    const link = /http\S+reinitialiser-mot-de-passe\?token=[\w-]+/.exec(mail.text)![0];
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, env.baseUrl));
    await page.getByRole('heading', { level: 1, name: 'Choisir un mot de passe' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/Nouveau mot de passe/).first().fill('ma nouvelle phrase de passe');
    const confirm = page.getByLabel(/Confirme/);
    if (await confirm.count()) await confirm.fill('ma nouvelle phrase de passe');
    await page.getByRole('button', { name: /Enregistrer|Valider|Choisir/ }).click();
    await page.getByText(/mot de passe a été/i).waitFor();

    await logIn(env, page, { ...doctor, password: 'ma nouvelle phrase de passe' });
    await page.getByRole('heading', { level: 1, name: 'Espace médecin' }).waitFor();
    await page.context().close();
  });
});

describe('an unknown address', () => {
  it('shows an accessible French « Page introuvable »', async () => {
    const page = await newPage();
    await page.goto(`${env.baseUrl}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('the first start', () => {
  it('creates the first administrator from the printed link, who then enrols 2FA', async () => {
    const { issueBootstrapTokenIfNeeded } = await import('../server/modules/bootstrap/bootstrap.service.js');
    const { users } = await import('../server/platform/db/schema.js');
    // Earlier journeys created administrators; the link is issued only when none exists.
    await env.runtime.database.db.delete(users);
    const token = await issueBootstrapTokenIfNeeded(env.runtime.database);
    const page = await newPage();
    await page.goto(`${env.baseUrl}/premier-administrateur?jeton=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Créer le premier administrateur' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adresse électronique').fill('premiere.admin@ordre.fr');
    await page.getByLabel('Nom affiché').fill('Première Admin');
    await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByText('Compte administrateur créé').waitFor();
    await page.getByRole('link', { name: 'Se rendre à la page de connexion' }).click();
    await page.getByLabel('Adresse électronique').fill('premiere.admin@ordre.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Configurer la double authentification' }).waitFor();
    await page.context().close();
  });
});
