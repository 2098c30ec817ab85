import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * Sending one message of a broadcast so that it is delivered at most once, and — crashes aside — exactly
 * once: the caller's commit runs after the whole message has gone to the relay but before the
 * terminating « CRLF.CRLF », which alone makes the relay accept it.
 *
 * nodemailer's SMTPConnection.send(envelope, stream, cb) pipes the stream into a DataStream that escapes
 * dots and writes the final « .CRLF » in its _flush, i.e. only when the source stream ends
 * (lib/smtp-connection/data-stream.js). So we hand it a stream whose end we hold back: the body is
 * pushed as soon as the relay has answered DATA with 354, then we await `commit()`, and only if it
 * returns true do we end the stream, which makes the connection write the dot. If the commit refuses or
 * fails we close the socket instead: a relay discards a transaction whose DATA never terminated
 * (RFC 5321 §4.1.1.4), and so does a crashed process's socket. The only loss window is a crash between
 * the commit and the dot (see docs/alerts.md).
 */

export interface BroadcastMessage {
  /** Envelope recipient (one per message). */
  to: string;
  /** The complete RFC 5322 message, CRLF line ends. */
  raw: Buffer;
}

export type SendOutcome =
  /** The relay accepted the message after the dot. */
  | { kind: 'delivered' }
  /** commit() said no (or threw): the connection was dropped without the dot, nothing was delivered. */
  | { kind: 'not_committed' }
  /** The relay refused: before the data (committed: false) or after the dot (committed: true). */
  | { kind: 'refused'; committed: boolean; permanent: boolean; error: string }
  /** The connection failed before the dot was written: nothing was delivered; safe to send again. */
  | { kind: 'failed'; committed: boolean; error: string }
  /** The dot was written but no answer came: the relay may have accepted it. Never send it again. */
  | { kind: 'unconfirmed'; error: string };

export interface BroadcastSenderOptions {
  smtpUrl: string;
  /** Envelope sender (bare address). */
  envelopeFrom: string;
  /** Reconnect after this many messages (relays often cap a session). */
  maxMessagesPerConnection?: number;
  /** Inactivity timeout of the SMTP session, ms. */
  socketTimeoutMs?: number;
}

/**
 * One SMTP session reused for many messages (RSET after a refused transaction; a completed one leaves
 * the session ready for the next MAIL FROM), reopened after an error. Not shared between callers.
 */
export interface BroadcastSender {
  send(message: BroadcastMessage, commit: () => Promise<boolean>): Promise<SendOutcome>;
  close(): void;
}

type SmtpError = Error & { code?: string; responseCode?: number };

const errorText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 400);

interface Session {
  conn: SMTPConnection;
  /** The connection reported an error or its end: do not reuse it. */
  broken: boolean;
  /** The last transaction was refused: RSET before the next one (a completed one needs none). */
  dirty: boolean;
  messages: number;
}

export function createBroadcastSender(options: BroadcastSenderOptions): BroadcastSender {
  const url = new URL(options.smtpUrl);
  const maxPerConnection = options.maxMessagesPerConnection ?? 500;
  let session: Session | null = null;

  const drop = () => {
    session?.conn.close();
    session = null;
  };

  async function open(): Promise<Session> {
    const conn = new SMTPConnection({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
      // A dropped transaction must leave no dot behind: close at once, never linger.
      socketCloseTimeout: 0,
      logger: false,
    });
    const opened: Session = { conn, broken: false, dirty: false, messages: 0 };
    // Late failures arrive as events; the send in flight also gets them through its callback.
    conn.on('error', () => (opened.broken = true));
    conn.on('end', () => (opened.broken = true));
    try {
      await new Promise<void>((resolve, reject) => {
        conn.once('error', reject);
        conn.connect((err?: Error | null) => {
          conn.removeListener('error', reject);
          if (err) reject(err);
          else resolve();
        });
      });
      if (url.username) {
        await new Promise<void>((resolve, reject) =>
          conn.login({ user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }, (err) => (err ? reject(err) : resolve())),
        );
      }
    } catch (err) {
      conn.close();
      throw err;
    }
    return opened;
  }

  async function ready(): Promise<SMTPConnection> {
    if (session && (session.broken || session.messages >= maxPerConnection)) drop();
    if (session && !session.dirty) {
      session.messages += 1;
      return session.conn;
    }
    if (session) {
      // The previous transaction was refused: start from a clean state, as nodemailer's pool does.
      const { conn } = session;
      const reset = await new Promise<boolean>((resolve) => conn.reset((err) => resolve(!err)));
      if (reset && !session.broken) {
        session.dirty = false;
        session.messages += 1;
        return conn;
      }
      drop();
    }
    const opened = await open();
    opened.messages = 1;
    session = opened;
    return opened.conn;
  }

  return {
    async send(message, commit) {
      let conn: SMTPConnection;
      try {
        conn = await ready();
      } catch (err) {
        drop();
        return { kind: 'failed', committed: false, error: errorText(err) };
      }

      let dataStarted!: () => void;
      const dataPhase = new Promise<'data'>((resolve) => (dataStarted = () => resolve('data')));
      let pushed = false;
      // _read is first called when the connection pipes us into the DATA stream, i.e. after 354.
      const body = new Readable({
        read() {
          if (pushed) return;
          pushed = true;
          this.push(message.raw);
          dataStarted();
        },
      });
      let settled = false;
      const finished = new Promise<{ err: SmtpError | null }>((resolve) => {
        conn.send({ from: options.envelopeFrom, to: [message.to] }, body, (err) => {
          settled = true;
          resolve({ err: (err as SmtpError | null) ?? null });
        });
      });

      const first = await Promise.race([dataPhase, finished]);
      if (first !== 'data') {
        const err = first.err;
        if (err && err.responseCode) {
          // Refused in the envelope (MAIL, RCPT or DATA): the session is intact, RSET comes next.
          if (session) session.dirty = true;
          return { kind: 'refused', committed: false, permanent: err.responseCode >= 500, error: errorText(err) };
        }
        drop();
        return { kind: 'failed', committed: false, error: errorText(err ?? 'envoi interrompu') };
      }

      const committed = await commit().catch(() => false);
      if (!committed) {
        // No dot: the relay throws the unterminated transaction away when the socket closes.
        drop();
        return { kind: 'not_committed' };
      }
      if (settled) {
        // The connection died while we were committing: the dot was never written.
        const { err } = await finished;
        drop();
        return { kind: 'failed', committed: true, error: errorText(err ?? 'connexion perdue') };
      }
      body.push(null);
      const { err } = await finished;
      if (!err) return { kind: 'delivered' };
      if (err.responseCode) {
        if (session) session.dirty = true;
        return { kind: 'refused', committed: true, permanent: err.responseCode >= 500, error: errorText(err) };
      }
      drop();
      return { kind: 'unconfirmed', error: errorText(err) };
    },
    close() {
      drop();
    },
  };
}
