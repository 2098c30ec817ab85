import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZDpcPackage } from '../../../contracts/dpc-exchanges.schemas.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { dpcExchanges, dpcPackagePdfs, dpcSignalementEvents } from '../../platform/db/schema-dpc-signalements.js';
import { buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';
import { extractPdfFlatText } from '../sharing/pdf-text.testing.js';
import { addAnsweredContradictory, addEvidence, addReview, DECISION_REASON, decide, EVIDENCE_FILE_NAME, OPINION, ORGANISATION_ANSWER, STATEMENT } from './dpc-exchanges.testing.js';
import { renderPackagePdf } from './dpc-package-pdf.js';
import { DRIFT_FACTS, insertSignalement, REPORTER } from './dpc-signalements.testing.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';

// The package for the ANDPC and the MIVILUDES: refused without the decided transmission; holds the
// shared facts, their screening, the programme's screening, the expert's opinion, the decision, the
// evidence fingerprints and the contradictory step; never the reporter, the raw facts or file names; its
// PDF made again from the stored JSON has the fingerprint recorded when it was sent.

// What the agent writes for sharing: the drift kept, the reporter's own account (« j'étais… ») removed.
const SHARED_FACTS = 'Au cours de la session, l’intervenant a présenté le décodage biologique comme un moyen de guérir le cancer et a conseillé d’arrêter la chimiothérapie.';

describe('DPC packages for the ANDPC and the MIVILUDES', () => {
  let t: TestApp;
  let agent: TestClient;
  let reviewer: TestUser;
  let agentUser: TestUser;
  let actionId: string;
  let actionReference: string;

  const sendPackage = (id: string, partner: string, sharedFacts = SHARED_FACTS) => agent.post(`/api/dpc/signalements/${id}/packages`, { partner, sharedFacts });
  const forbidden = [REPORTER.fullName, REPORTER.email, REPORTER.phone, REPORTER.profession, DRIFT_FACTS, EVIDENCE_FILE_NAME];

  beforeAll(async () => {
    t = await buildTestApp();
    const admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    const row = catalogueRow({ programme: DRIFT_PROGRAMME, title: 'Le sens caché des maladies' });
    actionReference = row.reference;
    expect((await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'c.csv', contentBase64: catalogueCsv([row]) })).statusCode).toBe(200);
    actionId = (await t.database.db.select().from(dpcActions).where(eq(dpcActions.reference, row.reference)))[0]!.id;
    agentUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent = await loggedIn(t, agentUser);
    reviewer = await buildUser(t.database, t.keys, { role: 'relecteur_dpc' });
  });
  afterAll(() => t.close());

  it('refuses a package the decision does not provide for, with a French message, and records nothing', async () => {
    const undecided = await insertSignalement(t.database, { status: 'avis_rendu', reviewerId: reviewer.user.id });
    const refused = await sendPackage(undecided.id, 'andpc');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('l’ANDPC') });

    const classed = await insertSignalement(t.database);
    await decide(t.database, classed.id, ['classement']);
    expect((await sendPackage(classed.id, 'miviludes')).json().error.message).toContain('la MIVILUDES');

    const onlyMiviludes = await insertSignalement(t.database);
    await decide(t.database, onlyMiviludes.id, ['transmission_miviludes']);
    expect((await sendPackage(onlyMiviludes.id, 'andpc')).statusCode).toBe(409);
    const stored = await t.database.db.select().from(dpcExchanges).where(eq(dpcExchanges.signalementId, onlyMiviludes.id));
    expect(stored).toHaveLength(0);
  });

  it('prepares the package: JSON and PDF hold what is shared and nothing of the reporter, and the PDF can be made again', async () => {
    const s = await insertSignalement(t.database, { actionId, subjectLabel: 'Le sens caché des maladies', departement: '75' });
    await addReview(t.database, s.id, reviewer.user.id, ['methode.decodage-biologique']);
    const evidenceSha = await addEvidence(t.database, s.id);
    await addAnsweredContradictory(t.database, s.id, agentUser.user.id);
    await decide(t.database, s.id, ['transmission_andpc', 'transmission_miviludes']);

    const res = await sendPackage(s.id, 'andpc');
    expect(res.statusCode, res.body).toBe(200);
    const entry = res.json();
    expect(entry).toMatchObject({ partner: 'andpc', direction: 'sortant', kind: 'envoi', acknowledged: false, recordedBy: agentUser.user.displayName });
    expect(entry.package.fileBaseName).toBe(`${s.reference}-andpc`);

    const [row] = await t.database.db.select().from(dpcExchanges).where(eq(dpcExchanges.id, entry.id));
    expect(row!.packagePdfSha256).toBe(entry.package.sha256);
    const pkg = ZDpcPackage.parse(row!.package);
    expect(pkg).toMatchObject({
      format: 'vigie-dpc-signalement/1',
      sender: "Conseil national de l'Ordre des médecins",
      recipient: { partner: 'andpc' },
      reference: s.reference,
      kind: 'derive_therapeutique',
      departement: '75',
      region: { region: 'ile_de_france', label: 'Île-de-France' },
      sharedFacts: SHARED_FACTS,
      subject: { kind: 'action', action: { reference: actionReference, title: 'Le sens caché des maladies', format: 'presentiel' }, organisation: { registrationNumber: '1234' } },
      opinions: [{ opinion: OPINION, confirmedRuleIds: ['methode.decodage-biologique'] }],
      decision: { outcomes: [{ outcome: 'transmission_andpc' }, { outcome: 'transmission_miviludes' }], reason: DECISION_REASON },
      evidence: { count: 1, files: [{ mediaType: 'image/png', sizeBytes: 2048, sha256: evidenceSha }] },
      contradictory: [{ statement: STATEMENT, answered: true, answer: ORGANISATION_ANSWER }],
    });
    // The screening is of the shared text: every evidence span points into it.
    expect(pkg.screening.findings.length).toBeGreaterThan(0);
    for (const f of pkg.screening.findings) for (const e of f.evidence) expect(SHARED_FACTS.slice(e.start, e.end)).toBe(e.text);
    expect(pkg.programmeScreening!.priority).toBe('haute');

    const json = await agent.get(`/api/dpc/exchanges/${entry.id}/package.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="${s.reference}-andpc.json"`);
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.json()).toEqual(pkg);
    for (const value of [...forbidden, reviewer.user.displayName, reviewer.user.email]) expect(json.body).not.toContain(value);

    const pdf = await agent.get(`/api/dpc/exchanges/${entry.id}/package.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${s.reference}-andpc.pdf"`);
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.headers['x-vigie-sha256-verified']).toBe('true');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(row!.packagePdfSha256);
    const text = extractPdfFlatText(pdf.rawPayload);
    for (const shown of ['décodage biologique comme un moyen de guérir', OPINION.slice(0, 40), 'Transmission à l’ANDPC', DECISION_REASON.slice(0, 30), evidenceSha, ORGANISATION_ANSWER.slice(0, 30), s.reference]) {
      expect(text).toContain(shown);
    }
    for (const value of [...forbidden, reviewer.user.displayName]) expect(text).not.toContain(value);
    // Rendered again from the stored JSON (as a later check would): the same bytes.
    const again = await renderPackagePdf(ZDpcPackage.parse(row!.package));
    expect(createHash('sha256').update(again).digest('hex')).toBe(row!.packagePdfSha256);

    const events = await t.database.db.select().from(dpcSignalementEvents).where(and(eq(dpcSignalementEvents.signalementId, s.id), eq(dpcSignalementEvents.kind, 'envoi')));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ exchangeId: entry.id, partner: 'andpc' });
    const created = await expectAudited(t.database, 'dpc.exchange.package_created', entry.id);
    expect(created.actorId).toBe(agentUser.user.id);
    expect(created.details).toEqual({ reference: s.reference, partner: 'andpc', sha256: row!.packagePdfSha256 });
    const downloaded = await expectAudited(t.database, 'dpc.exchange.package_downloaded', entry.id);
    expect(downloaded.details).toMatchObject({ reference: s.reference, partner: 'andpc', format: 'pdf', sha256Verified: true });
    for (const value of forbidden) expect(JSON.stringify([created.details, downloaded.details])).not.toContain(value);
  });

  it('lists each decided transmission as pending, with the facts to rewrite, until its package is sent', async () => {
    const s = await insertSignalement(t.database);
    await decide(t.database, s.id, ['transmission_andpc', 'transmission_miviludes', 'saisine_chambre']);
    const before = (await agent.get(`/api/dpc/signalements/${s.id}/exchanges`)).json();
    expect(before.pending).toEqual([
      { partner: 'andpc', partnerLabel: 'ANDPC (Agence nationale du DPC)', outcome: 'transmission_andpc', draftFacts: DRIFT_FACTS },
      { partner: 'miviludes', partnerLabel: 'MIVILUDES', outcome: 'transmission_miviludes', draftFacts: DRIFT_FACTS },
    ]);
    expect(before.entries).toEqual([]);
    expect((await sendPackage(s.id, 'miviludes')).statusCode).toBe(200);
    const after = (await agent.get(`/api/dpc/signalements/${s.id}/exchanges`)).json();
    expect(after.pending.map((p: { partner: string }) => p.partner)).toEqual(['andpc']);
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]).toMatchObject({ partner: 'miviludes', kind: 'envoi', kindLabel: 'Envoi du dossier', acknowledged: false });
    expect(JSON.stringify(after)).not.toContain(REPORTER.fullName);
    expect((await expectAudited(t.database, 'dpc.signalement.read', s.id)).details).toMatchObject({ view: 'echanges' });
  });

  it('serves the PDF kept at sending, and says when it no longer matches the fingerprint recorded then', async () => {
    const s = await insertSignalement(t.database);
    await decide(t.database, s.id, ['transmission_miviludes']);
    const entry = (await sendPackage(s.id, 'miviludes')).json();
    const [kept] = await t.database.db.select().from(dpcPackagePdfs).where(eq(dpcPackagePdfs.exchangeId, entry.id));
    const first = await agent.get(`/api/dpc/exchanges/${entry.id}/package.pdf`);
    expect(Buffer.compare(first.rawPayload, Buffer.from(kept!.bytes))).toBe(0);
    expect(first.headers['x-vigie-sha256-verified']).toBe('true');

    const altered = Buffer.from(kept!.bytes);
    altered.writeUInt8(altered.readUInt8(altered.length - 10) ^ 1, altered.length - 10);
    await t.database.db.update(dpcPackagePdfs).set({ bytes: altered }).where(eq(dpcPackagePdfs.exchangeId, entry.id));
    const pdf = await agent.get(`/api/dpc/exchanges/${entry.id}/package.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['x-vigie-sha256-verified']).toBe('false');
    expect((await expectAudited(t.database, 'dpc.exchange.package_downloaded', entry.id)).details).toMatchObject({ format: 'pdf', sha256Verified: false });
  });

  it('renders again from the stored JSON a package sent before the PDFs were kept, and says when that JSON was changed', async () => {
    const s = await insertSignalement(t.database);
    await decide(t.database, s.id, ['transmission_miviludes']);
    const entry = (await sendPackage(s.id, 'miviludes')).json();
    await t.database.db.delete(dpcPackagePdfs).where(eq(dpcPackagePdfs.exchangeId, entry.id));
    expect((await agent.get(`/api/dpc/exchanges/${entry.id}/package.pdf`)).headers['x-vigie-sha256-verified']).toBe('true');

    const [row] = await t.database.db.select().from(dpcExchanges).where(eq(dpcExchanges.id, entry.id));
    await t.database.db.update(dpcExchanges).set({ package: { ...row!.package, sharedFacts: 'Texte modifié après l’envoi.' } }).where(eq(dpcExchanges.id, entry.id));
    const pdf = await agent.get(`/api/dpc/exchanges/${entry.id}/package.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['x-vigie-sha256-verified']).toBe('false');
  });
});
