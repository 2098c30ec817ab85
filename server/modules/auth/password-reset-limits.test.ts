import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { accountTokens } from '../../platform/db/schema.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';

// The reset request must not tell who has an account, nor that an account's hourly quota is spent; and
// that quota holds per account, whatever address or IP asks.
describe('password reset requests: same answer for everyone, hourly limit per account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { PASSWORD_RESET_PER_ACCOUNT_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  const linkToken = (text: string) => /reinitialiser-mot-de-passe\?token=([\w-]+)/.exec(text)?.[1];

  /** What a caller can observe of an answer: status, body and headers, less the per-request ones. */
  function observable(res: LightMyRequestResponse) {
    const { date: _date, 'set-cookie': _cookie, ...headers } = res.headers;
    return { status: res.statusCode, body: res.body, headers };
  }

  async function ask(email: string, ip: string) {
    const client = new TestClient(t.app, ip);
    await client.refreshSession();
    return client.post('/api/auth/password-reset/request', { email });
  }

  const outcomes = async (userId: string) =>
    (await auditEntries(t.database, 'account.password_reset.requested')).filter((e) => e.entityId === userId).map((e) => e.details.outcome);

  it('sends at most the hourly number of links per account, whatever the IP or the spelling of the address', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const answers = [];
    for (const [i, email] of [doctor.user.email, doctor.user.email.toUpperCase(), doctor.user.email, ` ${doctor.user.email} `].entries()) {
      answers.push(observable(await ask(email, `10.7.${i}.1`)));
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 202, body: '{}' });

    expect(await outcomes(doctor.user.id)).toEqual(['link_sent', 'link_sent', 'hourly_limit_reached', 'hourly_limit_reached']);
    const tokens = await t.database.db.select().from(accountTokens).where(eq(accountTokens.userId, doctor.user.id));
    expect(tokens).toHaveLength(2);

    // Two mails, no third; and the refused requests left the last link valid: an attacker cannot void it.
    const resetMails = () => t.catcher.messages.filter((m) => m.to.includes(doctor.user.email) && /réinitialisation/.test(m.subject));
    for (let waited = 0; resetMails().length < 2 && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    expect(resetMails()).toHaveLength(2);
    const valid = tokens.filter((row) => row.usedAt === null);
    expect(valid).toHaveLength(1);
    const link = resetMails().map((m) => linkToken(m.text)!).find((token) => sha256Hex(token) === valid[0]!.tokenHash);
    const client = new TestClient(t.app, '10.7.9.1');
    await client.refreshSession();
    const confirm = await client.post('/api/auth/password-reset/confirm', { token: link!, password: 'un nouveau mot de passe solide' });
    expect(confirm.statusCode).toBe(204);
  });

  it('answers an unknown, a disabled and a rate-limited account exactly as an existing one, and audits each', async () => {
    const active = await buildUser(t.database, t.keys, { totp: false });
    const disabled = await buildUser(t.database, t.keys, { totp: false, status: 'disabled' });
    const limited = await buildUser(t.database, t.keys, { totp: false });
    await ask(limited.user.email, '10.8.0.1');
    await ask(limited.user.email, '10.8.0.2');

    const existing = observable(await ask(active.user.email, '10.8.1.1'));
    expect(existing).toMatchObject({ status: 202, body: '{}' });
    expect(observable(await ask('personne.inconnue@exemple.fr', '10.8.1.2'))).toEqual(existing);
    expect(observable(await ask(disabled.user.email, '10.8.1.3'))).toEqual(existing);
    expect(observable(await ask(limited.user.email, '10.8.1.4'))).toEqual(existing);

    expect(await outcomes(active.user.id)).toEqual(['link_sent']);
    expect(await outcomes(disabled.user.id)).toEqual(['inactive_account']);
    expect((await outcomes(limited.user.id)).at(-1)).toBe('hourly_limit_reached');
    const unknown = (await auditEntries(t.database, 'account.password_reset.requested')).filter((e) => e.entityId === null);
    expect(unknown.at(-1)!.details).toEqual({ outcome: 'unknown_account', email: 'p***@exemple.fr' });
    expect(unknown.at(-1)!.ip).toBe('10.8.1.2');
  });
});
