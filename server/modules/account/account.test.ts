import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { advanceTotpWindow, buildUser, expectAudited, freshTotpCode } from '../../test/factories.js';
import { currentTotpCode } from '../../platform/auth/totp.js';

describe('my account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('requires a session', async () => {
    const res = await new TestClient(t.app).get('/api/account');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Vous devez être connecté.' });
  });

  it('shows my account and whether 2FA is required', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    expect((await client.get('/api/account')).json()).toMatchObject({ id: doctor.user.id, role: 'medecin', secondFactorEnabled: false, secondFactorRequired: false, recoveryCodesLeft: 0 });
  });

  it('changes the password with the current one, ends my other sessions and notifies me', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const phone = new TestClient(t.app);
    await phone.login(t.database, doctor);
    const laptop = new TestClient(t.app);
    await laptop.login(t.database, doctor);

    const wrong = await laptop.post('/api/account/password', { currentPassword: 'pas le bon', newPassword: 'un nouveau mot de passe' });
    expect(wrong.json().error.code).toBe('PASSWORD_INCORRECT');
    const ok = await laptop.post('/api/account/password', { currentPassword: doctor.password, newPassword: 'un nouveau mot de passe' });
    expect(ok.statusCode).toBe(204);
    await expectAudited(t.database, 'account.password.changed', doctor.user.id);
    expect((await laptop.get('/api/account')).statusCode).toBe(200);
    expect((await phone.get('/api/account')).statusCode).toBe(401);
    await t.catcher.waitFor((m) => m.to.includes(doctor.user.email) && /mot de passe a été modifié/.test(m.subject));
  });

  it('lets a doctor enable then disable 2FA, with password and a current code', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    const { secret } = (await client.post('/api/account/totp/setup')).json();
    const codes = (await client.post('/api/account/totp/confirm', { code: currentTotpCode(secret) })).json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect((await client.get('/api/account')).json()).toMatchObject({ secondFactorEnabled: true, recoveryCodesLeft: 10 });
    expect((await client.post('/api/account/totp/setup')).json().error.code).toBe('SECOND_FACTOR_ALREADY_ENABLED');

    const next = await freshTotpCode(t.database, doctor.user.id, secret);
    const regenerated = await client.post('/api/account/recovery-codes', { code: next });
    expect(regenerated.json().recoveryCodes).not.toEqual(codes);
    await expectAudited(t.database, 'account.recovery_codes.regenerated', doctor.user.id);

    await advanceTotpWindow(t.database, doctor.user.id);
    const badPassword = await client.post('/api/account/totp/disable', { password: 'faux', code: '123456' });
    expect(badPassword.json().error.code).toBe('PASSWORD_INCORRECT');
    const disable = await client.post('/api/account/totp/disable', { password: doctor.password, code: await freshTotpCode(t.database, doctor.user.id, secret) });
    expect(disable.statusCode).toBe(204);
    await expectAudited(t.database, 'account.totp.disabled', doctor.user.id);
  });

  it('never lets a role that requires 2FA turn it off', async () => {
    const agent = await buildUser(t.database, t.keys, { role: 'agent' });
    const client = new TestClient(t.app);
    await client.login(t.database, agent);
    const res = await client.post('/api/account/totp/disable', { password: agent.password, code: '123456' });
    expect(res.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
  });
});
