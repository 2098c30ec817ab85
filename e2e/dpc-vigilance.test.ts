import { readFile } from 'node:fs/promises';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { DPC_DECISION_OUTCOME_LABELS, DPC_REPORTER_KIND_LABELS, DPC_SIGNALEMENT_KIND_LABELS, DPC_SUBJECT_KIND_LABELS } from '../contracts/dpc-signalements.schemas.js';
import { dpcActions, dpcActionScreenings } from '../server/platform/db/schema-dpc.js';
import { users } from '../server/platform/db/schema.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from '../server/modules/dpc/dpc.testing.js';
import { buildUser, type TestUser } from '../server/test/factories.js';
import { TestClient } from '../server/test/test-client.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

// Issue 12 « done when », in a browser: a doctor who followed a DPC training promising to cure cancer by
// « décodage biologique » reports it; the council's agent sees the facts and the programme with the drift
// markers highlighted, designates an expert reviewer, who recommends a transmission; the agent decides it,
// prepares the ANDPC package (downloadable, without the reporter's identity) and records the ANDPC's
// acknowledgement. Then, the lexicon having changed, an administrator rescreens the catalogue and reads
// the actions that newly match.

const DOCTOR_NAME = 'Hortense Vasseur-Lambrecht';
const DOCTOR_PHONE = '06 48 21 93 70';
const DRIFT_TITLE = 'Guérir le cancer du sein par le décodage biologique';
const FACTS =
  'J’ai suivi cette formation en mars. L’intervenant a présenté le décodage biologique comme un moyen de guérir le cancer du sein, ' +
  'et a conseillé d’arrêter la chimiothérapie pour « résoudre le conflit ». Une patiente de ma connaissance a suivi ce conseil.';
const SHARED_FACTS =
  'Lors d’une session de cette action, l’intervenant a présenté le décodage biologique comme un moyen de guérir le cancer du sein ' +
  'et a recommandé d’arrêter la chimiothérapie.';

const rows = {
  genuine: catalogueRow(),
  drift: catalogueRow({ title: DRIFT_TITLE, programme: DRIFT_PROGRAMME }),
  otherDrift: catalogueRow({ title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME }),
};

let env: E2eEnv;
let doctor: TestUser;
let agent: TestUser;
let reviewer: TestUser;
let admin: TestUser;
let reference = '';
let agentPage: Page;

async function newPage(width: 390 | 1280): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, locale: 'fr-FR' });
  return context.newPage();
}

/** The texts of the highlighted passages in a region of the page. */
async function markedTexts(page: Page, regionName: string): Promise<string[]> {
  const region = page.getByRole('region', { name: regionName });
  await region.locator('mark').first().waitFor();
  return (await region.locator('mark').allTextContents()).map((t) => t.toLowerCase());
}

async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

beforeAll(async () => {
  env = await startE2e();
  const db = env.runtime.database;
  doctor = await buildUser(db, env.keys, { role: 'medecin', departement: '75' });
  await db.db.update(users).set({ displayName: DOCTOR_NAME }).where(eq(users.id, doctor.user.id));
  agent = await buildUser(db, env.keys, { role: 'agent', departement: null, totp: true });
  reviewer = await buildUser(db, env.keys, { role: 'relecteur_dpc', departement: null, totp: true });
  admin = await buildUser(db, env.keys, { role: 'admin', departement: null, totp: true });

  // The ANDPC catalogue, imported by an administrator through the API; each programme is screened on import.
  const adminApi = new TestClient(env.runtime.app);
  await adminApi.login(db, admin);
  const imported = await adminApi.post('/api/dpc/imports', { format: 'csv', fileName: 'catalogue-andpc.csv', contentBase64: catalogueCsv(Object.values(rows)) });
  expect(imported.statusCode, imported.body).toBe(200);
});
afterAll(() => env.close());

