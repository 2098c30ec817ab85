import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DPC_REPORTER_PROTECTION } from '../../../contracts/dpc-filing.schemas.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { dpcSignalementEvents, dpcSignalementEvidence, dpcSignalementReporters, dpcSignalements } from '../../platform/db/schema-dpc-signalements.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { DRIFT_FACTS, insertSignalement } from './dpc-signalements.testing.js';
import { NOTES, PNG } from './signalement-filing.testing.js';
import { postForm, windowsExecutable } from '../../test/multipart.js';
import { frenchTypography } from '../../../contracts/typography.js';

// POST /api/dpc/signalements (from an account) and GET /api/dpc/signalements/mine.

describe('DPC signalements: filing from an account', () => {
  let t: TestApp;
  let doctorAccount: TestUser;
  let doctor: TestClient;
  let agent: TestClient;
  let reviewer: TestClient;
  let admin: TestClient;
  let driftActionId: string;
  let driftOrganisationId: string;

  const body = (values: Record<string, unknown> = {}) => ({
    kind: 'derive_therapeutique',
    reporterKind: 'participant',
    subject: { kind: 'action', actionId: driftActionId },
    departement: '69',
    occurredOn: '2026-03-14',
    facts: DRIFT_FACTS,
    concernsHealth: true,
    reporter: { phone: '06 12 34 56 78', profession: 'Médecin généraliste' },
    ...values,
  });
  const countSignalements = async () => (await t.database.db.select({ id: dpcSignalements.id }).from(dpcSignalements)).length;

  beforeAll(async () => {
    // Small files, and more files allowed than a signalement takes: the DPC bound is what refuses.
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_FILES: '8', REPORT_RATE_LIMIT_PER_MINUTE: '200' } });
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    const drift = catalogueRow({ organisationNumber: '9876', organisationName: 'École du sens biologique', title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME });
    const imported = await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'catalogue.csv', contentBase64: catalogueCsv([drift, catalogueRow()]) });
    expect(imported.statusCode, imported.body).toBe(200);
    const [action] = await t.database.db.select().from(dpcActions).where(eq(dpcActions.reference, drift.reference));
    driftActionId = action!.id;
    driftOrganisationId = action!.organisationId;
    doctorAccount = await buildUser(t.database, t.keys, { role: 'medecin', departement: '69' });
    doctor = await loggedIn(t, doctorAccount);
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    reviewer = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'relecteur_dpc', departement: null }));
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401), administrators and CDE members (403, audited)', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.post('/api/dpc/signalements', body())).statusCode).toBe(401);
    expect((await anonymous.get('/api/dpc/signalements/mine')).statusCode).toBe(401);
    const cde = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '69' }));
    for (const refused of [admin, cde]) {
      const res = await refused.post('/api/dpc/signalements', body());
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
    expect(denial.details).toMatchObject({ permission: 'dpc:signalement_file' });
    expect((await agent.get('/api/dpc/signalements/mine')).statusCode).toBe(403);
    expect(await countSignalements()).toBe(0);
  });

  it.each([
    ['kind', { kind: 'rumeur' }],
    ['reporterKind', { reporterKind: 'inconnu' }],
    ['reporterKind', { reporterKind: 'relecteur' }],
    ['subject.kind', { subject: { kind: 'ecole' } }],
    ['subject.actionId', { subject: { kind: 'action', actionId: '00000000-0000-4000-8000-000000000000' } }],
    ['subject.organisationId', { subject: { kind: 'organisation', organisationId: '00000000-0000-4000-8000-000000000000' } }],
    ['subject.rpps', { subject: { kind: 'praticien', name: 'Dr Intervenant', rpps: '1234567890' } }],
    ['subject.rpps', { subject: { kind: 'praticien', name: 'Dr Intervenant', rpps: '10000000001' } }],
    ['subject.name', { subject: { kind: 'praticien', name: '  ' } }],
    ['subject.name', { subject: { kind: 'organisation' } }],
    ['departement', { departement: '99' }],
    ['occurredOn', { occurredOn: '2999-01-01' }],
    ['occurredOn', { occurredOn: '2026-02-30' }],
    ['facts', { facts: '   ' }],
    ['facts', { facts: 'a'.repeat(20_001) }],
    ['concernsHealth', { concernsHealth: undefined }],
    ['reporter.fullName', { reporter: { fullName: 'Quelqu’un d’autre' } }],
    ['reporter.phone', { reporter: { phone: 'appelez-moi' } }],
    ['extra', { extra: true }],
  ])('refuses a bad « %s », naming it and writing nothing', async (field, values) => {
    const res = await doctor.post('/api/dpc/signalements', body(values));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    expect(await countSignalements()).toBe(0);
  });

  it('files a doctor’s signalement about a catalogue action: screened, referenced, reporter apart, audited without personal data, acknowledged', async () => {
    const res = await doctor.post('/api/dpc/signalements', body());
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({ status: 'nouveau', publicStatusLabel: 'Reçu' });
    expect(filed.reference).toMatch(new RegExp(`^DPC-${new Date().getFullYear()}-\\d{5}$`));
    expect(filed.screened.priority).not.toBe('aucune');
    expect(filed.screened.findingsCount).toBeGreaterThan(0);

    const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, filed.id));
    expect(row).toMatchObject({
      reference: filed.reference,
      subjectKind: 'action',
      actionId: driftActionId,
      organisationId: driftOrganisationId,
      subjectLabel: 'Le sens caché des maladies',
      departement: '69',
      occurredOn: '2026-03-14',
      facts: DRIFT_FACTS,
      concernsHealth: true,
      status: 'nouveau',
      filedBy: doctorAccount.user.id,
      reporterKind: 'participant',
    });
    expect(row!.priority).not.toBe('aucune');
    const ruleIds = row!.findings.map((f) => f.ruleId);
    expect(ruleIds).toContain('methode.decodage-biologique');
    for (const finding of row!.findings) {
      for (const span of finding.evidence) expect(DRIFT_FACTS.slice(span.start, span.end)).toBe(span.text);
    }

    const [reporter] = await t.database.db.select().from(dpcSignalementReporters).where(eq(dpcSignalementReporters.signalementId, filed.id));
    expect(reporter).toEqual({
      signalementId: filed.id,
      fullName: doctorAccount.user.displayName,
      email: doctorAccount.user.email,
      phone: '06 12 34 56 78',
      profession: 'Médecin généraliste',
      relation: null,
    });
    const [event] = await t.database.db.select().from(dpcSignalementEvents).where(eq(dpcSignalementEvents.signalementId, filed.id));
    expect(event).toMatchObject({ kind: 'depose', actorId: doctorAccount.user.id });

    const audit = await expectAudited(t.database, 'dpc.signalement.filed', filed.id);
    expect(audit.entityType).toBe('dpc_signalement');
    expect(audit.actorId).toBe(doctorAccount.user.id);
    expect(audit.details).toEqual({ reference: filed.reference, kind: 'derive_therapeutique', reporterKind: 'participant', subjectKind: 'action', priority: row!.priority, evidenceCount: 0 });
    const auditJson = JSON.stringify(audit);
    for (const secret of [doctorAccount.user.displayName, doctorAccount.user.email, '06 12 34 56 78', 'décodage biologique']) expect(auditJson).not.toContain(secret);

    const mail = await t.catcher.waitFor((m) => m.to.includes(doctorAccount.user.email) && m.subject.includes(filed.reference));
    expect(mail.subject).toBe(`Votre signalement ${filed.reference} a bien été reçu`);
    expect(mail.text).toContain('/vigilance-dpc/mes-signalements');
    expect(mail.text).toContain(frenchTypography(DPC_REPORTER_PROTECTION));
    expect(mail.text).not.toContain('décodage');

    // The next one takes the next number of the year's sequence.
    const next = await doctor.post('/api/dpc/signalements', body({ reporterKind: 'proche', subject: { kind: 'praticien', name: 'M. Guérisseur', rpps: '10000000009' }, reporter: { relation: 'Fils du patient' } }));
    expect(next.statusCode, next.body).toBe(201);
    expect(Number(next.json().reference.slice(-5))).toBe(Number(filed.reference.slice(-5)) + 1);
    const [practitioner] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, next.json().id));
    expect(practitioner).toMatchObject({ subjectKind: 'praticien', subjectLabel: 'M. Guérisseur', practitionerRpps: '10000000009', actionId: null, organisationId: null });
  });

  it('gives concurrent filings distinct, consecutive references (one sequence row per year, locked)', async () => {
    const filed = await Promise.all(Array.from({ length: 5 }, () => doctor.post('/api/dpc/signalements', body())));
    expect(filed.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const numbers = filed.map((r) => Number(r.json().reference.slice(-5))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 5 }, (_, i) => numbers[0]! + i));
  });

  it('lets an agent record a signalement received by phone (the reporter’s name required) and a reviewer raise one', async () => {
    const nameless = await agent.post('/api/dpc/signalements', body({ reporterKind: 'proche', reporter: { phone: '01 02 03 04 05' } }));
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details.fields).toEqual([{ path: 'reporter.fullName', message: 'Saisissez le nom de la personne qui fait le signalement.' }]);

    const recorded = await agent.post('/api/dpc/signalements', body({ reporterKind: 'proche', reporter: { fullName: 'Louise Appelante', email: 'louise.appelante@exemple.fr', relation: 'Épouse du patient' } }));
    expect(recorded.statusCode, recorded.body).toBe(201);
    const [identity] = await t.database.db.select().from(dpcSignalementReporters).where(eq(dpcSignalementReporters.signalementId, recorded.json().id));
    expect(identity).toMatchObject({ fullName: 'Louise Appelante', email: 'louise.appelante@exemple.fr', relation: 'Épouse du patient' });
    await t.catcher.waitFor((m) => m.to.includes('louise.appelante@exemple.fr') && m.subject.includes(recorded.json().reference));

    expect((await reviewer.post('/api/dpc/signalements', body({ reporterKind: 'participant' }))).statusCode).toBe(400);
    const raised = await reviewer.post('/api/dpc/signalements', body({ reporterKind: 'relecteur', kind: 'formation_sans_contenu_scientifique', subject: { kind: 'organisation', organisationId: driftOrganisationId }, reporter: {} }));
    expect(raised.statusCode, raised.body).toBe(201);
    const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, raised.json().id));
    expect(row).toMatchObject({ subjectKind: 'organisation', organisationId: driftOrganisationId, subjectLabel: 'École du sens biologique', actionId: null });

    // An organisation missing from the catalogue is named: no id, its name as the subject.
    const named = await reviewer.post('/api/dpc/signalements', body({ reporterKind: 'relecteur', subject: { kind: 'organisation', name: 'Académie des énergies subtiles' }, reporter: {} }));
    expect(named.statusCode, named.body).toBe(201);
    const [namedRow] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, named.json().id));
    expect(namedRow).toMatchObject({ subjectKind: 'organisation', organisationId: null, subjectLabel: 'Académie des énergies subtiles' });
  });

  it('stores evidence under the reports’ rules: typed by content, names neutralised; refuses an executable, an oversize file or a sixth file and keeps nothing', async () => {
    const storedBefore = await t.storedUploads();
    const res = await postForm(t, doctor, '/api/dpc/signalements', body({ reporter: {} }), [
      { name: 'capture.pdf', bytes: PNG },
      { name: '../notes de session.txt', bytes: NOTES },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const evidence = await t.database.db.select().from(dpcSignalementEvidence).where(eq(dpcSignalementEvidence.signalementId, res.json().id));
    expect(evidence.map((e) => [e.fileName, e.mediaType, e.sizeBytes, e.scanStatus]).sort()).toEqual([
      ['capture.png', 'image/png', PNG.length, 'non_analyse'],
      ['notes de session.txt', 'text/plain', NOTES.length, 'non_analyse'],
    ]);
    expect(Buffer.from(await t.app.services.uploads.get(evidence.find((e) => e.mediaType === 'image/png')!.storageKey))).toEqual(PNG);
    expect(await t.storedUploads()).toBe(storedBefore + 2);
    expect((await expectAudited(t.database, 'dpc.signalement.filed', res.json().id)).details).toMatchObject({ evidenceCount: 2 });

    const before = await countSignalements();
    const refusals = [
      [{ name: 'outil.png', bytes: windowsExecutable() }],
      [{ name: 'enorme.txt', bytes: Buffer.alloc(65_537, 0x61) }],
      Array.from({ length: 6 }, (_, i) => ({ name: `capture-${i}.png`, bytes: PNG })),
    ];
    for (const files of refusals) {
      const refused = await postForm(t, doctor, '/api/dpc/signalements', body({ reporter: {} }), files);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe('UPLOAD_REJECTED');
    }
    expect(await countSignalements()).toBe(before);
    expect(await t.storedUploads()).toBe(storedBefore + 2);

    // Fields in the form are validated as JSON ones, and a refusal there keeps no file either.
    const badField = await postForm(t, doctor, '/api/dpc/signalements', body({ reporter: {}, subject: { kind: 'action', actionId: '00000000-0000-4000-8000-000000000000' } }), [{ name: 'a.png', bytes: PNG }]);
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['subject.actionId']);
    expect(await t.storedUploads()).toBe(storedBefore + 2);
  });

  it('refuses an infected file: audited, nothing stored, no signalement', async () => {
    // The EICAR test file, which every antivirus (and the local one) reports as infected.
    const eicar = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    const before = await countSignalements();
    const storedBefore = await t.storedUploads();
    const refused = await postForm(t, doctor, '/api/dpc/signalements', body({ reporter: {} }), [{ name: 'programme.txt', bytes: eicar }]);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.code).toBe('UPLOAD_REJECTED');
    expect(refused.json().error.message).toContain('« programme.txt » contient un logiciel malveillant');
    expect(await countSignalements()).toBe(before);
    expect(await t.storedUploads()).toBe(storedBefore);
    expect((await expectAudited(t.database, 'dpc.signalement.evidence_rejected')).details).toMatchObject({ reason: 'infecte', mediaType: 'text/plain' });
  });

  it('lists a doctor’s own signalements only, newest first, with the plain status and nothing of the workflow', async () => {
    const other = await buildUser(t.database, t.keys, { role: 'medecin' });
    await insertSignalement(t.database, { filedBy: other.user.id, subjectLabel: 'Formation d’un autre' });
    await insertSignalement(t.database, { filedBy: doctorAccount.user.id, status: 'avis_rendu', reviewerId: (await buildUser(t.database, t.keys, { role: 'relecteur_dpc', departement: null })).user.id, subjectLabel: 'Examinée' });
    const res = await doctor.get('/api/dpc/signalements/mine');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    const own = await t.database.db.select({ id: dpcSignalements.id }).from(dpcSignalements).where(eq(dpcSignalements.filedBy, doctorAccount.user.id));
    expect(list.total).toBe(own.length);
    expect(list.items.map((i: { subjectLabel: string }) => i.subjectLabel)).not.toContain('Formation d’un autre');
    expect(list.items[0]).toMatchObject({ subjectLabel: 'Examinée', publicStatusLabel: 'En cours d’examen', kindLabel: 'Dérive thérapeutique' });
    expect(Object.keys(list.items[0]).sort()).toEqual(['createdAt', 'id', 'kind', 'kindLabel', 'publicStatusLabel', 'reference', 'subjectLabel']);
    const dates = list.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(res.body).not.toContain('avis_rendu');
    expect((await doctor.get('/api/dpc/signalements/mine?page=0')).statusCode).toBe(400);
  });
});
