import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { advanceTotpWindow, buildDoctor, buildUser, expectAudited, freshTotpCode, type TestUser } from '../../test/factories.js';
import { doctors, stepUpTokens } from '../../platform/db/schema.js';
import { td1Specimen, td3Specimen } from './identity-document.specimens.js';

/** buildDoctor's default person. */
const camille = { surname: 'Lefèvre', givenNames: 'Camille', birthDate: '1980-04-12' };

describe("a doctor's own correspondence details", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function doctorWithAccount(totp: boolean) {
    const account = await buildUser(t.database, t.keys, { role: 'medecin', totp });
    const doctor = await buildDoctor(t.database, { userId: account.user.id });
    const client = new TestClient(t.app);
    await client.login(t.database, account);
    return { account, doctor, client };
  }

  async function stepUp(client: TestClient, account: TestUser) {
    const res = await client.post('/api/auth/step-up', { code: await freshTotpCode(t.database, account.user.id, account.totpSecret!) });
    expect(res.statusCode).toBe(200);
    return res.json().stepUpToken as string;
  }

  it('is closed to a doctor without 2FA, who is told why', async () => {
    const { client } = await doctorWithAccount(false);
    const own = (await client.get('/api/me/registry')).json();
    expect(own.secondFactorEnabled).toBe(false);
    const res = await client.post('/api/me/registry/contact-changes', { stepUpToken: 'x'.repeat(40), changes: { corrCity: 'Lyon' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'SELF_SERVICE_REQUIRES_2FA' });
    expect(res.json().error.message).toMatch(/double authentification/);
  });

  it('requires a fresh, single-use step-up of this session', async () => {
    const { account, client } = await doctorWithAccount(true);
    const none = await client.post('/api/me/registry/contact-changes', { stepUpToken: 'y'.repeat(40), changes: { corrCity: 'Lyon' } });
    expect(none.json().error.code).toBe('STEP_UP_REQUIRED');
    expect((await client.post('/api/auth/step-up', { code: '000000' })).json().error.code).toBe('SECOND_FACTOR_INVALID');

    const token = await stepUp(client, account);
    await expectAudited(t.database, 'auth.step_up.granted', account.user.id);
    const other = new TestClient(t.app);
    await advanceTotpWindow(t.database, account.user.id);
    await other.login(t.database, account);
    const stolen = await other.post('/api/me/registry/contact-changes', { stepUpToken: token, changes: { corrCity: 'Lyon' } });
    expect(stolen.json().error.code).toBe('STEP_UP_REQUIRED');

    expect((await client.post('/api/me/registry/contact-changes', { stepUpToken: token, changes: { corrCity: 'Lyon' } })).json().status).toBe('appliquee');
    const replay = await client.post('/api/me/registry/contact-changes', { stepUpToken: token, changes: { corrCity: 'Marseille' } });
    expect(replay.json().error.code).toBe('STEP_UP_REQUIRED');

    await advanceTotpWindow(t.database, account.user.id);
    const expiring = await stepUp(client, account);
    await t.database.db.update(stepUpTokens).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await client.post('/api/me/registry/contact-changes', { stepUpToken: expiring, changes: { corrCity: 'Brest' } })).json().error.code).toBe('STEP_UP_REQUIRED');
  });

  it('applies a new email only once the code sent to it is entered, and tells the old address', async () => {
    const { account, doctor, client } = await doctorWithAccount(true);
    const token = await stepUp(client, account);
    const pending = (await client.post('/api/me/registry/contact-changes', { stepUpToken: token, changes: { corrEmail: 'dr.camille@nouveau.fr', corrPhone: '06 11 22 33 44' } })).json();
    expect(pending.status).toBe('attente_codes');
    const [unchanged] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(unchanged!.corrEmail).toBe(doctor.corrEmail);

    const mail = await t.catcher.waitFor((m) => m.to.includes('dr.camille@nouveau.fr'));
    const emailCode = /(\d{6})/.exec(mail.text)![1]!;
    const sms = t.runtime.sms.messages.find((s) => s.to === '+33611223344')!;
    const phoneCode = /(\d{6})/.exec(sms.text)![1]!;

    const wrong = await client.post(`/api/me/registry/contact-changes/${pending.id}/verify`, { emailCode: emailCode === '123456' ? '654321' : '123456' });
    expect(wrong.json().error.code).toBe('TOKEN_INVALID');
    const half = await client.post(`/api/me/registry/contact-changes/${pending.id}/verify`, { emailCode });
    expect(half.json().status).toBe('attente_codes');
    const done = await client.post(`/api/me/registry/contact-changes/${pending.id}/verify`, { phoneCode });
    expect(done.json().status).toBe('appliquee');

    const [after] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(after).toMatchObject({ corrEmail: 'dr.camille@nouveau.fr', corrPhone: '+33611223344' });
    const notice = await t.catcher.waitFor((m) => m.to.includes(doctor.corrEmail!) && /ont été modifiées/.test(m.subject));
    expect(notice.text).toContain('Ce n’était pas moi');
  });

  it('refuses what is not correspondence details', async () => {
    const { account, client } = await doctorWithAccount(true);
    const token = await stepUp(client, account);
    const res = await client.post('/api/me/registry/contact-changes', { stepUpToken: token, changes: { proEmail: 'x@y.fr' } });
    expect(res.json().error.details.fields[0].path).toBe('changes.proEmail');
  });
});

