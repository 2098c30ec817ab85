import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withRppsCheckDigit } from '../contracts/rpps.js';
import { doctors } from '../server/platform/db/schema.js';
import { reports } from '../server/platform/db/schema-reports.js';
import { buildUser, type TestUser } from '../server/test/factories.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

// The whole loop of the fraud service, as its users live it: a doctor reports a scam SMS with a
// screenshot, another forwards the scammer's email to the council's address, both land in one campaign,
// an agent qualifies it and drafts an alert, a second agent approves it, the broadcast reaches the
// doctors of the register, and the public check page now knows the scammer's number.

const SCAM_NUMBER = '09 70 12 34 56';
const SCAM_SMS = `Ordre des médecins : votre certification périodique n'est pas validée, vous risquez la radiation (dossier CP2025-88412, réf. https://ordre-medecins-dpc.fr/?ref=CP2025-88412). Rappelez sans délai le ${SCAM_NUMBER}.`;
// A 1×1 PNG: a screenshot as far as content checks go.
const SCREENSHOT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let env: E2eEnv;
let doctor: TestUser;
let forwardingDoctor: TestUser;
let agent: TestUser;
let secondAgent: TestUser;
const recipients = ['camille.lefevre@medecins.example.fr', 'thomas.nguyen@medecins.example.fr', 'sarah.benali@medecins.example.fr'];

beforeAll(async () => {
  env = await startE2e();
  const db = env.runtime.database;
  doctor = await buildUser(db, env.keys, { role: 'medecin', departement: '75' });
  forwardingDoctor = await buildUser(db, env.keys, { role: 'medecin', departement: '75' });
  agent = await buildUser(db, env.keys, { role: 'agent', departement: '75', totp: true });
  secondAgent = await buildUser(db, env.keys, { role: 'agent', departement: '75', totp: true });
  await db.db.insert(doctors).values(
    recipients.map((email, i) => ({
      rpps: withRppsCheckDigit(`1099900${String(i).padStart(3, '0')}`),
      birthName: `Destinataire${i}`,
      firstNames: 'Alerte',
      specialty: 'Médecine générale',
      departement: '75',
      status: 'inscrit' as const,
      proCity: 'Paris',
      corrEmail: email,
      searchText: `destinataire${i} alerte paris`,
    })),
  );
});
afterAll(() => env.close());

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  return context.newPage();
}

