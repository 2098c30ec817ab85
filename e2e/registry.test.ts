import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withRppsCheckDigit } from '../contracts/rpps.js';
import { doctors, type DoctorRow } from '../server/platform/db/schema.js';
import { buildUser, freshTotpCode, type TestUser } from '../server/test/factories.js';
import { td1Specimen, td3Specimen } from '../server/modules/registry/identity-document.specimens.js';
import { expectAccessible, logIn, mainNav, startE2e, type E2eEnv } from './harness.js';

let env: E2eEnv;
let agent: TestUser;
beforeAll(async () => {
  env = await startE2e();
  agent = await buildUser(env.runtime.database, env.keys, { role: 'agent', departement: '75', totp: true });
});
afterAll(() => env.close());

/** A 360 px wide phone: every registry screen must work there. */
async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' });
  return context.newPage();
}

/** Folded as `doctors.search_text` expects: lower case, no accents, « nom prénoms ville ». */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

let serial = 0;
async function insertDoctor(values: { birthName: string; firstNames: string; corrEmail: string; userId?: string; birthDate?: string }): Promise<DoctorRow> {
  serial += 1;
  const proCity = 'Paris';
  const [row] = await env.runtime.database.db
    .insert(doctors)
    .values({
      rpps: withRppsCheckDigit(`10${String(Date.now() % 1e5).padStart(5, '0')}${String(serial).padStart(3, '0')}`),
      birthName: values.birthName,
      firstNames: values.firstNames,
      birthDate: values.birthDate ?? null,
      specialty: 'Médecine générale',
      departement: '75',
      status: 'inscrit',
      proAddress: '12 rue de la Santé',
      proPostalCode: '75014',
      proCity,
      corrAddress: '3 rue des Lilas',
      corrPostalCode: '75020',
      corrCity: 'Paris',
      corrEmail: values.corrEmail,
      corrPhone: `+3361234${String(5000 + serial)}`,
      searchText: fold(`${values.birthName} ${values.firstNames} ${proCity}`),
      userId: values.userId ?? null,
    })
    .returning();
  return row!;
}

async function readDoctor(id: string): Promise<DoctorRow> {
  const [row] = await env.runtime.database.db.select().from(doctors).where(eq(doctors.id, id));
  return row!;
}

/** The « ce n'était pas moi » link of the notification sent to a previous address. */
function notMeLinkOf(text: string): string {
  const link = /http\S+\/ce-netait-pas-moi\?jeton=[\w-]+/.exec(text)?.[0];
  expect(link, 'the notification carries the « Ce n’était pas moi » link').toBeDefined();
  return link!.replace(/^https?:\/\/[^/]+/, env.baseUrl);
}

const inFiveYears = `${new Date().getFullYear() + 5}-06-30`;