describe('DPC vigilance: from a doctor’s signalement to the ANDPC, and the catalogue rescreened', () => {
  it('a doctor reports the training from « Vigilance DPC » on a phone and gets a receipt and an acknowledgement mail', async () => {
    const page = await newPage(390);
    await logIn(env, page, doctor, { afterEarlierLogin: true });
    await page.goto(`${env.baseUrl}/vigilance-dpc`);
    await page.getByRole('heading', { level: 1, name: 'Dérives thérapeutiques et sectaires dans la formation' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Le même lexique examine le catalogue du DPC' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Signaler une formation ou une pratique' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signaler une formation ou une pratique' }).waitFor();
    await page.getByRole('radio', { name: DPC_REPORTER_KIND_LABELS.participant }).check();
    await page.getByRole('radio', { name: DPC_SUBJECT_KIND_LABELS.action }).check();
    await page.getByLabel('Rechercher la formation dans le catalogue du DPC').fill('décodage');
    await page.getByText('1 formation(s) trouvée(s).').waitFor();
    await page.getByRole('button', { name: `Choisir « ${DRIFT_TITLE} »`, exact: false }).click();
    await page.getByText(`(réf. ${rows.drift.reference})`).waitFor();
    await page.getByRole('radio', { name: DPC_SIGNALEMENT_KIND_LABELS.derive_therapeutique }).check();
    await page.getByLabel('Les faits', { exact: true }).fill(FACTS);
    await page.getByRole('group', { name: 'Des patients ou leur santé sont-ils concernés ?' }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('Votre téléphone (facultatif)').fill(DOCTOR_PHONE);
    await page.getByLabel('Votre profession ou spécialité (facultatif)').fill('Oncologue');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    await page.getByRole('heading', { level: 1, name: 'Signalement enregistré' }).waitFor();
    const receipt = (await page.getByText(/^Signalement DPC-\d{4}-\d{5} enregistré$/).textContent()) ?? '';
    reference = /DPC-\d{4}-\d{5}/.exec(receipt)?.[0] ?? '';
    expect(reference).toMatch(/^DPC-\d{4}-\d{5}$/);
    await page.getByText('Un accusé de réception vous a été envoyé par courriel.', { exact: false }).waitFor();
    await expectAccessible(page);

    const mail = await env.catcher.waitFor((m) => m.to.includes(doctor.user.email) && m.subject === `Votre signalement ${reference} a bien été reçu`);
    expect(mail.headers['auto-submitted']).toBe('auto-replied');
    expect(mail.text).toContain(reference);
    // A mailbox may be read by others: the facts are not repeated.
    expect(mail.text).not.toContain('chimiothérapie');
    await page.context().close();
  });

  it('the agent sees it screened, the evidence highlighted in the facts and the programme, and designates the reviewer', async () => {
    agentPage = await newPage(1280);
    const page = agentPage;
    await logIn(env, page, agent, { afterEarlierLogin: true });
    await page.getByRole('link', { name: 'Vigilance DPC' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalements DPC' }).waitFor();
    const link = page.getByRole('link', { name: reference });
    await link.waitFor();
    await expectAccessible(page);
    // No line names the reporter.
    expect((await page.locator('main').textContent()) ?? '').not.toContain(DOCTOR_NAME);

    await link.click();
    await page.getByRole('heading', { level: 1, name: `Signalement ${reference}` }).waitFor();
    expect(await markedTexts(page, 'Faits rapportés, marqueurs de dérive surlignés')).toEqual(expect.arrayContaining([expect.stringContaining('décodage biologique')]));
    expect(await markedTexts(page, 'Titre et programme de l’action, marqueurs de dérive surlignés')).toEqual(expect.arrayContaining([expect.stringContaining('décodage biologique')]));
    await page.getByRole('heading', { level: 3, name: 'Marqueurs relevés dans les faits' }).waitFor();
    await page.getByText(`Action ${rows.drift.reference} :`, { exact: false }).waitFor();
    // The identity stays hidden until asked for, with a reason.
    expect((await page.locator('main').textContent()) ?? '').not.toContain(DOCTOR_NAME);
    await expectAccessible(page);

    await page.getByLabel('Relecteur expert').selectOption({ label: reviewer.user.displayName });
    await page.getByLabel('Note au journal (facultatif)').fill('Programme et faits concordants : avis d’expert demandé.');
    await page.getByRole('button', { name: 'Désigner le relecteur' }).click();
    await page.getByText('Le relecteur est désigné : il est prévenu par courriel.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Changer de relecteur' }).waitFor();
    await expectAccessible(page);

    const mail = await env.catcher.waitFor((m) => m.to.includes(reviewer.user.email) && m.subject === 'Vigie — Un signalement DPC vous est confié');
    expect(mail.text).toContain(reference);
    expect(mail.text).not.toContain(DOCTOR_NAME);
  });

  it('the reviewer opens it from their home, recommends transmission to the ANDPC and the MIVILUDES, and confirms the markers', async () => {
    const page = await newPage(1280);
    await logIn(env, page, reviewer, { afterEarlierLogin: true });
    await page.getByRole('heading', { level: 1, name: 'Espace relecteur DPC' }).waitFor();
    await page.getByText('1 signalement à examiner', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'En attente de votre avis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalements DPC qui vous sont confiés' }).waitFor();
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: `Signalement ${reference}` }).waitFor();
    expect(await markedTexts(page, 'Faits rapportés, marqueurs de dérive surlignés')).toEqual(expect.arrayContaining([expect.stringContaining('décodage biologique')]));
    expect((await page.locator('main').textContent()) ?? '').not.toContain(DOCTOR_NAME);
    await expectAccessible(page);

    await page.getByLabel('Votre avis d’expert').fill(
      'Le décodage biologique n’a aucun fondement scientifique ; conseiller l’arrêt de la chimiothérapie met en danger les patientes. Transmission recommandée.',
    );
    const recommended = page.getByRole('group', { name: 'Suites recommandées' });
    await recommended.getByLabel(DPC_DECISION_OUTCOME_LABELS.transmission_andpc).check();
    await recommended.getByLabel(DPC_DECISION_OUTCOME_LABELS.transmission_miviludes).check();
    const markers = page.getByRole('group', { name: 'Marqueurs que vous confirmez' }).getByRole('checkbox');
    expect(await markers.count()).toBeGreaterThan(0);
    for (const marker of await markers.all()) await marker.check();
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await page.getByText('Votre avis est enregistré.').waitFor();
    const opinion = page.getByRole('region', { name: 'Avis du relecteur' });
    await opinion.getByText(`recommande : ${DPC_DECISION_OUTCOME_LABELS.transmission_andpc}, ${DPC_DECISION_OUTCOME_LABELS.transmission_miviludes}`, { exact: false }).waitFor();
    await opinion.getByText('Marqueurs confirmés :', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('the agent decides the transmissions, prepares the ANDPC package without the reporter, downloads it and records the acknowledgement', async () => {
    const page = agentPage;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Signalement ${reference}` }).waitFor();
    await page.getByText('Le décodage biologique n’a aucun fondement scientifique', { exact: false }).waitFor();

    const decision = page.getByRole('group', { name: 'Issue' });
    await decision.getByLabel(DPC_DECISION_OUTCOME_LABELS.transmission_andpc).check();
    await decision.getByLabel(DPC_DECISION_OUTCOME_LABELS.transmission_miviludes).check();
    await page.getByLabel('Motif de la décision').fill('Promesse de guérison du cancer et incitation à arrêter un traitement : avis d’expert concordant.');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('La décision est enregistrée.').waitFor();
    await page.getByRole('region', { name: 'Décision' }).getByText(`${DPC_DECISION_OUTCOME_LABELS.transmission_andpc}, ${DPC_DECISION_OUTCOME_LABELS.transmission_miviludes}`).waitFor();

    const packageForm = page.getByRole('form', { name: 'Préparer le dossier pour l’ANDPC' });
    await packageForm.waitFor();
    await page.getByRole('form', { name: 'Préparer le dossier pour la MIVILUDES' }).waitFor();
    const sharedFacts = packageForm.getByLabel('Les faits à transmettre');
    expect(await sharedFacts.inputValue()).toBe(FACTS);
    await expectAccessible(page);
    await sharedFacts.fill(SHARED_FACTS);
    await packageForm.getByRole('button', { name: 'Préparer et enregistrer l’envoi à l’ANDPC' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'préparé et enregistré' });
    await sent.waitFor();
    expect(await packageForm.count()).toBe(0);

    const pdfDownload = page.waitForEvent('download');
    await sent.getByRole('link', { name: /^dossier PDF/ }).click();
    const pdf = await downloaded(await pdfDownload);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const jsonDownload = page.waitForEvent('download');
    await sent.getByRole('link', { name: /^données JSON/ }).click();
    const json = (await downloaded(await jsonDownload)).toString('utf8');
    expect(JSON.parse(json)).toBeTypeOf('object');
    expect(json).toContain(reference);
    expect(json).toContain('arrêter la chimiothérapie');
    // What is shared is the rewritten account, never who reported it.
    expect(json).not.toContain('Une patiente de ma connaissance');
    for (const identity of [DOCTOR_NAME, 'Vasseur', doctor.user.email, DOCTOR_PHONE, 'Oncologue']) expect(json).not.toContain(identity);
    await expectAccessible(page);

    const record = page.getByRole('form', { name: 'Enregistrer une réponse, un accusé de réception ou une mise à jour' });
    await record.getByLabel('Partenaire', { exact: true }).selectOption('andpc');
    await record.getByLabel('Nature de l’échange').selectOption('accuse_reception');
    await record.getByLabel('Envoi concerné').selectOption({ index: 1 });
    await record.getByLabel('Résumé', { exact: true }).fill('L’ANDPC accuse réception du dossier par courriel.');
    await record.getByLabel('Référence du dossier chez le partenaire (facultatif)').fill('ANDPC-SIG-2026-117');
    await record.getByRole('button', { name: 'Enregistrer l’échange' }).click();
    await record.getByText('L’échange est enregistré dans le journal.').waitFor();

    const log = page.getByRole('table', { name: 'Journal des échanges, du plus ancien au plus récent' });
    const sentRow = log.getByRole('row').filter({ hasText: 'Envoi du dossier' }).filter({ hasText: 'ANDPC' });
    await sentRow.getByText('Reçu par le partenaire').waitFor();
    await log.getByRole('row').filter({ hasText: 'ANDPC-SIG-2026-117' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('after a lexicon change, the administrator rescreens the catalogue and reads the newly matching actions', async () => {
    // The lexicon ships with the code: stand in its change by marking the stored screenings as made by an
    // older lexicon that saw nothing in them.
    const db = env.runtime.database.db;
    const stale = await db.select({ id: dpcActions.id }).from(dpcActions).where(inArray(dpcActions.reference, Object.values(rows).map((r) => r.reference)));
    expect(stale).toHaveLength(3);
    await db
      .update(dpcActionScreenings)
      .set({ lexiconVersion: '0.9.0', lexiconFingerprint: 'dpc-derives@0.9.0#older', priority: 'aucune', score: 0, findings: [] })
      .where(inArray(dpcActionScreenings.actionId, stale.map((s) => s.id)));

    const page = await newPage(1280);
    await logIn(env, page, admin, { afterEarlierLogin: true });
    await page.goto(`${env.baseUrl}/vigilance-dpc/controles`);
    await page.getByRole('heading', { level: 1, name: 'Contrôles du catalogue' }).waitFor();
    await page.getByText('Le catalogue n’a encore jamais été contrôlé à nouveau.').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Contrôler à nouveau le catalogue' }).click();
    await page.getByText(/^3 actions contrôlées à nouveau avec le lexique .+\s;\s2 actions nouvellement relevées\.$/).waitFor();
    const matches = page.getByRole('table', { name: /^Actions nouvellement relevées\s:\s2/ });
    await matches.getByRole('link', { name: DRIFT_TITLE }).waitFor();
    await matches.getByRole('link', { name: rows.otherDrift.title }).waitFor();
    expect(await matches.getByText(rows.genuine.title).count()).toBe(0);
    await page.getByRole('table', { name: 'Contrôles, du plus récent au plus ancien' }).getByRole('row').nth(1).waitFor();
    await expectAccessible(page);

    await matches.getByRole('link', { name: DRIFT_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: DRIFT_TITLE }).waitFor();
    await page.context().close();
  });
});
