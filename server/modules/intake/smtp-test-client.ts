import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';

export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A bare SMTP client for tests that must see every reply and when the server hangs up (floods,
 * refusals), which a mail library hides behind retries and pooled connections.
 */
export class SmtpDialogue {
  private buffer = '';
  private readonly replies: SmtpReply[] = [];
  private waiting: ((reply: SmtpReply) => void) | null = null;
  private lines: string[] = [];
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<{ dialogue: SmtpDialogue; greeting: SmtpReply }> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const dialogue = new SmtpDialogue(socket);
    return { dialogue, greeting: await dialogue.next() };
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line.slice(4));
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n') };
        this.lines = [];
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve(reply);
        } else this.replies.push(reply);
      }
      end = this.buffer.indexOf('\r\n');
    }
  }

  /** The next reply; a connection closed without one answers code 0. */
  next(): Promise<SmtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return Promise.race([
      new Promise<SmtpReply>((resolve) => {
        this.waiting = resolve;
      }),
      this.closed.then(() => this.replies.shift() ?? { code: 0, text: 'closed' }),
    ]);
  }

  command(line: string): Promise<SmtpReply> {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
    return this.next();
  }

  /** MAIL, RCPT, DATA and the message; stops at the first refusal and returns it. */
  async send(from: string, to: string, raw: string): Promise<SmtpReply> {
    for (const line of [`MAIL FROM:<${from}>`, `RCPT TO:<${to}>`]) {
      const reply = await this.command(line);
      if (reply.code >= 400 || reply.code === 0) return reply;
    }
    const go = await this.command('DATA');
    if (go.code !== 354) return go;
    const body = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    return this.command(`${body}\r\n.`);
  }

  end(): void {
    this.socket.end();
  }
}

/** Sends a raw message through nodemailer, as a mail server relaying to the listener would. */
export async function sendRaw(port: number, envelope: { from: string; to: string }, raw: string | Uint8Array): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw: typeof raw === 'string' ? raw : Buffer.from(raw) });
    return info.response;
  } finally {
    transport.close();
  }
}
