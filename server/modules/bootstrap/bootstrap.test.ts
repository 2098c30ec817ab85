import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { expectAudited } from '../../test/factories.js';
import { issueBootstrapTokenIfNeeded } from './bootstrap.service.js';

describe('first administrator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('creates the first national administrator from the printed link, once', async () => {
    const token = (await issueBootstrapTokenIfNeeded(t.database))!;
    expect(token).toBeTruthy();
    const client = new TestClient(t.app);
    await client.refreshSession();
    const wrong = await client.post('/api/bootstrap/admin', { token: 'x'.repeat(32), email: 'admin@ordre.fr', displayName: 'Première Admin', password: 'une phrase de passe longue' });
    expect(wrong.json().error.code).toBe('TOKEN_INVALID');

    const res = await client.post('/api/bootstrap/admin', { token, email: 'admin@ordre.fr', displayName: 'Première Admin', password: 'une phrase de passe longue' });
    expect(res.statusCode).toBe(204);
    await expectAudited(t.database, 'admin.user.created');

    const again = await client.post('/api/bootstrap/admin', { token, email: 'autre@ordre.fr', displayName: 'Autre', password: 'une phrase de passe longue' });
    expect(again.json().error.code).toBe('TOKEN_INVALID');
    expect(await issueBootstrapTokenIfNeeded(t.database)).toBeNull();

    // The administrator must enrol a second factor before anything else.
    await client.refreshSession();
    const login = await client.post('/api/auth/login', { email: 'admin@ordre.fr', password: 'une phrase de passe longue' });
    expect(login.json()).toEqual({ state: 'pending_enrollment' });
  });
});
