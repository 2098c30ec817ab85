import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A counting SMTP sink for the broadcast's tests and benchmark: it accepts every message, counts those
 * received in full (final dot seen) per recipient, and keeps nothing else. Hooks let a test refuse a
 * recipient or a message, or hold the answers to complete messages (a relay that accepted but whose
 * « 250 » never reached the sender).
 */
export interface SmtpSink {
  port: number;
  url: string;
  /** Complete messages per envelope recipient. */
  perRecipient: Map<string, number>;
  /** Message-ID header of every complete message. */
  messageIds: string[];
  /** Complete messages per envelope sender. */
  perSender: Map<string, number>;
  total(): number;
  /** DATA transactions begun and not (yet) completed nor aborted. */
  openTransactions(): number;
  /** Transactions aborted by the client closing mid-DATA (never counted as messages). */
  aborted(): number;
  connections(): number;
  /** Refuse RCPT TO for matching addresses (550). */
  refuseRecipient: ((address: string) => boolean) | null;
  /** Answer RCPT TO for matching addresses only after this many ms (a slow relay). */
  delayRecipient: ((address: string) => number) | null;
  /** Answer a complete message with this error (e.g. a 451 after the dot), when it returns a string. */
  refuseMessage: ((recipient: string) => { code: number; text: string } | null) | null;
  /** While true, answers to complete messages wait until release(). */
  holdAnswers: boolean;
  /** Answers waiting for release(). */
  held(): number;
  release(): void;
  waitForTotal(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function messageIdOf(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 8192)).toString('latin1');
  const end = head.indexOf('\r\n\r\n');
  const match = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(end >= 0 ? head.slice(0, end) : head);
  return match?.[1] ?? '';
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const perRecipient = new Map<string, number>();
  const messageIds: string[] = [];
  const perSender = new Map<string, number>();
  let total = 0;
  let open = 0;
  let aborted = 0;
  let connections = 0;
  let held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];

  const sink: SmtpSink = {
    port: 0,
    url: '',
    perRecipient,
    messageIds,
    perSender,
    total: () => total,
    openTransactions: () => open,
    aborted: () => aborted,
    connections: () => connections,
    refuseRecipient: null,
    delayRecipient: null,
    refuseMessage: null,
    holdAnswers: false,
    held: () => held.length,
    release() {
      const answers = held;
      held = [];
      for (const answer of answers) answer();
    },
    waitForTotal(n, timeoutMs = 60_000) {
      if (total >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sink: ${total} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Broadcast senders keep their session open for many messages.
    maxClients: 1000,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (sink.refuseRecipient?.(address.address)) {
        const err = new Error('Destinataire inconnu') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      const delay = sink.delayRecipient?.(address.address) ?? 0;
      if (delay > 0) setTimeout(() => callback(), delay);
      else callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      open += 1;
      const chunks: Buffer[] = [];
      let finished = false;
      stream.on('data', (c: Buffer) => chunks.push(c));
      // Closed mid-DATA: smtp-server destroys the stream without 'end'; the message does not exist.
      stream.on('close', () => {
        if (finished) return;
        finished = true;
        open -= 1;
        aborted += 1;
      });
      stream.on('error', () => undefined);
      stream.on('end', () => {
        finished = true;
        open -= 1;
        const recipient = session.envelope.rcptTo[0]?.address ?? '';
        const refusal = sink.refuseMessage?.(recipient) ?? null;
        const answer = () => {
          if (refusal) {
            const err = new Error(refusal.text) as Error & { responseCode: number };
            err.responseCode = refusal.code;
            callback(err);
          } else callback();
        };
        if (!refusal) {
          total += 1;
          for (const r of session.envelope.rcptTo) perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
          messageIds.push(messageIdOf(Buffer.concat(chunks)));
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          perSender.set(sender, (perSender.get(sender) ?? 0) + 1);
          for (const w of waiters.splice(0)) {
            if (total >= w.n) w.resolve();
            else waiters.push(w);
          }
        }
        if (sink.holdAnswers) held.push(answer);
        else answer();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
