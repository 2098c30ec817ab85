import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDoctor, buildUser, type TestUser } from '../server/test/factories.js';
import { buildReport } from '../server/modules/campaigns/campaigns.factories.js';
import { insertSignalement } from '../server/modules/dpc/dpc-signalements.testing.js';
import { alerts } from '../server/platform/db/schema-alerts.js';
import { changeRequests } from '../server/platform/db/schema.js';
import { entraideMandates } from '../server/platform/db/schema-entraide.js';
import { campaigns } from '../server/platform/db/schema-reports.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

// Issue 13, « done when »: each role's home says what to do next; a test per role walks its home, follows
// each count to its list, finds the count's items there and opens its next task.

let env: E2eEnv;
let agent: TestUser;
let colleague: TestUser;
let reviewer: TestUser;
let doctor: TestUser;
let admin: TestUser;

beforeAll(async () => {
  env = await startE2e();
  const db = env.runtime.database;
  agent = await buildUser(db, env.keys, { role: 'agent', departement: '75', totp: true });
  colleague = await buildUser(db, env.keys, { role: 'agent', departement: '75', totp: true });
  reviewer = await buildUser(db, env.keys, { role: 'relecteur_dpc', departement: null, totp: true });
  doctor = await buildUser(db, env.keys, { role: 'medecin', departement: '75', totp: false });
  admin = await buildUser(db, env.keys, { role: 'admin', departement: null, totp: true });
  // The agent's work: two new reports, one assigned to them, an open campaign, an alert a colleague
  // drafted (four eyes: theirs to approve), a change request waiting for the doctor in person.
  await buildReport(db, { departement: '75' });
  await buildReport(db, { departement: '75' });
  await buildReport(db, { departement: '75', status: 'en_cours', assignedTo: agent.user.id });
  const [campaign] = await db.db.insert(campaigns).values({ reference: 'CAMP-2026-7001', label: 'Faux contrôle — 09 70 00 00 01', status: 'ouverte', reportCount: 1, lastReportAt: new Date() }).returning();
  await buildReport(db, { departement: '75', campaignId: campaign!.id, status: 'qualifie' });
  await db.db.insert(alerts).values({
    title: 'Faux appels de l’ANS',
    situation: 'Des médecins reçoivent des appels.',
    whatToDo: 'Raccrochez.',
    audienceScope: 'departements',
    audienceDepartements: ['75'],
    draftedBy: colleague.user.id,
    status: 'a_approuver',
    submittedAt: new Date(),
  });
  const record = await buildDoctor(db, { departement: '75', userId: doctor.user.id, birthName: 'Accueil', firstNames: 'Claire' });
  await db.db.insert(changeRequests).values({ reference: 'DM-E2E-0001', doctorId: record.id, kind: 'contact_change', channel: 'guichet', status: 'attente_presence', departement: '75', requested: { corrCity: 'Lyon' } });
  // The doctor's own report, and the reviewer's designated signalement.
  await buildReport(db, { departement: '75', reporterUserId: doctor.user.id });
  await insertSignalement(db, { status: 'en_revue', reviewerId: reviewer.user.id, subjectLabel: 'Formation « Décoder le cancer »' });
});
afterAll(() => env.close());

async function loggedInPage(account: TestUser, width = 1280): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await logIn(env, page, account);
  return page;
}

/** The « À traiter » lines with a count, as links: label and target. */
async function workLinks(page: Page): Promise<{ label: string; href: string }[]> {
  const section = page.getByRole('region', { name: 'À traiter' });
  await section.getByRole('link').first().waitFor();
  const links = await section.getByRole('link').all();
  return Promise.all(links.map(async (l) => ({ label: ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim(), href: (await l.getAttribute('href')) ?? '' })));
}

const countOf = (label: string) => Number(/^(\d+)/.exec(label.replace(/\s/g, ''))?.[1] ?? 0);

describe('each role’s home says what to do next', () => {
  it('an agent follows each count of « À traiter » to its list and opens the next task', async () => {
    const page = await loggedInPage(agent);
    await page.getByRole('heading', { level: 1, name: /Espace agent/ }).waitFor();
    await expectAccessible(page);
    const links = await workLinks(page);
    const byCount = links.filter((l) => countOf(l.label) > 0);
    // What was seeded for them: new reports, one assigned to them, an open campaign, an alert to approve, a change to finalise.
    expect(byCount.map((l) => l.href)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/signalements?'),
        expect.stringContaining('assigned=me'),
        expect.stringContaining('/campagnes?statut=ouverte'),
        expect.stringContaining('/alertes/gestion?statut=a_approuver'),
        expect.stringContaining('/tableau/demandes?statut=attente_presence'),
      ]),
    );
    // Four eyes, said first.
    await page.getByRole('link', { name: /1 alerte attend votre approbation/ }).waitFor();

    for (const link of byCount) {
      await page.goto(`${env.baseUrl}${link.href}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const main = page.getByRole('main');
      // The list shows what the count counted: at least that many links to records, the first of which opens.
      const records = main.locator('table a[href], ul.cards a[href], ol a[href]').filter({ hasNotText: /^(Retour|Précédent|Suivant)/ });
      await records.first().waitFor();
      expect(await records.count(), link.label).toBeGreaterThanOrEqual(countOf(link.label));
      await expectAccessible(page);
      await records.first().click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('region', { name: 'À traiter' }).waitFor();
    }
  });

  it('an expert reviewer finds the signalement designated to them from their home', async () => {
    const page = await loggedInPage(reviewer);
    await page.getByRole('heading', { level: 1, name: 'Espace relecteur DPC' }).waitFor();
    await page.getByText(/1 signalement à examiner/).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'En attente de votre avis' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: /DPC-/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /DPC-/ }).waitFor();
    await expectAccessible(page);
  });

  it('a doctor sees their reports with status, the current alerts and the state of their record, on a phone', async () => {
    const page = await loggedInPage(doctor, 390);
    await page.getByRole('heading', { level: 1, name: 'Espace médecin' }).waitFor();
    const reports = page.getByRole('region', { name: 'Mes derniers signalements' });
    await reports.getByText(/Nouveau|Reçu|En cours/).first().waitFor();
    await page.getByRole('region', { name: 'Alertes en cours' }).waitFor();
    await page.getByText(/Une modification de vos coordonnées attend votre passage au conseil/).waitFor();
    await expectAccessible(page);
    // The doctor reopens the report they sent, then finds all of theirs.
    await reports.getByRole('link', { name: /^SIG-/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Signalement SIG-/ }).waitFor();
    await page.getByRole('region', { name: 'Ce que vous avez envoyé' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Retour à mes signalements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes signalements' }).waitFor();
  });

  it('a member of the departmental commission goes from their home to the cases waiting for a referent', async () => {
    const db = env.runtime.database;
    const member = await buildUser(db, env.keys, { role: 'membre_cde', departement: '75', totp: true });
    await db.db.insert(entraideMandates).values({ userId: member.user.id, commission: 'cde', departement: '75', role: 'membre', startsOn: '2021-01-01', endsOn: '2099-12-31' });
    const page = await loggedInPage(member, 390);
    await page.getByRole('heading', { level: 1, name: 'Espace entraide' }).waitFor();
    await page.getByText(/reçus? sans référent/).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Dossiers à attribuer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers d’entraide' }).waitFor();
    await expectAccessible(page);
  });

  it('an administrator’s home says what waits for them too', async () => {
    const page = await loggedInPage(admin);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const links = await workLinks(page);
    expect(links.length).toBeGreaterThan(0);
    await expectAccessible(page);
  });
});