describe('doctor accounts come from the registry', () => {
  let t: TestApp;
  let agentClient: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agentClient = new TestClient(t.app);
    await agentClient.login(t.database, agent);
  });
  afterAll(() => t.close());

  it('sends the activation link to the address on file only, and the account is linked to the record', async () => {
    const doctor = await buildDoctor(t.database);
    expect((await agentClient.post(`/api/registry/doctors/${doctor.id}/activation-link`)).statusCode).toBe(204);
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.corrEmail!) && /activez/.test(m.subject));
    const token = /jeton=([\w-]+)/.exec(mail.text)![1]!;
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.post('/api/activation', { token, password: 'ma phrase de passe de médecin' })).statusCode).toBe(204);
    const [linked] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(linked!.userId).not.toBeNull();
    await expectAudited(t.database, 'registry.activation.completed', doctor.id);
    expect((await anonymous.post('/api/activation', { token, password: 'ma phrase de passe de médecin' })).json().error.code).toBe('TOKEN_INVALID');
    const login = new TestClient(t.app);
    await login.refreshSession();
    expect((await login.post('/api/auth/login', { email: doctor.corrEmail, password: 'ma phrase de passe de médecin' })).json()).toEqual({ state: 'active' });
  });

  it('gives a counter code only after a conforming identity check', async () => {
    const doctor = await buildDoctor(t.database);
    const identity = { mrz: td3Specimen(camille, { expiry: '2031-05-01' }), place: 'Guichet du conseil', outcome: 'conforme' };
    const refused = await agentClient.post(`/api/registry/doctors/${doctor.id}/counter-code`, { ...identity, mrz: td3Specimen({ ...camille, surname: 'Martin' }, { expiry: '2031-05-01' }) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('IDENTITY_DOCUMENT_MISMATCH');
    const { code } = (await agentClient.post(`/api/registry/doctors/${doctor.id}/counter-code`, identity)).json();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const wrongRpps = await anonymous.post('/api/activation', { rpps: '10000000009', code, password: 'ma phrase de passe de médecin' });
    expect(wrongRpps.statusCode).toBe(400);
    expect((await anonymous.post('/api/activation', { rpps: doctor.rpps, code, password: 'ma phrase de passe de médecin' })).statusCode).toBe(204);
  });

  it('no administrator can create a doctor account, nor reset a doctor’s 2FA remotely', async () => {
    const admin = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    const adminClient = new TestClient(t.app);
    await adminClient.login(t.database, admin);
    const create = await adminClient.post('/api/admin/users', { email: 'faux.docteur@exemple.fr', displayName: 'Dr Faux', role: 'medecin', departement: '75' });
    expect(create.json().error.code).toBe('MEDECIN_FROM_REGISTRY_ONLY');
    const doctorAccount = await buildUser(t.database, t.keys, { role: 'medecin', totp: true });
    const reset = await adminClient.post(`/api/admin/users/${doctorAccount.user.id}/second-factor-reset`, { reason: 'Le médecin a appelé, téléphone perdu' });
    expect(reset.json().error.code).toBe('IN_PERSON_CHECK_REQUIRED');

    const doctor = await buildDoctor(t.database, { userId: doctorAccount.user.id });
    const inPerson = await agentClient.post(`/api/registry/doctors/${doctor.id}/second-factor-reset`, {
      mrz: td1Specimen(camille, { expiry: '2030-01-01' }), place: 'Guichet', outcome: 'conforme',
    });
    expect(inPerson.statusCode).toBe(204);
    await expectAudited(t.database, 'admin.user.second_factor_reset', doctorAccount.user.id);
  });
});