describe('an agent handles a change of email received by phone', () => {
  it('records it, cannot apply it without the doctor, then completes it after the in-person identity check', async () => {
    const oldEmail = 'helene.martin.ancienne@exemple.fr';
    const newEmail = 'helene.martin.nouvelle@exemple.fr';
    const doctor = await insertDoctor({ birthName: 'Martin-Lefèvre', firstNames: 'Hélène', corrEmail: oldEmail, birthDate: '1979-03-08' });
    const page = await newPage();
    await logIn(env, page, agent);

    await (await mainNav(page)).getByRole('link', { name: 'Tableau', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: "Tableau de l’Ordre" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Nom, prénom').fill('martin lefevre');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    // Accents and case do not matter to the search.
    await page.getByRole('link', { name: /martin-lefèvre/i }).click();

    await page.getByRole('heading', { level: 1, name: 'MARTIN-LEFÈVRE Hélène' }).waitFor();
    await page.getByText("Consultation enregistrée dans le journal d’audit").waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nouvelle demande de modification' }).click();
    await page.getByLabel('Par téléphone').check();
    await page.getByLabel('Adresse électronique de correspondance').fill(newEmail);
    await page.getByText('Demande reçue à distance').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page
      .getByText(
        'La demande est enregistrée. Elle ne pourra être finalisée qu’en présence du médecin, après vérification de son passeport ou de sa carte nationale d’identité.',
      )
      .waitFor();
    await page.getByRole('cell', { name: 'À finaliser en présence' }).waitFor();
    await expectAccessible(page);

    // Recorded, not applied: the record keeps the old address until the doctor comes in person.
    const correspondence = page.getByRole('region', { name: 'Coordonnées de correspondance' });
    await correspondence.getByText(oldEmail).waitFor();
    expect(await correspondence.getByText(newEmail).count()).toBe(0);
    expect((await readDoctor(doctor.id)).corrEmail).toBe(oldEmail);

    await page.getByRole('link', { name: /^ouvrir la demande DEM-/ }).click();
    await page.getByRole('heading', { level: 2, name: "Vérification d’identité en présence du médecin" }).waitFor();
    await page.getByText('À finaliser en présence', { exact: true }).first().waitFor();
    await expectAccessible(page);
    expect((await readDoctor(doctor.id)).corrEmail).toBe(oldEmail);

    // The passport's MRZ, as the counter's scanner types it; the form reads it back before sending.
    await page.getByLabel('Bande de lecture automatique (MRZ)').fill(td3Specimen({ surname: 'Martin-Lefèvre', givenNames: 'Hélène', birthDate: '1979-03-08' }, { expiry: inFiveYears, number: '18AB12345' }));
    await page.getByText('MARTIN LEFEVRE', { exact: true }).waitFor();
    await page.getByText('08/03/1979', { exact: true }).waitFor();
    await page.getByLabel('Lieu de la vérification').fill('Accueil du conseil départemental de Paris');
    await page.getByLabel('Identité vérifiée').check();
    await page.getByRole('button', { name: 'Enregistrer la vérification' }).click();
    await page.getByText('Modification appliquée').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ouvrir la fiche du médecin' }).click();
    await page.getByRole('heading', { level: 1, name: 'MARTIN-LEFÈVRE Hélène' }).waitFor();
    await page.getByRole('region', { name: 'Coordonnées de correspondance' }).getByText(newEmail).waitFor();
    await page.getByText(/Nouvelles coordonnées\s: non utilisables pour une opération sensible avant le/).waitFor();
    await expectAccessible(page);
    expect((await readDoctor(doctor.id)).corrEmail).toBe(newEmail);

    const notice = await env.catcher.waitFor((m) => m.to.includes(oldEmail));
    expect(notice.subject).toMatch(/coordonnées/);
    expect(notice.text).toContain('Ce n’était pas moi');
    notMeLinkOf(notice.text);
    await page.context().close();
  });
});

describe('a doctor without two-factor authentication', () => {
  it('finds « Mes coordonnées » closed, with the reason and the way to open it', async () => {
    const account = await buildUser(env.runtime.database, env.keys, { role: 'medecin', departement: '75', totp: false });
    await insertDoctor({ birthName: 'Durand', firstNames: 'Paul', corrEmail: 'paul.durand@exemple.fr', userId: account.user.id });
    const page = await newPage();
    await logIn(env, page, account);
    await page.getByRole('main').getByRole('link', { name: 'Mes coordonnées' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mes coordonnées' }).waitFor();
    await page.getByText("Module fermé : activez d’abord la double authentification").waitFor();
    await page.getByRole('link', { name: /Activer la double authentification/ }).waitFor();
    expect(await page.getByLabel('Code à 6 chiffres').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Enregistrer mes nouvelles coordonnées' }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a doctor with two-factor authentication', () => {
  const oldEmail = 'claire.bernard.ancienne@exemple.fr';
  const newEmail = 'claire.bernard.nouvelle@exemple.fr';
  let doctor: DoctorRow;
  let notMeLink: string;

  it('confirms the identity with a fresh code, changes the email and confirms it with the emailed code', async () => {
    const account = await buildUser(env.runtime.database, env.keys, { role: 'medecin', departement: '75', totp: true });
    doctor = await insertDoctor({ birthName: 'Bernard', firstNames: 'Claire', corrEmail: oldEmail, userId: account.user.id });
    const page = await newPage();
    await logIn(env, page, account);
    await page.getByRole('main').getByRole('link', { name: 'Mes coordonnées' }).first().click();
    await page.getByRole('heading', { level: 3, name: 'Confirmez votre identité' }).waitFor();
    await page.getByRole('region', { name: 'Coordonnées de correspondance' }).getByText(oldEmail).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Code à 6 chiffres').fill(await freshTotpCode(env.runtime.database, account.user.id, account.totpSecret!));
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText(/expire dans 5 minutes/).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adresse électronique de correspondance').fill(newEmail);
    await page.getByRole('button', { name: 'Enregistrer mes nouvelles coordonnées' }).click();

    await page.getByLabel('Code reçu par courriel').waitFor();
    await expectAccessible(page);
    expect((await readDoctor(doctor.id)).corrEmail).toBe(oldEmail);
    const codeMail = await env.catcher.waitFor((m) => m.to.includes(newEmail));
    const code = /\b(\d{6})\b/.exec(codeMail.text)![1]!;
    await page.getByLabel('Code reçu par courriel').fill(code);
    await page.getByRole('button', { name: 'Valider' }).click();

    await page.getByText('Vos nouvelles coordonnées sont enregistrées. Votre ancienne adresse a été prévenue.').waitFor();
    await page.getByRole('region', { name: 'Coordonnées de correspondance' }).getByText(newEmail).waitFor();
    await expectAccessible(page);
    expect((await readDoctor(doctor.id)).corrEmail).toBe(newEmail);

    const notice = await env.catcher.waitFor((m) => m.to.includes(oldEmail));
    expect(notice.text).toContain('Ce n’était pas moi');
    notMeLink = notMeLinkOf(notice.text);
    await page.context().close();
  });

  it('freezes the record from « Ce n’était pas moi » in the notice sent to the old address', async () => {
    expect(notMeLink).toBeDefined();
    const page = await newPage();
    await page.goto(notMeLink);
    await page.getByRole('heading', { level: 1, name: "Ce n’était pas moi" }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Geler ma fiche et alerter mon conseil' }).click();
    await page.getByText('Votre fiche est gelée').first().waitFor();
    await expectAccessible(page);
    expect((await readDoctor(doctor.id)).frozenAt).not.toBeNull();
    await page.context().close();

    // The council sees the freeze on the record, and a reviewer may lift it.
    const agentPage = await newPage();
    await logIn(env, agentPage, agent);
    await agentPage.goto(`${env.baseUrl}/tableau/medecins/${doctor.id}`);
    await agentPage.getByText(/^Fiche gelée depuis le/).waitFor();
    await agentPage.getByRole('button', { name: 'Lever le gel' }).waitFor();
    await expectAccessible(agentPage);
    await agentPage.context().close();
  });
});

describe('an agent records a new registration', () => {
  it('is kept until the person comes in person, then the record is created', async () => {
    const agent = await buildUser(env.runtime.database, env.keys, { role: 'agent', departement: '75' });
    const page = await newPage();
    await logIn(env, page, agent);
    await page.getByRole('heading', { level: 1, name: 'Espace agent' }).waitFor();
    await page.goto(`${env.baseUrl}/tableau/inscription`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle inscription au tableau' }).waitFor();
    await expectAccessible(page);
    const rpps = withRppsCheckDigit('1888777666');
    await page.getByLabel('Par courrier').check();
    await page.getByLabel('Étudiant de 3e cycle (docteur junior)').check();
    await page.getByLabel('Numéro RPPS').fill(rpps);
    await page.getByLabel('Nom de naissance').fill('Benali');
    await page.getByLabel('Prénoms').fill('Yasmine');
    await page.getByRole('button', { name: "Enregistrer l’inscription" }).click();
    await page.getByText(/à finaliser en présence/).first().waitFor();
    await expectAccessible(page);
    expect(await env.runtime.database.db.select().from(doctors).where(eq(doctors.rpps, rpps))).toEqual([]);

    // The person comes in: the identity check creates the record.
    await page.getByRole('link', { name: /^ouvrir la demande DEM-/ }).click();
    await page.getByRole('heading', { level: 2, name: "Vérification d’identité en présence du médecin" }).waitFor();
    const cardMrz = td1Specimen({ surname: 'Benali', givenNames: 'Yasmine', birthDate: '1999-05-17' }, { expiry: new Date(Date.now() + 4 * 365 * 86_400_000).toISOString().slice(0, 10), number: 'Z9Y8X7W6V' });
    // A typo first: the check digit no longer matches and the server refuses, saying which one.
    await page.getByLabel('Bande de lecture automatique (MRZ)').fill(cardMrz.replace('Z9Y8X7W6V', 'Z9Y8X7W6W'));
    await page.getByLabel('Lieu de la vérification').fill('Accueil du conseil départemental de Paris');
    await page.getByLabel('Identité vérifiée').check();
    await page.getByRole('button', { name: 'Enregistrer la vérification' }).click();
    await page.getByText('La clé de contrôle du numéro du titre est fausse.').first().waitFor();
    await expectAccessible(page);
    await page.getByLabel('Bande de lecture automatique (MRZ)').fill(cardMrz);
    await page.getByText("Carte nationale d’identité (modèle 2021)", { exact: true }).waitFor();
    await page.getByLabel('Identité vérifiée').check();
    await page.getByRole('button', { name: 'Enregistrer la vérification' }).click();
    await page.getByText('Modification appliquée').waitFor();
    const [created] = await env.runtime.database.db.select().from(doctors).where(eq(doctors.rpps, rpps));
    expect(created).toMatchObject({ birthName: 'Benali', firstNames: 'Yasmine', status: 'etudiant_3e_cycle', departement: '75' });
    await page.context().close();
  });
});
