import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideCases, entraideMandates } from '../../platform/db/schema-entraide.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { loggedIn } from '../../test/logged-in.js';

const ownRequest = {
  natures: ['financiere', 'personnelle'],
  urgency: 'rapide',
  message: 'Je ne parviens plus à payer les charges du cabinet depuis mon arrêt maladie.',
  contact: { means: 'telephone', consent: true, phone: '06 12 34 56 78' },
};

const relativeRequest = {
  ...ownRequest,
  departement: '13',
  beneficiary: { kind: 'medecin', firstName: 'Aurélien', lastName: 'Quincampoix' },
  requester: { firstName: 'Hélène', lastName: 'Quincampoix', relation: 'épouse' },
};

describe('entraide: helplines and requests for help', () => {
  let t: TestApp;
  let anonymous: TestClient;
  let doctor: TestClient;
  let doctorUser: TestUser;
  let otherDoctor: TestClient;
  let agent: TestClient;
  let admin: TestClient;
  let member: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: 'Vasseur-Éluard', firstNames: 'Maëlle', departement: '75' });
    doctor = await loggedIn(t, doctorUser);
    otherDoctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' }));
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    member = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '13' });
  });
  afterAll(() => t.close());

  it('shows the emergency numbers and the national helplines to anyone, without login', async () => {
    const res = await anonymous.get('/api/entraide/helplines?departement=2A');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.emergency.map((e: { number: string }) => e.number)).toEqual(['15', '3114']);
    expect(body.nationalDefault).toBe(true);
    expect(body.helplines).toEqual([
      expect.objectContaining({ name: 'SYNEXIAL', number: '0800 288 038' }),
      expect.objectContaining({ name: 'STIMULUS', number: '09 80 80 03 07' }),
    ]);
    expect((await anonymous.get('/api/entraide/helplines?departement=99')).statusCode).toBe(400);
  });

  it("lets an administrator give a département its own helplines (audited), and only an administrator", async () => {
    const lines = { helplines: [{ name: 'Écoute 13', purpose: 'Permanence du conseil', number: '04 91 00 00 00', hours: 'Du lundi au vendredi, 9 h – 17 h' }] };
    expect((await agent.request('PUT', '/api/entraide/helplines/13', lines)).statusCode).toBe(403);
    const bad = await admin.request('PUT', '/api/entraide/helplines/13', { helplines: [{ ...lines.helplines[0], number: 'appelez-nous' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ path: 'helplines.0.number', message: 'Numéro de téléphone invalide (chiffres et espaces).' });

    const set = await admin.request('PUT', '/api/entraide/helplines/13', lines);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ departement: '13', nationalDefault: false, helplines: [{ name: 'Écoute 13' }] });
    expect((await anonymous.get('/api/entraide/helplines?departement=13')).json().helplines).toHaveLength(1);
    expect((await anonymous.get('/api/entraide/helplines?departement=75')).json().nationalDefault).toBe(true);
    const entry = await expectAudited(t.database, 'entraide.helplines.updated');
    expect(entry.details).toMatchObject({ departement: '13', lines: 1 });

    await admin.request('PUT', '/api/entraide/helplines/13', { helplines: [] });
    expect((await anonymous.get('/api/entraide/helplines?departement=13')).json().nationalDefault).toBe(true);
  });

  it("files a doctor's own request under a pseudonym, sealed for their CDE, audited without saying who asked", async () => {
    expect((await anonymous.post('/api/entraide/requests', ownRequest)).statusCode).toBe(401);
    expect((await agent.post('/api/entraide/requests', ownRequest)).statusCode).toBe(403);

    const res = await doctor.post('/api/entraide/requests', ownRequest);
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(receipt.reference).toMatch(/^E-\d{4}-\d{3}$/);
    expect(receipt.status).toBe('recu');
    expect(receipt.helplines.emergency).toHaveLength(2);
    expect(JSON.stringify(receipt)).not.toContain('Vasseur');

    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, receipt.reference));
    expect(row).toMatchObject({ departement: '75', source: 'espace_medecin', beneficiaryKind: 'medecin', natures: ['financiere', 'personnelle'], recordedBy: null });
    // Nothing in the row names the doctor or points at their account…
    const stored = JSON.stringify(row);
    for (const secret of ['Vasseur', 'Maëlle', '06 12 34 56 78', doctorUser.user.id, doctorUser.user.email]) expect(stored).not.toContain(secret);
    // …but the CDE's key opens who it is.
    const identity = JSON.parse((await sealerFor(t.database.db, t.keys, cdeScope('75'))).open(row!.sealedIdentity));
    expect(identity.beneficiary).toMatchObject({ firstName: 'Maëlle', lastName: 'Vasseur-Éluard' });
    expect(identity.contact).toMatchObject({ means: 'telephone', phone: '06 12 34 56 78' });

    const entry = await expectAudited(t.database, 'entraide.case.requested', row!.id);
    expect(entry).toMatchObject({ actorId: null, actorRole: 'medecin', ip: null, requestId: null });
    expect(entry.details).toMatchObject({ reference: receipt.reference, departement: '75', source: 'espace_medecin' });
  });

  it("lists a doctor's own requests to them alone", async () => {
    const mine = (await doctor.get('/api/entraide/requests/mine')).json().requests;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'recu', natures: ['financiere', 'personnelle'] });
    expect((await otherDoctor.get('/api/entraide/requests/mine')).json().requests).toEqual([]);
  });

  it.each([
    [{ ...ownRequest, natures: [] }, 'natures', 'Choisissez au moins une nature de difficulté.'],
    [{ ...ownRequest, natures: ['fiscale'] }, 'natures.0', 'Nature de difficulté inconnue.'],
    [{ ...ownRequest, urgency: 'hier' }, 'urgency', "Degré d'urgence inconnu."],
    [{ ...ownRequest, contact: { means: 'pigeon', consent: true } }, 'contact.means', 'Moyen de contact inconnu.'],
    [{ ...ownRequest, identity: 'Dr X' }, 'identity', undefined],
    [{ ...ownRequest, contact: { means: 'telephone', consent: true } }, 'contact.phone', 'Indiquez le numéro de téléphone où vous joindre.'],
    [{ ...ownRequest, contact: { means: 'courrier', consent: true } }, 'contact.address', "Indiquez l'adresse postale où vous écrire."],
  ])('refuses a request with a bad field, in French, nothing filed (%#)', async (body, path, message) => {
    const before = (await t.database.db.select().from(entraideCases)).length;
    const res = await doctor.post('/api/entraide/requests', body);
    expect(res.statusCode).toBe(400);
    const field = res.json().error.details.fields.find((f: { path: string }) => f.path === path);
    expect(field).toBeDefined();
    if (message) expect(field.message).toBe(message);
    expect((await t.database.db.select().from(entraideCases)).length).toBe(before);
  });

  it("takes a relative's request without an account, and keeps neither their address nor their name in clear", async () => {
    const { requester: _requester, ...withoutRequester } = relativeRequest;
    const missing = await anonymous.post('/api/entraide/requests/relative', withoutRequester);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].path).toBe('requester');
    // A relative has no account to take an email from: « par courriel » needs the address.
    const noEmail = await anonymous.post('/api/entraide/requests/relative', { ...relativeRequest, contact: { means: 'courriel', consent: true } });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().error.details.fields[0]).toMatchObject({ path: 'contact.email', message: "Indiquez l'adresse électronique où vous écrire." });

    const res = await anonymous.post('/api/entraide/requests/relative', relativeRequest);
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, res.json().reference));
    expect(row).toMatchObject({ departement: '13', source: 'proche', requesterTag: null, recordedBy: null });
    expect(JSON.stringify(row)).not.toContain('Quincampoix');
    const entry = await expectAudited(t.database, 'entraide.case.requested', row!.id);
    expect(entry.ip).toBeNull();
    expect(JSON.stringify(entry)).not.toContain('Quincampoix');
  });

  it('lets an agent record a request after a call, then the agent sees only the pseudonym', async () => {
    const res = await agent.post('/api/entraide/requests/recorded', relativeRequest);
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['helplines', 'reference', 'status']);
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, res.json().reference));
    expect(row).toMatchObject({ source: 'appel_agent' });
    expect(row!.recordedBy).not.toBeNull();
    await expectAudited(t.database, 'entraide.case.recorded', row!.id);
    expect((await doctor.post('/api/entraide/requests/recorded', relativeRequest)).statusCode).toBe(403);
  });

  it('refuses a CDE member without a current mandate (audited), then records for their own département only', async () => {
    const client = await loggedIn(t, member);
    const refused = await client.post('/api/entraide/requests/recorded', relativeRequest);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("mandat à la commission d'entraide n'est pas en cours");
    const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
    expect(denial).toMatchObject({ actorId: member.user.id, entityType: 'entraide_mandate' });

    // A mandate that ended yesterday still refuses; one in force today opens.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await t.database.db.insert(entraideMandates).values({ userId: member.user.id, commission: 'cde', departement: '13', role: 'membre', startsOn: '2024-01-01', endsOn: yesterday });
    expect((await client.post('/api/entraide/requests/recorded', relativeRequest)).statusCode).toBe(403);
    await t.database.db.insert(entraideMandates).values({ userId: member.user.id, commission: 'cde', departement: '13', role: 'membre', startsOn: '2024-01-01', endsOn: '2027-12-31' });
    const ok = await client.post('/api/entraide/requests/recorded', relativeRequest);
    expect(ok.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, ok.json().reference));
    expect(row!.source).toBe('appel_cde');
    const elsewhere = await client.post('/api/entraide/requests/recorded', { ...relativeRequest, departement: '75' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.fields[0].path).toBe('departement');
  });
});