/** Polls until fn returns a value (the job workers group reports in the background). */
async function eventually<T>(fn: () => Promise<T | null | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('from a doctor’s report to the council’s alert', () => {
  let smsReceipt = '';
  let campaignId = '';

  it('a doctor reports the scam SMS with a screenshot and gets a receipt and guidance', async () => {
    const page = await newPage();
    await logIn(env, page, doctor);
    await page.goto(`${env.baseUrl}/signaler`);
    await page.getByRole('heading', { level: 1, name: 'Signaler un démarchage' }).waitFor();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel("Nom de l’organisme annoncé (facultatif)").fill('Direction régionale de certification périodique');
    await page.getByLabel("Numéro de l’expéditeur du SMS (facultatif)").fill(SCAM_NUMBER);
    await page.getByLabel("Ce qui s’est passé").fill("SMS reçu ce matin, menace de radiation si je ne rappelle pas.");
    await page.getByLabel('Copie des échanges (facultatif)').fill(SCAM_SMS);
    await page.getByLabel('Copies des échanges (facultatif)').setInputFiles({ name: 'capture-sms.png', mimeType: 'image/png', buffer: SCREENSHOT });
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    smsReceipt = (await page.locator('.receipt-number').first().textContent()) ?? '';
    expect(smsReceipt).toMatch(/^SIG-\d{4}-[0-9A-Z]{8}$/);
    // What else to do for an SMS: forward it to the 33700.
    await page.getByText(/33700/).first().waitFor();
    await expectAccessible(page);
  });

  it('another doctor forwards the scammer’s email to the council’s address; both land in one campaign', async () => {
    const intake = env.runtime.intake;
    expect(intake).not.toBeNull();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: intake!.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: forwardingDoctor.user.email,
      to: env.runtime.app.services.config.intakeSmtp.address,
      subject: 'TR: Validation de votre certification périodique',
      text: [
        'Bonjour, je vous transmets ce courriel reçu hier.',
        '',
        '---------- Forwarded message ---------',
        'De : Certification Périodique <contact@certification-medecins-validation.fr>',
        'Date: lun. 16 nov. 2026 à 09:12',
        'Subject: Validation de votre certification périodique',
        `To: <${forwardingDoctor.user.email}>`,
        '',
        'Docteur, votre certification périodique doit être validée avant radiation.',
        `Contactez notre service au ${SCAM_NUMBER} ou sur https://certification-medecins-validation.fr/connexion`,
      ].join('\n'),
    });
    transport.close();

    const db = env.runtime.database.db;
    const grouped = await eventually(async () => {
      const rows = await db.select({ receipt: reports.receiptNumber, source: reports.source, campaignId: reports.campaignId }).from(reports);
      const sms = rows.find((r) => r.receipt === smsReceipt);
      const email = rows.find((r) => r.source === 'courriel');
      return sms?.campaignId && email?.campaignId ? { sms, email } : null;
    }, 'both reports grouped');
    expect(grouped.email.campaignId).toBe(grouped.sms.campaignId);
    campaignId = grouped.sms.campaignId!;
    const forwarded = await db.select({ reporter: reports.reporterUserId }).from(reports).where(eq(reports.source, 'courriel'));
    expect(forwarded[0]?.reporter).toBe(forwardingDoctor.user.id);
    // The forwarding doctor is acknowledged by email with the receipt number.
    await env.catcher.waitFor((m) => m.to.includes(forwardingDoctor.user.email) && /SIG-\d{4}-/.test(m.text));
    expect(campaignId).not.toBe('');
  });

  it('an agent finds the campaign, qualifies it and drafts an alert; a second agent approves it', async () => {
    const page = await newPage();
    await logIn(env, page, agent);
    await page.goto(`${env.baseUrl}/campagnes/${campaignId}`);
    await page.getByRole('heading', { level: 2, name: 'Indicateurs', exact: true }).first().waitFor();
    // Both reports are listed, the scammer's number among the indicators.
    await page.getByText(smsReceipt).first().waitFor();
    await page.getByRole('rowheader', { name: new RegExp(SCAM_NUMBER) }).first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Qualifier la campagne' }).click();
    await page.getByRole('button', { name: 'Qualifier et publier' }).click();
    await page.getByText('Campagne qualifiée').waitFor();
    // Issue 14: the only phone the campaign shares with partners is the scammer's number, nothing read
    // into a date, a reference or a link (the CSV lists what the STIX and MISP files carry).
    const shared = await page.request.get(`${env.baseUrl}/api/sharing/campaigns/${campaignId}/indicators?format=csv&include=all`);
    expect(shared.status()).toBe(200);
    const sharedPhones = (await shared.text()).split('\r\n').map((line) => line.split(';')).filter((cells) => cells[0] === 'telephone').map((cells) => cells[1]?.replace(/^"'|"$/g, ''));
    expect(sharedPhones).toEqual(['+33970123456']);

    await page.getByRole('link', { name: 'Rédiger une alerte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle alerte' }).waitFor();
    await page.getByLabel('Titre').fill('Faux appels au nom de la certification périodique');
    await page.getByLabel('Ce qui se passe').fill(`Des médecins reçoivent des SMS et des courriels menaçant de radiation et demandant de rappeler le ${SCAM_NUMBER}.`);
    await page.getByLabel('Ce qu’il faut faire').fill("Ne rappelez pas ce numéro. Signalez le message à l’Ordre avec la copie des échanges.");
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('button', { name: 'Soumettre pour approbation' }).click();
    const alertUrl = page.url();
    expect(alertUrl).toMatch(/\/alertes\/gestion\/[0-9a-f-]{36}$/);
    // The drafter is not offered the approval: four eyes.
    await page.getByText(/approbation/i).first().waitFor();
    await expect(page.getByRole('button', { name: 'Approuver et diffuser' }).count()).resolves.toBe(0);

    // Issue 13: the second agent is told by mail that an alert waits for them, and sees what doctors will receive.
    const request = await env.catcher.waitFor((m) => m.to.includes(secondAgent.user.email) && m.subject.startsWith('Vigie — une alerte attend votre approbation'), 30_000);
    expect(request.text).toContain(alertUrl.replace(env.baseUrl, ''));
    const second = await newPage();
    await logIn(env, second, secondAgent);
    await second.goto(alertUrl);
    await second.getByRole('heading', { level: 1, name: /Faux appels au nom de la certification périodique/ }).waitFor();
    const preview = second.getByRole('region', { name: 'Aperçu de ce que recevront les médecins' });
    await preview.getByText('[Alerte Ordre des médecins] Faux appels au nom de la certification périodique').waitFor();
    // The email is typeset: the number's groups are joined by no-break spaces.
    expect((await preview.getByLabel('Texte du courriel').textContent())?.replace(/\u00A0/g, ' ')).toContain(`rappeler le ${SCAM_NUMBER}`);
    await second.getByRole('button', { name: 'Approuver et diffuser' }).click();
    await second.getByRole('dialog').getByRole('button', { name: 'Approuver et diffuser', exact: true }).click();
    // Progress shows while the broadcast runs, then every recipient counted as sent.
    await second.getByText(`${recipients.length} envoyés sur ${recipients.length}`, { exact: false }).waitFor({ timeout: 30_000 });
    await expectAccessible(second);
  });

  it('the broadcast reaches each doctor of the register exactly once, and the alert is public', async () => {
    for (const email of recipients) {
      await env.catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('[Alerte Ordre des médecins]'), 30_000);
    }
    // Let the workers settle, then count: one message per recipient, never two.
    await eventually(async () => {
      const [row] = (await env.runtime.database.raw.query<{ pending: string }>("SELECT count(*) AS pending FROM alert_deliveries WHERE status IN ('a_envoyer', 'envoi')")).rows;
      return Number(row?.pending) === 0 ? true : null;
    }, 'broadcast finished');
    for (const [i, email] of recipients.entries()) {
      const received = env.catcher.messages.filter((m) => m.to.includes(email) && m.subject.startsWith('[Alerte Ordre des médecins]'));
      expect(received, email).toHaveLength(1);
      // Each doctor is greeted by the name the register holds, in the plain-text and the HTML parts.
      expect(received[0]!.text.split('\n')[0]).toBe(`Docteur Destinataire${i},`);
      expect(received[0]!.html).toContain(`Docteur Destinataire${i},`);
      expect(received[0]!.headers['auto-submitted']).toBe('auto-generated');
    }
    // The drafter learns that the alert was approved.
    await env.catcher.waitFor((m) => m.to.includes(agent.user.email) && m.subject.startsWith('Vigie — votre alerte est approuvée'), 30_000);

    const page = await newPage();
    await page.goto(`${env.baseUrl}/alertes`);
    await page.getByRole('heading', { level: 1, name: 'Alertes en cours' }).waitFor();
    await page.getByText('Faux appels au nom de la certification périodique').first().waitFor();
    await expectAccessible(page);
  });

  it('the public check page now recognises the scammer’s number, without revealing any reporter', async () => {
    const page = await newPage();
    await page.goto(`${env.baseUrl}/verifier`);
    await page.getByRole('heading', { level: 1, name: 'Vérifier un message' }).waitFor();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByLabel('Message à vérifier').fill(`Bonjour, merci de rappeler rapidement le ${SCAM_NUMBER} concernant votre dossier.`);
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Résultat' }).waitFor();
    const finding = page.getByText(/Ce numéro a déjà été signalé 2 fois à l’Ordre des médecins via Vigie \(campagne «\s.+\s»\)/);
    await finding.waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain(doctor.user.email);
    expect(body).not.toContain(forwardingDoctor.user.email);
    expect(body).not.toContain(smsReceipt);
  });
});
