import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { advanceTotpWindow, buildDoctor, buildUser, type TestUser } from '../server/test/factories.js';
import { TestClient } from '../server/test/test-client.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

// Entraide ordinale as the commissions live it (issue 11): a doctor asks for help; the CDE of their
// département sees the case by its pseudonym, reveals the identity with a reason, writes the journal,
// decides and transmits the case to the CNE under its pseudonym, then records the consent the person
// gives afterwards to let the CNE know who they are; the CNE records the household's
// budget, sees the reste à vivre drawn against the RSA floor and refers the doctor to Crésus. The CDE of
// another département, an agent and an administrator never see who asked.

const LAST_NAME = 'Montgolfier-Azéma';
const PHONE = '06 12 34 56 78';
const EMAIL = 'lucien.montgolfier@exemple.fr';

let env: E2eEnv;
let doctorUser: TestUser;
let rpps = '';
let cde: TestUser;
let cdeElsewhere: TestUser;
let cne: TestUser;
let agent: TestUser;
let admin: TestUser;
let caseId = '';
let reference = '';

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  return context.newPage();
}

async function apiClient(account: TestUser): Promise<TestClient> {
  await advanceTotpWindow(env.runtime.database, account.user.id);
  const client = new TestClient(env.runtime.app);
  await client.login(env.runtime.database, account);
  return client;
}

/** Calls the API from the page, with its session and CSRF token, as a curious user would. */
async function fetchFromPage(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
}

/** Usable on a 390 px phone: wide tables scroll inside their own region, never the page. */
async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

async function expectNoIdentity(page: Page) {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toContain(LAST_NAME);
  expect(text).not.toContain(rpps);
  expect(text).not.toContain(PHONE);
}

function isoDaysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

