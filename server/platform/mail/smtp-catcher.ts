import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML part, when there is one. */
  html: string | null;
  /** Header fields by lower-case name (the last one when repeated). */
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface SmtpCatcher {
  port: number;
  url: string;
  messages: CaughtMail[];
  /** Resolves with the first message (present or future) that matches. */
  waitFor(predicate: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP listener on 127.0.0.1 that keeps what it receives: development uses it in place of a
 * relay (messages also written as .eml under `saveDir`), tests read what Vigie sent over the wire.
 */
export async function startSmtpCatcher(options: { port?: number; saveDir?: string } = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { predicate: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }[] = [];
  if (options.saveDir) mkdirSync(options.saveDir, { recursive: true });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // postal-mime, the parser the analysis and the intake read mail with: one MIME parser in the house.
        PostalMime.parse(raw)
          .then((parsed) => {
            const mail: CaughtMail = {
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: parsed.html ?? null,
              headers: Object.fromEntries(parsed.headers.map((h) => [h.key, h.value])),
              receivedAt: new Date(),
            };
            messages.push(mail);
            if (options.saveDir) {
              writeFileSync(path.join(options.saveDir, `${Date.now()}-${messages.length}.eml`), raw);
            }
            for (const w of waiters.splice(0)) {
              if (w.predicate(mail)) w.resolve(mail);
              else waiters.push(w);
            }
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching mail arrived in time')), timeoutMs);
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
