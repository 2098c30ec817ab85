import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { reportAttachments, reports } from '../../platform/db/schema-reports.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import { AppError } from '../../platform/errors.js';
import { fileReport, newReceiptNumber } from './report-filing.service.js';
import { receiveAttachment } from './report-attachments.js';

const FORWARDED = [
  'From: "Ordre des Medecins" <verification@ordre-medecins-validation.com>',
  'To: docteur@exemple.fr',
  'Subject: Regularisation de votre inscription',
  'Date: Mon, 3 Nov 2025 09:12:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Docteur, votre cotisation est impayée : réglez sous 24 h sur https://ordre-medecins-validation.com/paiement sous peine de radiation.',
  '',
].join('\r\n');


describe('fileReport (the service the form and the email intake share)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('files a forwarded email for a known doctor: original stored, analysed, grouped, receipt mailed', async () => {
    const doctor = await buildUser(t.database, t.keys, { role: 'medecin', departement: '69' });
    const raw = new Uint8Array(Buffer.from(FORWARDED));
    const filed = await fileReport(t.app.services, SYSTEM_CONTEXT, {
      source: 'courriel',
      channel: 'courriel',
      sender: 'verification@ordre-medecins-validation.com',
      analysisInput: { kind: 'email', raw },
      reporter: { userId: doctor.user.id },
      attachments: [{ fileName: 'original.eml', bytes: raw, origin: 'courriel_original' }],
    });
    expect(filed.receiptNumber).toMatch(/^SIG-\d{4}-[0-9A-Z]{8}$/);
    expect(filed.status).toBe('nouveau');
    expect(filed.followToken).toBeNull();

    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, filed.reportId));
    expect(row).toMatchObject({ source: 'courriel', departement: '69', reporterUserId: doctor.user.id, reporterEmail: null, status: 'nouveau' });
    expect(row!.verdict).not.toBe('aucun_signal');
    expect((row!.analysis as { indicators: { domains: string[] } }).indicators.domains).toContain('ordre-medecins-validation.com');
    expect(row!.searchText).toContain('verification ordre medecins validation com');
    const [attachment] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, filed.reportId));
    expect(attachment).toMatchObject({ origin: 'courriel_original', mediaType: 'message/rfc822', fileName: 'original.eml', sha256: sha256Hex(FORWARDED), sizeBytes: raw.byteLength });
    expect(Buffer.from(await t.app.services.uploads.get(attachment!.storageKey)).toString()).toBe(FORWARDED);

    const audit = await expectAudited(t.database, 'reports.report.created', filed.reportId);
    expect(audit.details).toEqual({ channel: 'courriel', source: 'courriel', status: 'nouveau', verdict: row!.verdict, attachmentCount: 1, pseudonymous: false });
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.user.email) && m.subject.includes(filed.receiptNumber));
    expect(mail.text).toContain('le courriel que vous avez transféré');
    expect(mail.text).toContain('/mes-signalements');
    const { rows } = await t.database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j WHERE name = 'campaigns.group-report' AND data->>'reportId' = $1`, [filed.reportId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('files for a confirmed address without an account: follow token returned, stored hashed', async () => {
    const filed = await fileReport(t.app.services, SYSTEM_CONTEXT, {
      source: 'courriel',
      channel: 'courriel',
      description: 'Courriel reçu au cabinet.',
      reporter: { email: 'Secretariat@Cabinet-Exemple.fr', confirmed: true },
      attachments: [],
    });
    expect(filed.status).toBe('nouveau');
    expect(filed.followToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, filed.reportId));
    expect(row!.reporterEmail).toBe('secretariat@cabinet-exemple.fr');
    expect(row!.followTokenHash).toBe(sha256Hex(filed.followToken!));
    const mail = await t.catcher.waitFor((m) => m.to.includes('secretariat@cabinet-exemple.fr') && m.subject.includes(filed.receiptNumber));
    expect(mail.text).toContain(`/suivi?recu=${filed.receiptNumber}&jeton=${filed.followToken}`);
  });

  it('leaves the receipt to the caller with sendReceipt: false (the intake acknowledges itself)', async () => {
    const filed = await fileReport(t.app.services, SYSTEM_CONTEXT, {
      source: 'courriel',
      channel: 'courriel',
      description: 'Transféré par un robot.',
      reporter: { email: 'silencieux@exemple.fr', confirmed: true },
      attachments: [],
      sendReceipt: false,
    });
    expect(filed.followToken).not.toBeNull();
    const { rows } = await t.database.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j WHERE name = 'mail.send' AND data->>'to' = 'silencieux@exemple.fr'`,
    );
    expect(rows[0]!.n).toBe(0);
    const { rows: jobs } = await t.database.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j WHERE name = 'campaigns.group-report' AND data->>'reportId' = $1`,
      [filed.reportId],
    );
    expect(jobs[0]!.n).toBe(1);
  });

  it('refuses an empty filing and a bad reporter address with the field named', async () => {
    const empty = fileReport(t.app.services, SYSTEM_CONTEXT, { source: 'formulaire', channel: 'sms', reporter: { email: 'a@exemple.fr', confirmed: false }, attachments: [] });
    await expect(empty).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'description' }] } });
    const badEmail = fileReport(t.app.services, SYSTEM_CONTEXT, { source: 'courriel', channel: 'courriel', description: 'x', reporter: { email: 'pas-une-adresse', confirmed: true }, attachments: [] });
    await expect(badEmail).rejects.toBeInstanceOf(AppError);
    await expect(badEmail).rejects.toMatchObject({ details: { fields: [{ path: 'email' }] } });
  });

  it('validates every field with the routes\' schema (ZReportFiling): each bad field listed, messages as the form gives them', async () => {
    const refused = fileReport(t.app.services, SYSTEM_CONTEXT, {
      source: 'courriel',
      channel: 'courriel',
      organisationName: 'x'.repeat(201),
      links: ['https://a.example.fr', 'x'.repeat(2049)],
      description: 'Courriel reçu au cabinet.',
      departement: '99',
      reporter: { email: 'secretariat@cabinet-exemple.fr', name: 'n'.repeat(121), confirmed: true },
      attachments: [],
    });
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [
          { path: 'organisationName', message: "Nom de l'organisme : 200 caractères au plus." },
          { path: 'links.1', message: 'Lien trop long (2 048 caractères au plus).' },
          { path: 'name', message: 'Nom : 120 caractères au plus.' },
          { path: 'departement', message: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' },
        ],
      },
    });
    const future = fileReport(t.app.services, SYSTEM_CONTEXT, { source: 'courriel', channel: 'courriel', occurredOn: '2999-01-01', description: 'x', reporter: { email: 'a@exemple.fr', confirmed: true }, attachments: [] });
    await expect(future).rejects.toMatchObject({ details: { fields: [{ path: 'occurredOn', message: 'La date ne peut pas être dans le futur.' }] } });
  });

  it('leaves neither row nor file when the transaction fails', async () => {
    const before = (await t.database.db.select().from(reports)).length;
    const filesBefore = (await t.storedUploads());
    // The reporter's account disappears between the checks and the insert: the foreign key fails.
    const ghost = await buildUser(t.database, t.keys, { role: 'medecin' });
    const services = t.app.services;
    const failing = { ...services, uploads: { ...services.uploads, put: async (...args: Parameters<typeof services.uploads.put>) => {
      const stored = await services.uploads.put(...args);
      await t.database.raw.query('DELETE FROM users WHERE id = $1', [ghost.user.id]);
      return stored;
    } } };
    await expect(
      fileReport(failing, SYSTEM_CONTEXT, {
        source: 'formulaire',
        channel: 'sms',
        description: 'SMS frauduleux',
        reporter: { userId: ghost.user.id },
        attachments: [{ fileName: 'capture.txt', bytes: new TextEncoder().encode('Votre colis est bloqué'), origin: 'televersement' }],
      }),
    ).rejects.toThrow();
    expect((await t.database.db.select().from(reports)).length).toBe(before);
    expect((await t.storedUploads())).toBe(filesBefore);
  });

  it('removes the files the form already streamed in when the filing is refused', async () => {
    const filesBefore = (await t.storedUploads());
    const received = await receiveAttachment(t.app.services, { source: Readable.from([Buffer.from('Votre colis '), Buffer.from('est bloqué')]), rawFileName: 'sms.txt', origin: 'televersement', index: 0 });
    expect(received).toMatchObject({ mediaType: 'text/plain', fileName: 'sms.txt', sizeBytes: 23 });
    expect((await t.storedUploads())).toBe(filesBefore + 1);
    const refused = fileReport(t.app.services, SYSTEM_CONTEXT, { source: 'formulaire', channel: 'sms', description: 'x', reporter: { email: 'pas-une-adresse', confirmed: false }, attachments: [received] });
    await expect(refused).rejects.toMatchObject({ details: { fields: [{ path: 'email' }] } });
    expect((await t.storedUploads())).toBe(filesBefore);
  });

  it('draws receipt numbers from the unambiguous alphabet', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newReceiptNumber(new Date('2026-03-01T12:00:00Z'))));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(n).toMatch(/^SIG-2026-[A-HJ-NP-Z2-9]{8}$/);
  });
});