beforeAll(async () => {
  env = await startE2e();
  const db = env.runtime.database;
  doctorUser = await buildUser(db, env.keys, { role: 'medecin', departement: '75' });
  rpps = (await buildDoctor(db, { userId: doctorUser.user.id, birthName: LAST_NAME, firstNames: 'Lucien', departement: '75' })).rpps;
  cde = await buildUser(db, env.keys, { role: 'membre_cde', departement: '75' });
  cdeElsewhere = await buildUser(db, env.keys, { role: 'membre_cde', departement: '13' });
  cne = await buildUser(db, env.keys, { role: 'membre_cne', departement: null });
  agent = await buildUser(db, env.keys, { role: 'agent', departement: '75' });
  admin = await buildUser(db, env.keys, { role: 'admin', departement: null });

  // Seats granted by an administrator through the API (the CDE of Bouches-du-Rhône through the page, below).
  const adminApi = await apiClient(admin);
  for (const [account, commission, departement] of [[cde, 'cde', '75'], [cne, 'cne', null]] as const) {
    const res = await adminApi.post('/api/entraide/mandates', { userId: account.user.id, commission, departement, role: 'membre', startsOn: isoDaysAgo(400), endsOn: '2099-12-31' });
    expect(res.statusCode, res.body).toBe(201);
  }

  // The doctor asks for help from their space.
  const doctorApi = await apiClient(doctorUser);
  const filed = await doctorApi.post('/api/entraide/requests', {
    natures: ['financiere', 'professionnelle'],
    urgency: 'rapide',
    message: 'Dettes du cabinet, je ne m’en sors plus.',
    contact: { means: 'telephone', consent: true, phone: PHONE, email: EMAIL },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  reference = (filed.json() as { reference: string }).reference;
  expect(reference).toMatch(/^E-\d{4}-\d{3}$/);
});
afterAll(() => env.close());

describe('entraide: the commissions’ pages', () => {
  let cdePage: Page;
  let adminPage: Page;

  it('an administrator seats a CDE member from « Administration de l’entraide », and reaches no case', async () => {
    const page = await newPage();
    await logIn(env, page, admin, { afterEarlierLogin: true });
    await page.goto(`${env.baseUrl}/admin/entraide`);
    await page.getByRole('heading', { level: 1, name: "Administration de l’entraide" }).waitFor();
    await page.getByRole('table', { name: 'Mandats, en cours et passés' }).waitFor();
    await expectAccessible(page);

    const form = page.getByRole('form', { name: 'Attribuer un mandat' });
    await form.getByLabel('Département', { exact: true }).selectOption('13');
    await form.getByRole('combobox', { name: 'Membre' }).selectOption({ label: `${cdeElsewhere.user.displayName} — ${cdeElsewhere.user.email}` });
    await form.getByLabel('Début du mandat').fill(isoDaysAgo(30));
    await form.getByLabel('Fin du mandat (incluse)').fill('2027-12-31');
    await form.getByRole('button', { name: 'Attribuer le mandat' }).click();
    await page.getByText(`${cdeElsewhere.user.displayName} siège désormais`).waitFor();
    await page.getByRole('row', { name: new RegExp(cdeElsewhere.user.displayName) }).getByText('CDE 13').waitFor();
    await expectAccessible(page);
    await expectNoIdentity(page);

    // No administrator permission opens a case: the pages refuse, and so does the API.
    await page.goto(`${env.baseUrl}/entraide/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    const read = await fetchFromPage(page, 'GET', '/api/entraide/cases');
    expect(read.status).toBe(403);
    expect(read.text).not.toContain(reference);
  });

  it('the CDE member of the département sees the case by its pseudonym and reveals the identity only with a reason', async () => {
    cdePage = await newPage();
    const page = cdePage;
    await logIn(env, page, cde, { afterEarlierLogin: true });
    await page.getByRole('heading', { level: 1, name: 'Espace entraide' }).waitFor();
    await page.getByText('1 dossier reçu sans référent').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Dossiers à attribuer' }).click();
    await page.getByRole('heading', { level: 1, name: "Dossiers d’entraide" }).waitFor();
    const link = page.getByRole('link', { name: `Dossier ${reference}` });
    await link.waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await expectNoIdentity(page);

    await link.click();
    await page.getByRole('heading', { level: 1, name: `Dossier ${reference}` }).waitFor();
    caseId = page.url().split('/').at(-1) ?? '';
    await page.getByText('Financière, Professionnelle').first().waitFor();
    await expectNoIdentity(page);
    await expectAccessible(page);

    await page.getByRole('button', { name: "Révéler l’identité" }).click();
    const reveal = page.getByRole('form', { name: "Révéler l’identité" });
    await reveal.getByText('Chaque consultation est tracée', { exact: false }).waitFor();
    await reveal.getByRole('button', { name: "Révéler l’identité" }).click();
    await page.getByText('Le motif de la consultation est obligatoire.').waitFor();
    await expectNoIdentity(page);
    await reveal.getByLabel('Motif de la consultation').fill('Rappeler le médecin pour fixer le premier entretien.');
    await reveal.getByRole('button', { name: "Révéler l’identité" }).click();
    await page.getByText(`Lucien ${LAST_NAME}`, { exact: false }).waitFor();
    await page.getByText(PHONE).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // Leaving the case forgets the identity: back on it, it is hidden again.
    await page.getByRole('link', { name: 'Retour aux dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: "Dossiers d’entraide" }).waitFor();
    await page.getByRole('link', { name: `Dossier ${reference}` }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier ${reference}` }).waitFor();
    await page.getByRole('button', { name: "Révéler l’identité" }).waitFor();
    await expectNoIdentity(page);
  });

  it('the CDE member writes the journal, records an aid in euros with its vote, transmits the case to the CNE, and records the person’s later consent', async () => {
    const page = cdePage;
    const journal = page.getByRole('form', { name: 'Écrire au journal' });
    await journal.getByRole('radio', { name: /Entretien/ }).check();
    await journal.getByLabel("Compte rendu de l’entretien").fill('Entretien téléphonique : dettes professionnelles, loyer du cabinet en retard.');
    await journal.getByRole('button', { name: 'Inscrire au journal' }).click();
    await page.getByText("L’entretien est inscrit au journal.").waitFor();
    await page.getByText('loyer du cabinet en retard').waitFor();

    const decision = page.getByRole('form', { name: 'Décision de la commission' });
    await decision.getByLabel("Montant de l’aide, en euros").fill('1 500,50');
    await decision.getByLabel("Forme de l’aide").selectOption('secours');
    await decision.getByLabel('Membres en exercice').fill('5');
    await decision.getByLabel('Membres présents').fill('4');
    await decision.getByText('Quorum atteint.', { exact: false }).waitFor();
    await decision.getByLabel('Voix pour').fill('4');
    await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('La décision « Aide financière » est enregistrée.').waitFor();
    await page
      .getByRole('region', { name: 'Décisions prises' })
      .getByText(/^Aide financière — 1\s500,50\s€ — secours \(don\) — le \d\d\/\d\d\/\d{4} — 4 pour, 0 contre, 0 abstention \(quorum atteint\)$/)
      .waitFor();
    const [row] = (await env.runtime.database.raw.query<{ amount_cents: number; members_present: number }>('SELECT amount_cents, members_present FROM entraide_decisions WHERE case_id = $1', [caseId])).rows;
    expect(row).toMatchObject({ amount_cents: 150_050, members_present: 4 });
    await expectAccessible(page);

    const escalation = page.getByRole('form', { name: 'Transmettre à la commission nationale' });
    await escalation.getByRole('radio', { name: /^Non/ }).check();
    await escalation.getByLabel('Motif de la transmission').fill('Grave difficulté financière : orientation vers Crésus à envisager.');
    await escalation.getByRole('button', { name: 'Transmettre à la commission nationale' }).click();
    await page.getByText('Le dossier est transmis à la commission nationale, sous pseudonyme.').waitFor();
    await page.getByText("Transmis à la commission nationale d’entraide").first().waitFor();

    // The person agrees afterwards that the CNE know who they are (Crésus calls them by name).
    const consent = page.getByRole('form', { name: 'Consentement de la personne' });
    await consent.getByLabel('La personne consent désormais à ce que la commission nationale connaisse son identité').check();
    await consent.getByLabel('Note pour le journal (facultatif)').fill('Accord donné au téléphone au référent.');
    await consent.getByRole('button', { name: 'Inscrire le consentement' }).click();
    await page.getByText(/^Le consentement est inscrit/).waitFor();
    await page.getByText('Accord de la personne pour que la commission nationale connaisse son identité').waitFor();
    await page.getByText('avec l’accord de la personne pour son identité', { exact: false }).waitFor();
    expect(await consent.count()).toBe(0);
    await expectAccessible(page);
  });

  it('the CDE member chooses the referent among the members in office, and exports the person’s data on request', async () => {
    const page = cdePage;
    const referent = page.getByRole('form', { name: 'Référent' });
    await referent.getByLabel('Choisir le référent').selectOption({ label: cde.user.displayName });
    await referent.getByRole('button', { name: 'Enregistrer le référent' }).click();
    await page.getByText(`${cde.user.displayName} est le référent du dossier.`).waitFor();

    const access = page.getByRole('form', { name: "Droit d’accès de la personne" });
    await access.getByLabel('Motif').fill('Demande écrite du médecin reçue le 3 mars (droit d’accès).');
    const download = page.waitForEvent('download');
    await access.getByRole('button', { name: 'Exporter les données de la personne' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByText(/Le téléchargement de .+\.pdf a commencé\./).waitFor();
    await expectAccessible(page);
  });

  it('the CDE member of another département does not see the case', async () => {
    const page = await newPage();
    await logIn(env, page, cdeElsewhere, { afterEarlierLogin: true });
    await page.goto(`${env.baseUrl}/entraide/dossiers`);
    await page.getByText('Aucun dossier ne correspond à ces critères.').waitFor();
    await page.goto(`${env.baseUrl}/entraide/dossiers/${caseId}`);
    await page.getByText("Ce dossier d’entraide n’existe pas ou ne relève pas de votre commission.").waitFor();
    await expectNoIdentity(page);
    const reveal = await fetchFromPage(page, 'POST', `/api/entraide/cases/${caseId}/reveal`, { reason: 'Curiosité mal placée, pour voir.' });
    expect(reveal.status).toBe(404);
    expect(reveal.text).not.toContain(LAST_NAME);
  });

  it('an agent records a request after a call and then sees only its pseudonym', async () => {
    const page = await newPage();
    await logIn(env, page, agent, { afterEarlierLogin: true });
    const recorded = await fetchFromPage(page, 'POST', '/api/entraide/requests/recorded', {
      departement: '75',
      natures: ['sante'],
      urgency: 'normale',
      message: '',
      contact: { means: 'courrier', consent: true, address: '3 rue des Lilas, 75011 Paris' },
      beneficiary: { kind: 'medecin', firstName: 'Agathe', lastName: 'Roux-Delcourt' },
    });
    expect(recorded.status).toBe(201);
    expect(JSON.parse(recorded.text)).toMatchObject({ reference: expect.stringMatching(/^E-\d{4}-\d{3}$/) });
    expect(recorded.text).not.toContain('Roux-Delcourt');

    await page.goto(`${env.baseUrl}/entraide/dossiers/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await expectNoIdentity(page);
    for (const [method, path] of [['GET', `/api/entraide/cases/${caseId}`], ['POST', `/api/entraide/cases/${caseId}/reveal`], ['GET', `/api/entraide/cases/${caseId}/budgets`]] as const) {
      const res = await fetchFromPage(page, method, path, method === 'POST' ? { reason: 'Je veux savoir qui a appelé.' } : undefined);
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain(LAST_NAME);
    }
  });

  it('the CNE member records the household’s budget, sees the reste à vivre against the RSA floor, and refers the doctor to Crésus', async () => {
    const page = await newPage();
    await logIn(env, page, cne, { afterEarlierLogin: true });
    await page.getByText('1 dossier en attente de suivi national').waitFor();
    await page.getByRole('link', { name: 'Dossiers transmis à la commission nationale' }).click();
    await page.getByRole('link', { name: `Dossier ${reference}` }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier ${reference}` }).waitFor();
    await expectNoIdentity(page);
    await page.getByRole('link', { name: /Budget et reste à vivre/ }).click();
    await page.getByRole('heading', { level: 1, name: `Budget du dossier ${reference}` }).waitFor();
    await page.getByText('Aucun budget enregistré pour ce dossier.').waitFor();
    await expectAccessible(page);

    // Two months ago, then today: the history shows the household getting back above the floor.
    const budgets = [
      { on: isoDaysAgo(60), income: '2 100', charges: '1 100', debt: '900', remaining: '27 000' },
      { on: isoDaysAgo(0), income: '3 200', charges: '1 100', debt: '900', remaining: '25 200' },
    ];
    for (const b of budgets) {
      const form = page.getByRole('form', { name: 'Enregistrer un budget' });
      await form.getByLabel('Date du budget').fill(b.on);
      await form.getByRole('group', { name: 'Revenu 1' }).getByLabel('Libellé').fill('Honoraires');
      await form.getByRole('group', { name: 'Revenu 1' }).getByLabel('Montant mensuel, en euros').fill(b.income);
      await form.getByRole('group', { name: 'Charge fixe 1' }).getByLabel('Libellé').fill('Loyer du cabinet');
      await form.getByRole('group', { name: 'Charge fixe 1' }).getByLabel('Montant mensuel, en euros').fill(b.charges);
      await form.getByRole('group', { name: 'Dette 1' }).getByLabel('Libellé').fill('Prêt professionnel');
      await form.getByRole('group', { name: 'Dette 1' }).getByLabel('Mensualité, en euros').fill(b.debt);
      await form.getByRole('group', { name: 'Dette 1' }).getByLabel('Reste à rembourser, en euros (facultatif)').fill(b.remaining);
      await form.getByLabel('Enfants de moins de 14 ans').fill('1');
      await form.getByRole('button', { name: 'Enregistrer le budget' }).click();
      await page.getByText('Le budget est enregistré ; le reste à vivre est recalculé.').waitFor();
    }
    const history = page.getByRole('table', { name: /Budgets enregistrés/ });
    await history.getByRole('row').nth(2).waitFor();
    // 3 200 − 1 100 − 900 = 1 200 € for 1,3 consumption units.
    await history.getByText('1 200,00 €').waitFor();
    await history.getByText('923,08 €').waitFor();
    const chart = page.getByTestId('reste-a-vivre-graphique');
    await chart.locator('svg .recharts-line').first().waitFor();
    expect(await chart.locator('.recharts-reference-line').count()).toBe(1);
    await page.getByText('Voir les données de « Reste à vivre au fil des budgets » (tableau)').click();
    await page.getByRole('table', { name: 'Reste à vivre au fil des budgets, en euros par mois' }).getByText('646,52 €').first().waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    const referral = page.getByRole('form', { name: 'Orienter vers Crésus' });
    await referral.getByRole('button', { name: 'Orienter vers Crésus' }).click();
    await page.getByText('La personne doit avoir consenti à son orientation vers Crésus.').first().waitFor();
    await referral.getByLabel('La personne a consenti à être orientée vers Crésus').check();
    await referral.getByLabel('Transmettre son numéro de téléphone (avec son accord)').check();
    await referral.getByRole('button', { name: 'Orienter vers Crésus' }).click();
    await page.getByText('Le dossier est orienté vers Crésus.').waitFor();
    await page.getByText('Orientée vers Crésus', { exact: true }).waitFor();
    // What was handed over is shown on demand, exactly: the phone, not the email.
    await page.getByText('Voir exactement ce qui a été transmis à Crésus').click();
    await page.getByText(PHONE).waitFor();
    await page.getByText('Non transmise').waitFor();
    await page.getByText('1 200,00 €').first().waitFor();

    const action = page.getByRole('form', { name: 'Enregistrer une action de Crésus' });
    await action.getByLabel('Action').selectOption('bilan');
    await action.getByLabel('Note (facultatif)').fill('Premier bilan téléphonique avec Crésus.');
    await action.getByRole('button', { name: "Enregistrer l’action" }).click();
    await page.getByText('Action enregistrée : Bilan général de la situation.').waitFor();
    await page.getByRole('table', { name: 'Actions de Crésus, par date' }).getByText('Premier bilan téléphonique avec Crésus.').waitFor();
    await page.getByText('Accompagnement en cours', { exact: true }).first().waitFor();
    await expectAccessible(page);
  });

  it('the administrator’s audit journal names the case by its pseudonym, never the person', async () => {
    const page = await newPage();
    await logIn(env, page, admin, { afterEarlierLogin: true });
    adminPage = page;
    await page.goto(`${env.baseUrl}/admin/journal?action=entraide.identity.revealed`);
    await page.getByText('Rappeler le médecin pour fixer le premier entretien.').waitFor();
    await expectNoIdentity(page);
    await page.goto(`${env.baseUrl}/entraide/dossiers/${caseId}/budget`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await expectNoIdentity(page);
  });

  it('the administrator sets the retention, ends a seat early, and reads statistics without a name', async () => {
    const page = adminPage;
    await page.goto(`${env.baseUrl}/admin/entraide`);
    const retention = page.getByRole('form', { name: 'Durée de conservation' });
    await retention.getByLabel('Conservation après la clôture, en mois').fill('3');
    await retention.getByRole('button', { name: 'Enregistrer la durée' }).click();
    await page.getByText('La conservation dure au moins 6 mois.').first().waitFor();
    await retention.getByLabel('Conservation après la clôture, en mois').fill('72');
    await retention.getByRole('button', { name: 'Enregistrer la durée' }).click();
    await page.getByText('Les dossiers clos seront supprimés 72 mois après leur clôture.').waitFor();

    await page.getByRole('button', { name: `Mettre fin au mandat de ${cdeElsewhere.user.displayName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Motif').fill('Démission de la commission départementale.');
    await dialog.getByRole('button', { name: 'Mettre fin au mandat', exact: true }).click();
    await page.getByText(`Le mandat de ${cdeElsewhere.user.displayName} prend fin le`).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await page.getByRole('link', { name: 'Voir les statistiques anonymisées' }).click();
    await page.getByRole('heading', { level: 1, name: "Statistiques de l’entraide" }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Dossiers par nature de difficulté' }).waitFor();
    // Two cases in all: every count is under 5, so none is shown.
    await page.getByText('moins de 5').first().waitFor();
    await expectNoIdentity(page);
    expect((await page.locator('body').textContent()) ?? '').not.toContain(reference);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });
});
