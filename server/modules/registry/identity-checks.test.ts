import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { doctors, identityChecks, type DoctorRow } from '../../platform/db/schema.js';
import { alterMrz, frenchCardSpecimen, td1Specimen, td3Specimen } from './identity-document.specimens.js';

const inTwoYears = () => new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
const camille = { surname: 'Lefèvre', givenNames: 'Camille', birthDate: '1980-04-12' };
const validMrz = () => td1Specimen(camille, { expiry: inTwoYears() });

describe('registry: the identity check no longer rests on the agent’s word', () => {
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

  async function requestFor(doctor: DoctorRow, changes: Record<string, string | null>, client = agentClient) {
    const res = await client.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; reference: string };
  }
  const checkIn = (requestId: string, body: Record<string, unknown>, client = agentClient) =>
    client.post(`/api/registry/change-requests/${requestId}/identity-check`, { place: 'Guichet du conseil', outcome: 'conforme', ...body });
  const refusalsOf = async (entityId: string) => (await auditEntries(t.database, 'registry.identity_check.refused')).filter((a) => a.entityId === entityId);
  const recordOf = async (id: string) => (await t.database.db.select().from(doctors).where(eq(doctors.id, id)))[0]!;

  it('the insider scenario: a made-up check without MRZ no longer changes the email', async () => {
    const doctor = await buildDoctor(t.database);
    const request = await requestFor(doctor, { corrEmail: 'pirate@exemple.fr' });
    // What one agent alone could send before: the typed facts of an imaginary document.
    const legacy = await checkIn(request.id, { documentType: 'passeport', documentExpiry: inTwoYears(), documentNumber: '19AB12345', nameMatches: true });
    expect(legacy.statusCode).toBe(400);
    const bare = await checkIn(request.id, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'IDENTITY_DOCUMENT_INVALID', details: { fields: [{ path: 'mrz' }] } });
    expect((await refusalsOf(request.id)).map((a) => a.details)).toEqual([{ purpose: 'change_request', code: 'IDENTITY_DOCUMENT_INVALID', failedChecks: ['mrz_missing'] }]);
    expect((await recordOf(doctor.id)).corrEmail).toBe(doctor.corrEmail);
    expect((await agentClient.get(`/api/registry/change-requests/${request.id}`)).json().status).toBe('attente_presence');
  });

  it('refuses a wrong check digit (400) and audits which check failed, never the MRZ', async () => {
    const doctor = await buildDoctor(t.database);
    const request = await requestFor(doctor, { corrCity: 'Lyon' });
    const mrz = validMrz();
    const altered = alterMrz(mrz, 0, 14, mrz.split('\n')[0]![14] === '0' ? '1' : '0');
    const res = await checkIn(request.id, { mrz: altered });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IDENTITY_DOCUMENT_INVALID');
    expect(res.json().error.details.fields.map((f: { message: string }) => f.message)).toContain('La clé de contrôle du numéro du titre est fausse.');
    const [refusal] = await refusalsOf(request.id);
    expect(refusal!.details).toMatchObject({ code: 'IDENTITY_DOCUMENT_INVALID', failedChecks: expect.arrayContaining(['document_number_check_digit']) });
    expect(JSON.stringify(refusal)).not.toMatch(/X4RTBPFW|LEFEVRE|CAMILLE|800412/);
    expect(await t.database.db.select().from(identityChecks).where(eq(identityChecks.changeRequestId, request.id))).toEqual([]);
  });

  it('refuses a document in another name (409), with the comparison failed and no name in the audit', async () => {
    const doctor = await buildDoctor(t.database);
    const request = await requestFor(doctor, { corrCity: 'Lyon' });
    const res = await checkIn(request.id, { mrz: td3Specimen({ ...camille, surname: 'Martin' }, { expiry: inTwoYears() }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'IDENTITY_DOCUMENT_MISMATCH', details: { fields: [{ path: 'mrz', message: 'Le nom du titre ne correspond ni au nom de naissance ni au nom d’usage de la fiche.' }] } });
    const [refusal] = await refusalsOf(request.id);
    expect(refusal!.details).toEqual({ purpose: 'change_request', code: 'IDENTITY_DOCUMENT_MISMATCH', failedChecks: ['surname'], documentType: 'passeport', format: 'TD3', documentLast4: '2345', birthDateOnRecord: false });
    expect(JSON.stringify(refusal)).not.toMatch(/MARTIN|Martin/);
  });

  it('compares the birth date when the record has one; accents and usage name fold as the MRZ prints them', async () => {
    const doctor = await buildDoctor(t.database, { birthName: 'Lévêque', usageName: "D'Artagnan", firstNames: 'Jean-Noël', birthDate: '1975-01-02' });
    const request = await requestFor(doctor, { corrCity: 'Lyon' });
    const person = { surname: "D'Artagnan", givenNames: 'Jean Noël Marie', birthDate: '1975-01-02' };
    const wrongDay = await checkIn(request.id, { mrz: td1Specimen({ ...person, birthDate: '1975-01-03' }, { expiry: inTwoYears() }) });
    expect(wrongDay.json().error).toMatchObject({ code: 'IDENTITY_DOCUMENT_MISMATCH', details: { fields: [{ message: 'La date de naissance du titre ne correspond pas à celle de la fiche.' }] } });
    const ok = await checkIn(request.id, { mrz: td1Specimen(person, { expiry: inTwoYears() }) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('appliquee');
  });

  it('the older French card: accepted while its derived validity runs, refused once it has expired', async () => {
    const doctor = await buildDoctor(t.database);
    const request = await requestFor(doctor, { corrCity: 'Lyon' });
    const expired = await checkIn(request.id, { mrz: frenchCardSpecimen(camille, { issued: '2010-03-01' }) });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.details.fields[0].message).toBe('Cette carte d’identité (ancien modèle) a expiré le 28/02/2025 (durée de validité calculée depuis sa date de délivrance).');
    const valid = await checkIn(request.id, { mrz: frenchCardSpecimen(camille, { issued: '2019-03-01' }) });
    expect(valid.json().status).toBe('appliquee');
    const [stored] = await t.database.db.select().from(identityChecks).where(eq(identityChecks.changeRequestId, request.id));
    expect(stored).toMatchObject({ documentType: 'carte_nationale_identite', documentExpiry: '2034-02-28', documentLast4: '0285' });
  });

  it('a suspected fraud is recorded without verifying the MRZ, from what the agent could read', async () => {
    const doctor = await buildDoctor(t.database);
    const request = await requestFor(doctor, { corrEmail: 'fraude@exemple.fr' });
    const nothing = await checkIn(request.id, { outcome: 'fraude_suspectee', mrz: 'ILLISIBLE' });
    expect(nothing.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['documentExpiry', 'documentNumber', 'documentType']);
    const frozen = await checkIn(request.id, { outcome: 'fraude_suspectee', documentType: 'passeport', documentNumber: '19ZZ99999', documentExpiry: '2030-01-01', notes: 'Photo décollée' });
    expect(frozen.json().status).toBe('gelee');
  });

  describe('a second agent’s review, whatever the first agent says', () => {
    it('when the record has no email nor phone to warn the doctor; the same agent cannot review', async () => {
      const doctor = await buildDoctor(t.database, { corrEmail: null, corrPhone: null });
      const request = await requestFor(doctor, { corrEmail: 'nouvelle.adresse@exemple.fr' });
      const held = (await checkIn(request.id, { mrz: validMrz() })).json();
      expect(held.status).toBe('en_revue');
      expect(held.holdReasons.map((r: { code: string }) => r.code)).toEqual(['second_review_old_channel_missing']);
      const [audit] = (await auditEntries(t.database, 'registry.change_request.second_review_required')).filter((a) => a.entityId === request.id);
      expect(audit!.details).toEqual({ reasons: ['second_review_old_channel_missing'] });
      expect((await recordOf(doctor.id)).corrEmail).toBeNull();

      const self = await agentClient.post(`/api/registry/change-requests/${request.id}/review`, { decision: 'approve', reason: 'Je l’ai vu moi-même' });
      expect(self.statusCode).toBe(403);
      expect(self.json().error.code).toBe('FOUR_EYES_REQUIRED');
      const approved = await secondClient.post(`/api/registry/change-requests/${request.id}/review`, { decision: 'approve', reason: 'Rappel du médecin au numéro de son cabinet' });
      expect(approved.json()).toMatchObject({ status: 'appliquee', checkedBy: agent.user.id, reviewedBy: secondAgent.user.id });
      expect((await recordOf(doctor.id)).corrEmail).toBe('nouvelle.adresse@exemple.fr');
    });

    it('when the change replaces email and phone together', async () => {
      const doctor = await buildDoctor(t.database);
      const request = await requestFor(doctor, { corrEmail: 'tout.nouveau@exemple.fr', corrPhone: '06 11 22 33 44' });
      const held = (await checkIn(request.id, { mrz: validMrz() })).json();
      expect(held.status).toBe('en_revue');
      expect(held.holdReasons.map((r: { code: string }) => r.code)).toEqual(['second_review_email_and_phone']);
      await expectAudited(t.database, 'registry.change_request.second_review_required', request.id);
      expect((await recordOf(doctor.id)).corrEmail).toBe(doctor.corrEmail);
    });

    it('when the old channel was itself changed within the cooling period', async () => {
      const doctor = await buildDoctor(t.database);
      const first = await requestFor(doctor, { corrEmail: 'premiere@exemple.fr' });
      expect((await checkIn(first.id, { mrz: validMrz() })).json().status).toBe('appliquee');
      const second = await requestFor(doctor, { corrCity: 'Marseille' }, secondClient);
      const held = (await checkIn(second.id, { mrz: validMrz() }, secondClient)).json();
      expect(held.status).toBe('en_revue');
      expect(held.holdReasons.map((r: { code: string }) => r.code)).toEqual(['second_review_old_channel_recent']);
    });

    it('not for an ordinary change with channels that can warn the doctor', async () => {
      const doctor = await buildDoctor(t.database);
      const request = await requestFor(doctor, { corrPhone: '06 55 44 33 22' });
      expect((await checkIn(request.id, { mrz: validMrz() })).json().status).toBe('appliquee');
    });
  });

  it('the counter code and the in-person 2FA reset need the same verified MRZ', async () => {
    const doctor = await buildDoctor(t.database);
    const wrong = await agentClient.post(`/api/registry/doctors/${doctor.id}/counter-code`, { mrz: td1Specimen({ ...camille, givenNames: 'Dominique' }, { expiry: inTwoYears() }), place: 'Guichet', outcome: 'conforme' });
    expect(wrong.json().error.code).toBe('IDENTITY_DOCUMENT_MISMATCH');
    expect((await refusalsOf(doctor.id))[0]!.details).toMatchObject({ purpose: 'counter_code', failedChecks: ['given_names'] });
    const ok = await agentClient.post(`/api/registry/doctors/${doctor.id}/counter-code`, { mrz: validMrz(), place: 'Guichet', outcome: 'conforme' });
    expect(ok.json().code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  });
});

describe('registry security view: each agent’s rate of in-person changes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('counts, shares and flags an agent far above the others, with the audit entries', async () => {
    const clients: TestClient[] = [];
    const agents: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await buildUser(t.database, t.keys, { role: 'agent', departement: '13' });
      const client = new TestClient(t.app);
      await client.login(t.database, user);
      agents.push(user);
      clients.push(client);
    }
    const change = async (client: TestClient) => {
      const doctor = await buildDoctor(t.database, { departement: '13', proCity: 'Marseille' });
      const request = (await client.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrCity: 'Aix-en-Provence' } })).json();
      const res = await client.post(`/api/registry/change-requests/${request.id}/identity-check`, { mrz: validMrz(), place: 'Guichet', outcome: 'conforme' });
      expect(res.json().status).toBe('appliquee');
    };
    for (let i = 0; i < 10; i++) await change(clients[0]!);
    await change(clients[1]!);
    await change(clients[2]!);

    const referent = await buildUser(t.database, t.keys, { role: 'admin', departement: '13' });
    const referentClient = new TestClient(t.app);
    await referentClient.login(t.database, referent);
    const view = (await referentClient.get('/api/registry/security')).json();
    expect(view.inPersonRates).toMatchObject({ appliedChanges: 12, floor: 10, factor: 3 });
    const byAgent = new Map(view.inPersonRates.agents.map((a: { agentId: string }) => [a.agentId, a]));
    expect(byAgent.get(agents[0]!.user.id)).toMatchObject({ inPersonChanges: 10, share: 0.833, othersMedian: 1, flagged: true });
    expect(byAgent.get(agents[1]!.user.id)).toMatchObject({ inPersonChanges: 1, share: 0.083, flagged: false });
    const applied = (await auditEntries(t.database, 'registry.change_request.applied')).filter((a) => a.actorId === agents[0]!.user.id).map((a) => a.id);
    expect([...(byAgent.get(agents[0]!.user.id) as { auditEntryIds: number[] }).auditEntryIds].sort((a, b) => a - b)).toEqual(applied.sort((a, b) => a - b));
  });
});
