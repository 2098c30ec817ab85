import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { currentTotpCode } from '../../platform/auth/totp.js';

describe('administrator user management', () => {
  let t: TestApp;
  let national: TestUser;
  let paris: TestUser;
  let nationalClient: TestClient;
  let parisClient: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    national = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    paris = await buildUser(t.database, t.keys, { role: 'admin', departement: '75' });
    nationalClient = new TestClient(t.app);
    await nationalClient.login(t.database, national);
    parisClient = new TestClient(t.app);
    await parisClient.login(t.database, paris);
  });
  afterAll(() => t.close());

  it('creates an account and emails its owner an invitation to choose a password', async () => {
    const res = await parisClient.post('/api/admin/users', { email: ' Nouvel.Agent@Exemple.fr ', displayName: 'Nouvel Agent', role: 'agent', departement: '75' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ email: 'nouvel.agent@exemple.fr', role: 'agent', departement: '75', status: 'active', secondFactorEnabled: false });
    const audit = await expectAudited(t.database, 'admin.user.created', created.id);
    expect(audit.actorId).toBe(paris.user.id);
    expect(JSON.stringify(audit.details)).not.toContain('nouvel.agent@');
    const mail = await t.catcher.waitFor((m) => m.to.includes('nouvel.agent@exemple.fr'));
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;

    const invited = new TestClient(t.app);
    await invited.refreshSession();
    expect((await invited.post('/api/auth/password-reset/confirm', { token, password: 'mon tout premier mot de passe' })).statusCode).toBe(204);
    await invited.refreshSession();
    const login = await invited.post('/api/auth/login', { email: 'nouvel.agent@exemple.fr', password: 'mon tout premier mot de passe' });
    expect(login.json()).toEqual({ state: 'pending_enrollment' });

    const duplicate = await parisClient.post('/api/admin/users', { email: 'nouvel.agent@exemple.fr', displayName: 'Doublon', role: 'agent', departement: '75' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('says an invited account has not logged in yet, with the invitation date, until its first complete login', async () => {
    const before = Date.now();
    const created = (await parisClient.post('/api/admin/users', { email: 'invitee@exemple.fr', displayName: 'Agent Invité', role: 'agent', departement: '75' })).json();
    expect(created).toMatchObject({ hasLoggedIn: false, lastLoginAt: null });
    expect(Date.parse(created.invitationSentAt)).toBeGreaterThanOrEqual(before - 1000);
    const listed = async () => {
      const res = await parisClient.get('/api/admin/users?q=invitee');
      expect(res.statusCode).toBe(200);
      return res.json().items[0];
    };
    const invitedRow = await listed();
    expect(invitedRow).toMatchObject({ id: created.id, hasLoggedIn: false, lastLoginAt: null });
    expect(Math.abs(Date.parse(invitedRow.invitationSentAt) - Date.parse(created.invitationSentAt))).toBeLessThan(5000);

    // A password chosen and typed is not yet a login: the agent must still enrol the second factor.
    const token = /token=([\w-]+)/.exec((await t.catcher.waitFor((m) => m.to.includes('invitee@exemple.fr'))).text)![1]!;
    const invitee = new TestClient(t.app);
    await invitee.refreshSession();
    await invitee.post('/api/auth/password-reset/confirm', { token, password: 'une phrase de passe solide' });
    await invitee.refreshSession();
    expect((await invitee.post('/api/auth/login', { email: 'invitee@exemple.fr', password: 'une phrase de passe solide' })).json()).toEqual({ state: 'pending_enrollment' });
    await invitee.refreshSession();
    expect((await listed()).hasLoggedIn).toBe(false);

    const { secret } = (await invitee.post('/api/account/totp/setup')).json();
    expect((await invitee.post('/api/account/totp/confirm', { code: currentTotpCode(secret) })).statusCode).toBe(200);
    const loggedIn = await listed();
    expect(loggedIn).toMatchObject({ hasLoggedIn: true, secondFactorEnabled: true });
    // The edit answer says the same, and the invitation date stays history.
    const renamed = (await parisClient.patch(`/api/admin/users/${created.id}`, { displayName: 'Agent Arrivé' })).json();
    expect(renamed).toMatchObject({ hasLoggedIn: true, invitationSentAt: loggedIn.invitationSentAt });
  });

  it('tells an account that logged in from one never invited', async () => {
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const client = new TestClient(t.app);
    await client.login(t.database, agent);
    const row = (await parisClient.get(`/api/admin/users?q=${encodeURIComponent(agent.user.email)}`)).json().items[0];
    expect(row).toMatchObject({ id: agent.user.id, hasLoggedIn: true, invitationSentAt: null });
    expect(row.lastLoginAt).not.toBeNull();
  });

  it('validates every field with a French message', async () => {
    const res = await parisClient.post('/api/admin/users', { email: 'pas-une-adresse', displayName: 'A', role: 'pirate', departement: '20' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(fields).toEqual(['departement', 'displayName', 'email', 'role']);
    expect(JSON.stringify(res.json())).toMatch(/Département inconnu/);
  });

  it('keeps a departmental administrator inside its département', async () => {
    const lyon = await buildUser(t.database, t.keys, { role: 'agent', departement: '69' });
    const list = (await parisClient.get('/api/admin/users')).json();
    expect(list.items.every((u: { departement: string }) => u.departement === '75')).toBe(true);
    expect((await parisClient.get('/api/admin/users?departement=69')).json().total).toBe(0);

    const hidden = await parisClient.patch(`/api/admin/users/${lyon.user.id}`, { status: 'disabled' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain(lyon.user.email);

    const national69 = await parisClient.post('/api/admin/users', { email: 'cne@exemple.fr', displayName: 'Membre CNE', role: 'membre_cne', departement: null });
    expect(national69.json().error.code).toBe('OUT_OF_SCOPE');
    const elsewhere = await parisClient.post('/api/admin/users', { email: 'lyon@exemple.fr', displayName: 'Agent Lyon', role: 'agent', departement: '69' });
    expect(elsewhere.json().error.code).toBe('OUT_OF_SCOPE');

    expect((await nationalClient.get('/api/admin/users?departement=69')).json().total).toBeGreaterThanOrEqual(1);
  });

  it('enforces which roles are national or departmental', async () => {
    const cneWithDept = await nationalClient.post('/api/admin/users', { email: 'cne2@exemple.fr', displayName: 'Membre CNE', role: 'membre_cne', departement: '75' });
    expect(cneWithDept.json().error.code).toBe('DEPARTEMENT_NOT_ALLOWED');
    const cdeNational = await nationalClient.post('/api/admin/users', { email: 'cde2@exemple.fr', displayName: 'Membre CDE', role: 'membre_cde', departement: null });
    expect(cdeNational.json().error.code).toBe('DEPARTEMENT_REQUIRED');
  });

  it('disabling an account ends its sessions at once', async () => {
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const agentClient = new TestClient(t.app);
    await agentClient.login(t.database, agent);
    const res = await parisClient.patch(`/api/admin/users/${agent.user.id}`, { status: 'disabled' });
    expect(res.json().status).toBe('disabled');
    const audit = await expectAudited(t.database, 'admin.user.updated', agent.user.id);
    expect(audit.details).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });
    expect((await agentClient.get('/api/account')).statusCode).toBe(401);
    const relogin = new TestClient(t.app);
    await relogin.refreshSession();
    expect((await relogin.post('/api/auth/login', { email: agent.user.email, password: agent.password })).json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('refuses an administrator changing its own role or status', async () => {
    const res = await parisClient.patch(`/api/admin/users/${paris.user.id}`, { role: 'agent' });
    expect(res.json().error.code).toBe('CANNOT_CHANGE_OWN_ACCOUNT');
  });

  it('resets a lost second factor only with a reason, recorded in the audit log', async () => {
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const noReason = await parisClient.post(`/api/admin/users/${agent.user.id}/second-factor-reset`, { reason: 'perdu' });
    expect(noReason.json().error.details.fields[0].path).toBe('reason');
    const res = await parisClient.post(`/api/admin/users/${agent.user.id}/second-factor-reset`, { reason: 'Téléphone perdu, identité vérifiée au guichet' });
    expect(res.statusCode).toBe(204);
    const audit = await expectAudited(t.database, 'admin.user.second_factor_reset', agent.user.id);
    expect(audit.reason).toBe('Téléphone perdu, identité vérifiée au guichet');
    await t.catcher.waitFor((m) => m.to.includes(agent.user.email) && /double authentification/.test(m.subject));
    const relogin = new TestClient(t.app);
    expect(await relogin.login(t.database, { ...agent, totpSecret: null })).toBe('pending_enrollment');
  });

  it('refuses non-administrators, and audits the refusal', async () => {
    for (const role of ['medecin', 'agent', 'membre_cde', 'membre_cne'] as const) {
      const someone = await buildUser(t.database, t.keys, { role });
      const client = new TestClient(t.app);
      await client.login(t.database, someone);
      const list = await client.get('/api/admin/users');
      expect({ role, status: list.statusCode }).toEqual({ role, status: 403 });
      const create = await client.post('/api/admin/users', { email: `x-${role}@exemple.fr`, displayName: 'Intrus', role: 'admin', departement: null });
      expect(create.statusCode).toBe(403);
      const denied = (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.actorId === someone.user.id);
      expect(denied.length).toBe(2);
    }
  });

  it('shows the audit log to national administrators only, and audits the reading', async () => {
    const page = await nationalClient.get('/api/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.length).toBeGreaterThan(5);
    expect(page.json().items[0]).toHaveProperty('action');
    await expectAudited(t.database, 'admin.audit_log.read');
    expect((await parisClient.get('/api/admin/audit')).statusCode).toBe(403);
  });
});
