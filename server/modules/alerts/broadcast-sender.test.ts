import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBroadcastSender, type BroadcastSender } from '../../platform/mail/broadcast-sender.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const message = (to: string, id: string) => ({
  to,
  raw: Buffer.from(`From: alerte@vigie.localhost\r\nTo: ${to}\r\nSubject: Test\r\nMessage-ID: <${id}@vigie>\r\n\r\nCorps du message.\r\n.ligne qui commence par un point\r\n`),
});

// The commit-before-dot protocol against a real SMTP server: what the relay sees at the moment the
// caller commits, and what it keeps when the commit is refused.
describe('broadcast sender: the commit happens before the final dot', () => {
  let sink: SmtpSink;
  let sender: BroadcastSender;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  beforeEach(() => {
    sink.refuseRecipient = null;
    sink.refuseMessage = null;
    sender?.close();
    sender = createBroadcastSender({ smtpUrl: sink.url, envelopeFrom: 'alerte@vigie.localhost' });
  });
  afterAll(async () => {
    sender.close();
    await sink.close();
  });

  it('commits while the relay holds an open, unterminated transaction, then delivers', async () => {
    const before = sink.total();
    let seenAtCommit: { open: number; total: number } | null = null;
    const outcome = await sender.send(message('a@exemple.fr', 'a'), async () => {
      // Let the body reach the relay: it must still be waiting for the dot.
      await new Promise((r) => setTimeout(r, 50));
      seenAtCommit = { open: sink.openTransactions(), total: sink.total() };
      return true;
    });
    expect(outcome).toEqual({ kind: 'delivered' });
    expect(seenAtCommit).toEqual({ open: 1, total: before });
    expect(sink.total()).toBe(before + 1);
    expect(sink.perRecipient.get('a@exemple.fr')).toBe(1);
    expect(sink.messageIds.at(-1)).toBe('<a@vigie>');
  });

  it('drops the transaction without the dot when the commit refuses or fails: nothing is delivered', async () => {
    const before = { total: sink.total(), aborted: sink.aborted() };
    expect(await sender.send(message('b@exemple.fr', 'b'), async () => false)).toEqual({ kind: 'not_committed' });
    expect(
      await sender.send(message('c@exemple.fr', 'c'), async () => {
        throw new Error('database unreachable');
      }),
    ).toEqual({ kind: 'not_committed' });
    await expect.poll(() => sink.aborted()).toBe(before.aborted + 2);
    expect(sink.total()).toBe(before.total);
    expect(sink.perRecipient.has('b@exemple.fr')).toBe(false);
    // The sender reconnects for the next message.
    expect(await sender.send(message('d@exemple.fr', 'd'), async () => true)).toEqual({ kind: 'delivered' });
  });

  it('reports a recipient refused in the envelope without ever calling the commit, and keeps the session', async () => {
    sink.refuseRecipient = (a) => a === 'inconnu@exemple.fr';
    const connections = sink.connections();
    let committed = false;
    const outcome = await sender.send(message('inconnu@exemple.fr', 'x'), async () => (committed = true));
    expect(outcome).toMatchObject({ kind: 'refused', committed: false, permanent: true });
    expect(committed).toBe(false);
    expect(await sender.send(message('e@exemple.fr', 'e'), async () => true)).toEqual({ kind: 'delivered' });
    expect(await sender.send(message('f@exemple.fr', 'f'), async () => true)).toEqual({ kind: 'delivered' });
    expect(sink.connections()).toBe(connections + 1);
  });

  it('reports a refusal after the dot as committed (the caller undoes its mark), temporary or permanent', async () => {
    sink.refuseMessage = (r) => (r === 'plein@exemple.fr' ? { code: 452, text: 'Boîte pleine' } : r === 'refus@exemple.fr' ? { code: 554, text: 'Refusé' } : null);
    expect(await sender.send(message('plein@exemple.fr', 'p'), async () => true)).toMatchObject({ kind: 'refused', committed: true, permanent: false });
    expect(await sender.send(message('refus@exemple.fr', 'r'), async () => true)).toMatchObject({ kind: 'refused', committed: true, permanent: true });
    expect(await sender.send(message('g@exemple.fr', 'g'), async () => true)).toEqual({ kind: 'delivered' });
  });

  it('reuses one session for many messages and escapes leading dots', async () => {
    const connections = sink.connections();
    for (let i = 0; i < 20; i++) expect(await sender.send(message(`serie${i}@exemple.fr`, `s${i}`), async () => true)).toEqual({ kind: 'delivered' });
    expect(sink.connections()).toBe(connections + 1);
    for (let i = 0; i < 20; i++) expect(sink.perRecipient.get(`serie${i}@exemple.fr`)).toBe(1);
  });

  it('fails cleanly when the relay is unreachable', async () => {
    const dead = createBroadcastSender({ smtpUrl: 'smtp://127.0.0.1:1', envelopeFrom: 'alerte@vigie.localhost' });
    let committed = false;
    expect(await dead.send(message('h@exemple.fr', 'h'), async () => (committed = true))).toMatchObject({ kind: 'failed', committed: false });
    expect(committed).toBe(false);
    dead.close();
  });
});
