import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

// The sink is what the broadcast's exactly-once tests and the benchmark count with: a message counts
// only once its final dot has arrived, wherever the bytes are cut, and a session closed mid-DATA counts
// as aborted, never as a message.

let sink: SmtpSink;
afterEach(() => sink?.close());

/** A raw client: writes bytes as given and collects the answers. */
async function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
  await new Promise((resolve) => socket.once('connect', resolve));
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !pattern.test(received); i++) await new Promise((r) => setTimeout(r, 10));
    expect(received).toMatch(pattern);
  };
  return { socket, answers: () => received, until };
}

const message = (id: string) => `From: a@vigie.example\r\nTo: b@exemple.fr\r\nMessage-ID: <${id}@vigie>\r\n\r\nLigne 1\r\n..ligne qui commençait par un point\r\n.\r\n`;

describe('counting SMTP sink', () => {
  it('counts a pipelined message cut at every byte once its final dot arrives, and answers in order', async () => {
    sink = await startSmtpSink();
    const client = await rawClient(sink.port);
    client.socket.write('EHLO test\r\n');
    await client.until(/250 SMTPUTF8\r\n/);
    client.socket.write('MAIL FROM:<a@vigie.example> BODY=8BITMIME\r\nRCPT TO:<b@exemple.fr>\r\nDATA\r\n');
    await client.until(/354 /);
    for (const byte of message('un')) {
      expect(sink.total()).toBe(0);
      client.socket.write(byte);
      await new Promise((r) => setImmediate(r));
    }
    await client.until(/250 2\.0\.0 OK\r\n$/);
    expect(sink.total()).toBe(1);
    expect(sink.perRecipient.get('b@exemple.fr')).toBe(1);
    expect(sink.perSender.get('a@vigie.example')).toBe(1);
    expect(sink.messageIds).toEqual(['<un@vigie>']);
    expect(client.answers().match(/^\d{3}[ -]/gm)).toEqual(['220 ', '250-', '250-', '250-', '250 ', '250 ', '250 ', '354 ', '250 ']);
    client.socket.destroy();
  });

  it('refuses DATA without an accepted recipient and counts a session closed mid-DATA as aborted', async () => {
    sink = await startSmtpSink();
    sink.refuseRecipient = (address) => address === 'inconnu@exemple.fr';
    const client = await rawClient(sink.port);
    client.socket.write('EHLO test\r\nMAIL FROM:<a@vigie.example>\r\nRCPT TO:<inconnu@exemple.fr>\r\nDATA\r\n');
    await client.until(/554 /);
    expect(client.answers()).toContain('550 ');
    client.socket.write('RSET\r\nMAIL FROM:<a@vigie.example>\r\nRCPT TO:<b@exemple.fr>\r\nDATA\r\n');
    await client.until(/354 /);
    client.socket.write(message('deux').slice(0, -5));
    await new Promise((r) => setTimeout(r, 20));
    expect(sink.openTransactions()).toBe(1);
    client.socket.destroy();
    for (let i = 0; i < 100 && sink.aborted() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sink.aborted()).toBe(1);
    expect(sink.openTransactions()).toBe(0);
    expect(sink.total()).toBe(0);
  });
});
