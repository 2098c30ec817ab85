import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { doctorHistory, doctors, fraudIndicators, identityChecks, users } from '../../platform/db/schema.js';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import { td1Specimen } from './identity-document.specimens.js';

const inTwoYears = () => new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
/** buildDoctor's default person, as the 2021 identity card of the test says. */
const camille = { surname: 'Lefèvre', givenNames: 'Camille', birthDate: '1980-04-12' };
const check = (over: Record<string, unknown> = {}) => ({
  mrz: td1Specimen(camille, { expiry: inTwoYears() }),
  place: 'Siège du conseil départemental, Paris',
  outcome: 'conforme',
  ...over,
});

describe('registry change requests: in person or not at all', () => {
  let t: TestApp;
  let agent: TestUser;
  let secondAgent: TestUser;
  let agentClient: TestClient;
  let secondClient: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    secondAgent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agentClient = new TestClient(t.app);
    await agentClient.login(t.database, agent);
    secondClient = new TestClient(t.app);
    await secondClient.login(t.database, secondAgent);
  });
  afterAll(() => t.close());

  it('records a request received by phone without touching the record', async () => {
    const doctor = await buildDoctor(t.database);
    const res = await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'telephone', changes: { corrEmail: 'nouvelle@exemple.fr' } });
    expect(res.statusCode).toBe(201);
    const request = res.json();
    expect(request).toMatchObject({ status: 'attente_presence', channel: 'telephone', requested: { corrEmail: 'nouvelle@exemple.fr' } });
    expect(request.reference).toMatch(/^DEM-\d{4}-\d{6}$/);
    await expectAudited(t.database, 'registry.change_request.recorded', request.id);
    const [after] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(after!.corrEmail).toBe(doctor.corrEmail);
    // No other way to complete it: a review is refused until the in-person check has happened.
    const review = await secondClient.post(`/api/registry/change-requests/${request.id}/review`, { decision: 'approve', reason: 'Confirmé au téléphone' });
    expect(review.json().error.code).toBe('INVALID_STATE');
  });

  it('applies the change once the identity check is recorded, notifies the old channels, starts the cooling period', async () => {
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrEmail: 'camille.nouvelle@exemple.fr' } })).json();
    const res = await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check());
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('appliquee');

    const [after] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(after).toMatchObject({ corrEmail: 'camille.nouvelle@exemple.fr', corrPhone: doctor.corrPhone, version: 2 });
    expect(after!.contactsTrustedFrom!.getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    const [history] = await t.database.db.select().from(doctorHistory).where(eq(doctorHistory.doctorId, doctor.id));
    expect(history!.changes).toMatchObject({ corrEmail: { before: doctor.corrEmail, after: 'camille.nouvelle@exemple.fr' } });
    const [stored] = await t.database.db.select().from(identityChecks).where(eq(identityChecks.changeRequestId, request.id));
    expect(stored).toMatchObject({ documentType: 'carte_nationale_identite', documentLast4: 'PFW4', documentExpiry: inTwoYears(), agentId: agent.user.id, outcome: 'conforme' });
    expect(JSON.stringify(stored)).not.toContain('X4RTBPFW4');
    await expectAudited(t.database, 'registry.change_request.applied', doctor.id);

    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.corrEmail!) && /coordonnées/.test(m.subject));
    expect(mail.text).toMatch(/ce-netait-pas-moi\?jeton=/);
    expect(t.runtime.sms.messages.some((s) => s.to === doctor.corrPhone && /ce-netait-pas-moi/.test(s.text))).toBe(true);

    const view = (await agentClient.get(`/api/registry/doctors/${doctor.id}`)).json();
    expect(view.doctor.coolingUntil).not.toBeNull();
    await expectAudited(t.database, 'registry.doctor.read', doctor.id);
  });

  it('refuses an expired identity document, audits the refusal, and changes nothing', async () => {
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'courrier', changes: { corrCity: 'Lyon' } })).json();
    const res = await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check({ mrz: td1Specimen(camille, { expiry: '2020-01-31' }) }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'IDENTITY_DOCUMENT_EXPIRED', details: { fields: [{ path: 'mrz', message: 'Ce titre a expiré le 31/01/2020.' }] } });
    const refusal = (await auditEntries(t.database, 'registry.identity_check.refused')).filter((a) => a.entityId === request.id);
    expect(refusal.map((a) => a.details)).toEqual([{ purpose: 'change_request', code: 'IDENTITY_DOCUMENT_EXPIRED', failedChecks: ['expiry'], documentType: 'carte_nationale_identite', format: 'TD1', documentLast4: 'PFW4', expiredInYear: '2020' }]);
    // Type, number and expiry come from the MRZ: typed values are refused with a conforming check.
    const typed = await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check({ documentExpiry: '2030-02-30', documentType: 'permis' }));
    expect(typed.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['documentExpiry', 'documentType']);
    expect((await agentClient.get(`/api/registry/change-requests/${request.id}`)).json().status).toBe('attente_presence');
  });

  it('freezes the request on a suspected fraud and alerts the security referent', async () => {
    await t.database.db.update(users).set({ securityReferent: true }).where(eq(users.id, secondAgent.user.id));
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrEmail: 'fraudeur@exemple.fr' } })).json();
    const res = await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check({ outcome: 'fraude_suspectee', notes: 'Photo ne correspondant pas' }));
    expect(res.json().status).toBe('gelee');
    await t.catcher.waitFor((m) => m.to.includes(secondAgent.user.email) && /alerte sécurité/.test(m.subject));
    const [after] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(after!.corrEmail).toBe(doctor.corrEmail);
    await expectAudited(t.database, 'registry.change_request.frozen', request.id);
  });

  it('holds details already on another record for a second agent, four eyes enforced', async () => {
    const other = await buildDoctor(t.database);
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrEmail: other.corrEmail } })).json();
    const held = (await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check())).json();
    expect(held.status).toBe('en_revue');
    expect(held.holdReasons[0]).toMatchObject({ code: 'shared_with_other_record', field: 'corrEmail' });
    expect(held.holdReasons[0].message).toContain(other.rpps);

    const self = await agentClient.post(`/api/registry/change-requests/${request.id}/review`, { decision: 'approve', reason: 'Vérifié' });
    expect(self.json().error.code).toBe('FOUR_EYES_REQUIRED');
    const approved = await secondClient.post(`/api/registry/change-requests/${request.id}/review`, { decision: 'approve', reason: 'Conjoints au même cabinet, vérifié' });
    expect(approved.json()).toMatchObject({ status: 'appliquee', reviewedBy: secondAgent.user.id });
  });

  it('holds a disposable mailbox, a foreign number or a reported fraud indicator', async () => {
    await t.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33755501234', reportCount: 9, campaignLabel: 'Faux ANDPC' });
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', {
      doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrEmail: 'moi@yopmail.com', corrPhone: '07 55 50 12 34', proPhone: '+44 20 7946 0958' },
    })).json();
    const held = (await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check())).json();
    expect(held.holdReasons.map((r: { code: string }) => r.code).sort()).toEqual(['disposable_email', 'foreign_phone', 'fraud_indicator', 'second_review_email_and_phone']);
    expect(held.holdReasons.find((r: { code: string }) => r.code === 'fraud_indicator').message).toMatch(/9 fois.*Faux ANDPC/);
  });

  it('registers a new doctor only after the in-person check, and refuses an RPPS already registered', async () => {
    const existing = await buildDoctor(t.database);
    const dup = await agentClient.post('/api/registry/registrations', { channel: 'guichet', rpps: existing.rpps, birthName: 'X', firstNames: 'Y', status: 'inscrit' });
    expect(dup.json().error.details.fields[0].path).toBe('rpps');
    const badRpps = await agentClient.post('/api/registry/registrations', { channel: 'guichet', rpps: '12345678901', birthName: 'X', firstNames: 'Y', status: 'inscrit' });
    expect(badRpps.json().error.details.fields[0].message).toMatch(/clé de contrôle/);
    // The specialty is chosen from the official list (alerts target by it), whatever its case or accents.
    const unlisted = await agentClient.post('/api/registry/registrations', { channel: 'guichet', rpps: withRppsCheckDigit('1999888776'), birthName: 'X', firstNames: 'Y', specialty: 'Homéopathie', status: 'inscrit' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().error.details.fields).toEqual([expect.objectContaining({ path: 'specialty', message: 'Choisissez une spécialité de la liste officielle.' })]);

    const rpps = withRppsCheckDigit('1999888777');
    const res = await agentClient.post('/api/registry/registrations', {
      channel: 'courrier', rpps, birthName: 'Nguyen', firstNames: 'Linh', specialty: 'PEDIATRIE', status: 'etudiant_3e_cycle', corrEmail: 'linh.nguyen@exemple.fr', corrPhone: '06 01 02 03 04',
    });
    expect(res.statusCode).toBe(201);
    const request = res.json();
    expect(request).toMatchObject({ kind: 'registration', status: 'attente_presence', doctorId: null, departement: '75' });
    expect(await t.database.db.select().from(doctors).where(eq(doctors.rpps, rpps))).toEqual([]);

    const done = (await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check({ mrz: td1Specimen({ surname: 'Nguyen', givenNames: 'Linh', birthDate: '1998-11-02' }, { expiry: inTwoYears() }) }))).json();
    expect(done.status).toBe('appliquee');
    const [created] = await t.database.db.select().from(doctors).where(eq(doctors.rpps, rpps));
    expect(created).toMatchObject({ birthName: 'Nguyen', specialty: 'Pédiatrie', status: 'etudiant_3e_cycle', corrPhone: '+33601020304', departement: '75', version: 1 });
    expect(done.doctorId).toBe(created!.id);
    await expectAudited(t.database, 'registry.change_request.applied', created!.id);
  });

  it('keeps other départements invisible and refuses doctors', async () => {
    const lyon = await buildDoctor(t.database, { departement: '69', proCity: 'Lyon' });
    const res = await agentClient.get(`/api/registry/doctors/${lyon.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(lyon.corrEmail!);
    const create = await agentClient.post('/api/registry/change-requests', { doctorId: lyon.id, kind: 'contact_change', channel: 'guichet', changes: { corrCity: 'Paris' } });
    expect(create.statusCode).toBe(404);
    const doctorAccount = await buildUser(t.database, t.keys, { role: 'medecin', totp: false });
    const doctorClient = new TestClient(t.app);
    await doctorClient.login(t.database, doctorAccount);
    expect((await doctorClient.get(`/api/registry/doctors/${lyon.id}`)).statusCode).toBe(403);
  });

  it('« ce n’était pas moi » freezes the record once, alerts the council, and nothing applies on a frozen record', async () => {
    const doctor = await buildDoctor(t.database);
    const request = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrCity: 'Nantes' } })).json();
    await agentClient.post(`/api/registry/change-requests/${request.id}/identity-check`, check());
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.corrEmail!) && /ce-netait-pas-moi/.test(m.text));
    const token = /jeton=([\w-]+)/.exec(mail.text)![1]!;

    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.post('/api/registry/not-me', { token })).statusCode).toBe(204);
    expect((await anonymous.post('/api/registry/not-me', { token })).json().error.code).toBe('TOKEN_INVALID');
    const [frozen] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(frozen!.frozenAt).not.toBeNull();
    await expectAudited(t.database, 'registry.doctor.frozen', doctor.id);
    await expectAudited(t.database, 'registry.security_alert.sent', '75');

    const next = (await agentClient.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrCity: 'Lille' } })).json();
    const held = (await agentClient.post(`/api/registry/change-requests/${next.id}/identity-check`, check())).json();
    expect(held.status).toBe('en_revue');
    expect(held.holdReasons.map((r: { code: string }) => r.code)).toContain('record_frozen');
    const approve = await secondClient.post(`/api/registry/change-requests/${next.id}/review`, { decision: 'approve', reason: 'Le médecin confirme' });
    expect(approve.json().error.code).toBe('RECORD_FROZEN');
  });

  it('exports only with a reason, leaves records in cooling out of card issuance, and shows it in the security view', async () => {
    const noReason = await agentClient.post('/api/registry/exports', { departement: '75', purpose: 'emission_carte', reason: '' });
    expect(noReason.json().error.details.fields[0].path).toBe('reason');
    const before = (await auditEntries(t.database, 'registry.export.created')).length;
    const res = await agentClient.post('/api/registry/exports', { departement: '75', purpose: 'emission_carte', reason: 'Transmission mensuelle pour émission des cartes CPS' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(Number(res.headers['x-vigie-excluded'])).toBeGreaterThanOrEqual(1);
    expect(res.body).not.toContain('camille.nouvelle@exemple.fr');
    const audits = await auditEntries(t.database, 'registry.export.created');
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)!.reason).toBe('Transmission mensuelle pour émission des cartes CPS');

    const admin = await buildUser(t.database, t.keys, { role: 'admin', departement: '75' });
    const adminClient = new TestClient(t.app);
    await adminClient.login(t.database, admin);
    const view = (await adminClient.get('/api/registry/security')).json();
    expect(view.changesFollowedByExport.length).toBeGreaterThanOrEqual(1);
    expect(view.changesFollowedByExport[0].auditEntryIds[0]).toBe(audits.at(-1)!.id);
    expect((await agentClient.get('/api/registry/security')).statusCode).toBe(403);
  });
});
