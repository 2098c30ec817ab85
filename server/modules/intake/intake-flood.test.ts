import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../test/factories.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { SmtpDialogue } from './smtp-test-client.js';

const INTAKE = 'signalement@vigie.localhost';
const MESSAGES_PER_CONNECTION = 3;
const CONNECTIONS_PER_MINUTE = 4;
const message = (n: number) => `From: dr.inconnu@exemple.fr\r\nSubject: Fwd: message ${n}\r\n\r\nVoici un SMS reçu : appelez le 01 89 62 14 70 (n° ${n}).\r\n`;

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await buildTestApp({
    env: { INTAKE_MAX_MESSAGES_PER_CONNECTION: String(MESSAGES_PER_CONNECTION), INTAKE_MAX_CONNECTIONS_PER_IP_PER_MINUTE: String(CONNECTIONS_PER_MINUTE) },
  });
  port = t.runtime.intake!.port;
});
afterAll(() => t.close());

async function reportCount(): Promise<number> {
  const { rows } = await t.database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  return rows[0]!.n;
}

async function rejections(reason: string): Promise<number> {
  return (await auditEntries(t.database, 'intake.email.rejected')).filter((r) => (r.details as { reason: string }).reason === reason).length;
}

describe('email intake: a client flooding the listener is throttled and cut off', () => {
  it('closes a connection (421) once it has sent the messages allowed on one connection', async () => {
    await t.database.raw.query("DELETE FROM rate_limits WHERE key LIKE 'intake:%'");
    const before = await reportCount();
    const { dialogue, greeting } = await SmtpDialogue.open(port);
    expect(greeting.code).toBe(220);
    expect((await dialogue.command('EHLO client.exemple.fr')).code).toBe(250);
    for (let n = 1; n <= MESSAGES_PER_CONNECTION; n += 1) {
      expect((await dialogue.send('dr.inconnu@exemple.fr', INTAKE, message(n))).code).toBe(250);
    }
    const cut = await dialogue.command('MAIL FROM:<dr.inconnu@exemple.fr>');
    expect(cut.code).toBe(421);
    await dialogue.closed;
    expect(await reportCount()).toBe(before + MESSAGES_PER_CONNECTION);
    expect(await rejections('trop_de_messages')).toBe(1);
  });

  it('cuts off a connection probing for recipients', async () => {
    await t.database.raw.query("DELETE FROM rate_limits WHERE key LIKE 'intake:%'");
    const { dialogue } = await SmtpDialogue.open(port);
    await dialogue.command('EHLO client.exemple.fr');
    await dialogue.command('MAIL FROM:<x@exemple.fr>');
    expect((await dialogue.command('RCPT TO:<a@vigie.localhost>')).code).toBe(550);
    expect((await dialogue.command('RCPT TO:<b@vigie.localhost>')).code).toBe(550);
    expect((await dialogue.command('RCPT TO:<c@vigie.localhost>')).code).toBe(421);
    await dialogue.closed;
    // One audit entry per connection, not one per probe.
    expect(await rejections('destinataire_inconnu')).toBe(1);
  });

  it('refuses (421) and closes connections past the per-IP limit of the minute, counted in the database', async () => {
    await t.database.raw.query("DELETE FROM rate_limits WHERE key LIKE 'intake:%'");
    const greetings: number[] = [];
    for (let n = 0; n < CONNECTIONS_PER_MINUTE + 3; n += 1) {
      const { dialogue, greeting } = await SmtpDialogue.open(port);
      greetings.push(greeting.code);
      if (greeting.code === 421) await dialogue.closed;
      else {
        await dialogue.command('QUIT');
        await dialogue.closed;
      }
    }
    expect(greetings).toEqual([...Array<number>(CONNECTIONS_PER_MINUTE).fill(220), 421, 421, 421]);
    const { rows } = await t.database.raw.query<{ hits: number }>("SELECT hits FROM rate_limits WHERE key = 'intake:127.0.0.1'");
    expect(rows[0]!.hits).toBe(CONNECTIONS_PER_MINUTE + 3);
    // Audited once per window, so the flood does not flood the audit log.
    expect(await rejections('trop_de_connexions')).toBe(1);
  });

  it('shares the count between two instances on the same database', async () => {
    await t.database.raw.query("DELETE FROM rate_limits WHERE key LIKE 'intake:%'");
    const second = await buildTestApp({ shared: t, env: { INTAKE_MAX_CONNECTIONS_PER_IP_PER_MINUTE: String(CONNECTIONS_PER_MINUTE) } });
    try {
      const ports = [port, second.runtime.intake!.port];
      const greetings: number[] = [];
      for (let n = 0; n < CONNECTIONS_PER_MINUTE + 1; n += 1) {
        const { dialogue, greeting } = await SmtpDialogue.open(ports[n % 2]!);
        greetings.push(greeting.code);
        dialogue.end();
        await dialogue.closed;
      }
      expect(greetings.at(-1)).toBe(421);
      expect(greetings.slice(0, CONNECTIONS_PER_MINUTE).every((c) => c === 220)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
