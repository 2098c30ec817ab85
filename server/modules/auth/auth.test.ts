import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, freshTotpCode } from '../../test/factories.js';
import { accountTokens, sessions } from '../../platform/db/schema.js';
import { currentTotpCode } from '../../platform/auth/totp.js';

describe('login, second factor and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('refuses a login without the CSRF token, and writes nothing', async () => {
    const doctor = await buildUser(t.database, t.keys);
    const before = (await auditEntries(t.database)).length;
    const client = new TestClient(t.app);
    const res = await client.post('/api/auth/login', { email: doctor.user.email, password: doctor.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    expect((await auditEntries(t.database)).length).toBe(before);
  });

  it('refuses a forged anonymous CSRF token', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    client.csrfToken = 'forged.token';
    client.cookies.set('vigie_csrf', 'forged.token');
    const res = await client.post('/api/auth/login', { email: 'a@b.fr', password: 'x' });
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('answers malformed JSON, unknown fields and wrong types with 400 and the field named', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    const malformed = await client.request('POST', '/api/auth/login', '{"email":', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    expect(malformed.body).not.toMatch(/at .*\.ts|stack/i);

    const unknown = await client.post('/api/auth/login', { email: 'a@b.fr', password: 'x', admin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'admin' }] } });

    const wrongType = await client.post('/api/auth/login', { email: 42, password: 'x' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.fields[0].path).toBe('email');
    expect(wrongType.json().error.message).toMatch(/invalides/);
  });

  it('rejects an oversized body with 413', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    const res = await client.post('/api/auth/login', { email: 'a@b.fr', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('logs a doctor without 2FA straight in, and audits it', async () => {
    const doctor = await buildUser(t.database, t.keys, { role: 'medecin', totp: false });
    const client = new TestClient(t.app);
    expect(await client.login(t.database, doctor)).toBe('active');
    const view = await client.refreshSession();
    expect(view).toMatchObject({ state: 'active', user: { id: doctor.user.id, role: 'medecin' } });
    await expectAudited(t.database, 'auth.session.created', doctor.user.id);
    const cookie = (await client.get('/api/session')).headers['set-cookie'];
    expect(cookie).toBeUndefined();
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app, '10.0.0.9');
    await client.refreshSession();
    const wrong = await client.post('/api/auth/login', { email: doctor.user.email, password: 'not the password at all' });
    const unknown = await client.post('/api/auth/login', { email: 'personne@exemple.fr', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const failed = await expectAudited(t.database, 'auth.login.failed', doctor.user.id);
    expect(JSON.stringify(failed)).not.toContain(doctor.user.email);
  });

  it('throttles repeated failures from one address without locking the owner out elsewhere', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const attacker = new TestClient(t.app, '10.0.0.66');
    await attacker.refreshSession();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await attacker.post('/api/auth/login', { email: doctor.user.email, password: 'guess-guess-guess' })).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const locked = await attacker.post('/api/auth/login', { email: doctor.user.email, password: doctor.password });
    expect(locked.json().error.code).toBe('LOGIN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

    const owner = new TestClient(t.app, '10.0.0.7');
    expect(await owner.login(t.database, doctor)).toBe('active');
  });

  it('requires the TOTP code, refuses a wrong or replayed one, and rotates the session id', async () => {
    const agent = await buildUser(t.database, t.keys, { role: 'agent' });
    const client = new TestClient(t.app);
    await client.refreshSession();
    const res = await client.post('/api/auth/login', { email: agent.user.email, password: agent.password });
    expect(res.json()).toEqual({ state: 'pending_second_factor' });
    const pendingCookie = client.cookies.get('vigie_session');
    await client.refreshSession();

    const blocked = await client.get('/api/account');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('SECOND_FACTOR_REQUIRED');

    const wrong = await client.post('/api/auth/second-factor', { code: '000000' });
    expect(wrong.json().error.code).toBe('SECOND_FACTOR_INVALID');
    await expectAudited(t.database, 'auth.second_factor.failed', agent.user.id);

    const code = await freshTotpCode(t.database, agent.user.id, agent.totpSecret!);
    const ok = await client.post('/api/auth/second-factor', { code });
    expect(ok.json()).toEqual({ state: 'active' });
    expect(client.cookies.get('vigie_session')).not.toBe(pendingCookie);
    await client.refreshSession();
    expect((await client.get('/api/account')).statusCode).toBe(200);
    await expectAudited(t.database, 'auth.session.second_factor_verified', agent.user.id);

    // The same code, observed by someone else, opens nothing.
    const other = new TestClient(t.app, '10.0.0.8');
    await other.refreshSession();
    await other.post('/api/auth/login', { email: agent.user.email, password: agent.password });
    await other.refreshSession();
    const replay = await other.post('/api/auth/second-factor', { code });
    expect(replay.json().error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('notifies the account address of a login from a new device only', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.user.email) && /nouvel appareil/.test(m.subject));
    expect(mail.text).toContain('Si vous n’êtes pas à l’origine');
    await client.post('/api/auth/logout');
    await client.login(t.database, doctor);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.catcher.messages.filter((m) => m.to.includes(doctor.user.email) && /nouvel appareil/.test(m.subject))).toHaveLength(1);
  });

  it('sends a role that requires 2FA to enrolment, which then activates the session', async () => {
    const admin = await buildUser(t.database, t.keys, { role: 'admin', totp: false, departement: null });
    const client = new TestClient(t.app);
    expect(await client.login(t.database, admin)).toBe('pending_enrollment');
    expect((await client.get('/api/admin/users')).json().error.code).toBe('SECOND_FACTOR_REQUIRED');

    const setup = await client.post('/api/account/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrCodeSvg } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Vigie/);
    expect(qrCodeSvg).toMatch(/^<svg/);
    expect((await client.post('/api/account/totp/confirm', { code: '123456' })).json().error.code).toBe('SECOND_FACTOR_INVALID');

    const confirm = await client.post('/api/account/totp/confirm', { code: currentTotpCode(secret) });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(codes[0]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await client.refreshSession();
    expect((await client.get('/api/admin/users')).statusCode).toBe(200);
    await expectAudited(t.database, 'account.totp.enabled', admin.user.id);
    await t.catcher.waitFor((m) => m.to.includes(admin.user.email) && /double authentification/.test(m.subject));

    // A recovery code works once, and its use is reported to the owner.
    const phoneLost = new TestClient(t.app, '10.0.0.20');
    await phoneLost.refreshSession();
    await phoneLost.post('/api/auth/login', { email: admin.user.email, password: admin.password });
    await phoneLost.refreshSession();
    expect((await phoneLost.post('/api/auth/second-factor', { recoveryCode: codes[0]!.toLowerCase() })).json()).toEqual({ state: 'active' });
    await expectAudited(t.database, 'account.recovery_code.used', admin.user.id);
    const again = new TestClient(t.app, '10.0.0.21');
    await again.refreshSession();
    await again.post('/api/auth/login', { email: admin.user.email, password: admin.password });
    await again.refreshSession();
    expect((await again.post('/api/auth/second-factor', { recoveryCode: codes[0] })).json().error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('answers 401 SESSION_EXPIRED to a forged or expired session cookie and changes nothing', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, doctor.user.id));
    const expired = await client.get('/api/account');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');

    const forged = new TestClient(t.app);
    forged.cookies.set('vigie_session', 'forged-session-token-forged-session-token');
    forged.csrfToken = 'anything';
    const res = await forged.post('/api/account/password', { currentPassword: 'x', newPassword: 'y'.repeat(12) });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('logs out: the session cookie stops working', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    const cookie = client.cookies.get('vigie_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    await expectAudited(t.database, 'auth.session.ended', doctor.user.id);
    const replay = new TestClient(t.app);
    replay.cookies.set('vigie_session', cookie);
    expect((await replay.get('/api/account')).statusCode).toBe(401);
  });
});

describe('password reset by emailed link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const linkToken = (text: string) => /reinitialiser-mot-de-passe\?token=([\w-]+)/.exec(text)?.[1];

  it('emails a single-use link valid 30 minutes, ends sessions and notifies the change', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const loggedIn = new TestClient(t.app);
    await loggedIn.login(t.database, doctor);

    const client = new TestClient(t.app, '10.1.0.1');
    await client.refreshSession();
    expect((await client.post('/api/auth/password-reset/request', { email: doctor.user.email.toUpperCase() })).statusCode).toBe(202);
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.user.email) && /réinitialisation/.test(m.subject));
    expect(mail.text).toContain('30 minutes');
    const token = linkToken(mail.text)!;
    const [stored] = await t.database.db.select().from(accountTokens).where(eq(accountTokens.userId, doctor.user.id));
    expect(stored!.tokenHash).not.toContain(token);
    const minutes = (stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 60_000;
    expect(Math.round(minutes)).toBe(30);

    const weak = await client.post('/api/auth/password-reset/confirm', { token, password: 'court' });
    expect(weak.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'password' }] } });

    const newPassword = 'un nouveau mot de passe solide';
    expect((await client.post('/api/auth/password-reset/confirm', { token, password: newPassword })).statusCode).toBe(204);
    await expectAudited(t.database, 'account.password_reset.completed', doctor.user.id);
    await t.catcher.waitFor((m) => m.to.includes(doctor.user.email) && /mot de passe a été modifié/.test(m.subject));
    expect((await loggedIn.get('/api/account')).statusCode).toBe(401);

    const reuse = await client.post('/api/auth/password-reset/confirm', { token, password: 'encore un autre mot de passe' });
    expect(reuse.json().error.code).toBe('TOKEN_INVALID');
    expect(await new TestClient(t.app).login(t.database, { ...doctor, password: newPassword })).toBe('active');
  });

  it('refuses an expired link', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app, '10.1.0.2');
    await client.refreshSession();
    await client.post('/api/auth/password-reset/request', { email: doctor.user.email });
    const mail = await t.catcher.waitFor((m) => m.to.includes(doctor.user.email));
    await t.database.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.userId, doctor.user.id));
    const res = await client.post('/api/auth/password-reset/confirm', { token: linkToken(mail.text)!, password: 'un mot de passe bien long' });
    expect(res.json().error.code).toBe('TOKEN_INVALID');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const client = new TestClient(t.app, '10.1.0.3');
    await client.refreshSession();
    const before = t.catcher.messages.length;
    expect((await client.post('/api/auth/password-reset/request', { email: 'inconnu@exemple.fr' })).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.catcher.messages.length).toBe(before);
  });
});
