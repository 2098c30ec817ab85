import { createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A counting SMTP sink for the broadcast's tests and benchmark: it accepts every message, counts those
 * received in full (final dot seen) per recipient, and keeps nothing else. Hooks let a test refuse a
 * recipient or a message, or hold the answers to complete messages (a relay that accepted but whose
 * « 250 » never reached the sender).
 *
 * A few dozen lines of SMTP (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET, NOOP, QUIT) rather than
 * `smtp-server`: the benchmark measures the broadcast's cost, and a full server's parsing per command
 * and per data line was a quarter of the CPU it counted (docs/performance.md). Answers leave in the
 * order of the commands, as PIPELINING requires, even when a hook delays one.
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

const DOT_LINE = Buffer.from('\r\n.\r\n');
const CRLF: Buffer = Buffer.from('\r\n');
const EMPTY: Buffer = Buffer.alloc(0);
/** The head of a message kept to read its Message-ID (the headers end well before). */
const HEAD_BYTES = 8192;

function messageIdOf(head: string): string {
  const end = head.indexOf('\r\n\r\n');
  const match = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(end >= 0 ? head.slice(0, end) : head);
  // A copy, not a slice: V8 keeps a sliced string's parent alive, and a million messages' heads pinned
  // by their ids ran the sink out of memory (bench:alerts -- 1000000).
  return match ? Buffer.from(match[1]!, 'latin1').toString('latin1') : '';
}

/** The address of a MAIL FROM or RCPT TO, copied (kept as a map key: no slice pinning the session's buffer). */
const addressIn = (args: string) => Buffer.from(/<([^>]*)>/.exec(args)?.[1] ?? args.trim(), 'latin1').toString('latin1');

/** The answers of one session, written in command order: a slot is filled now or later (hooks). */
function answerQueue(socket: Socket) {
  const slots: (string | null)[] = [];
  let head = 0;
  const flush = () => {
    let out = '';
    while (head < slots.length && slots[head] !== null) out += slots[head++];
    if (head === slots.length) {
      slots.length = 0;
      head = 0;
    }
    if (out && !socket.destroyed) socket.write(out);
  };
  return {
    now(line: string) {
      slots.push(`${line}\r\n`);
      flush();
    },
    later(): (line: string) => void {
      // The queue is emptied only once every slot is filled, so this index stays this slot's.
      const at = slots.push(null) - 1;
      return (line) => {
        slots[at] = `${line}\r\n`;
        flush();
      };
    },
  };
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
  const sockets = new Set<Socket>();

  const counted = (sender: string, recipients: string[], head: string) => {
    total += 1;
    for (const r of recipients) perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
    messageIds.push(messageIdOf(head));
    perSender.set(sender, (perSender.get(sender) ?? 0) + 1);
    for (const w of waiters.splice(0)) {
      if (total >= w.n) w.resolve();
      else waiters.push(w);
    }
  };

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
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const session = (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    const answers = answerQueue(socket);
    let sender: string | null = null;
    let recipients: string[] = [];
    let pending: Buffer = EMPTY;
    // In DATA: the message's head (for its Message-ID) and the last bytes seen, to find « CRLF.CRLF »
    // across chunks. `tail` starts as the CRLF that ended the DATA command (an empty message is « . »).
    let inData = false;
    let head = '';
    let tail: Buffer = EMPTY;

    const endMessage = () => {
      inData = false;
      open -= 1;
      const recipient = recipients[0] ?? '';
      const refusal = sink.refuseMessage?.(recipient) ?? null;
      if (!refusal) counted(sender ?? '', recipients, head);
      const answer = answers.later();
      const reply = () => answer(refusal ? `${refusal.code} ${refusal.text}` : '250 2.0.0 OK');
      if (sink.holdAnswers) held.push(reply);
      else reply();
      sender = null;
      recipients = [];
      head = '';
    };

    /** Consumes message bytes; returns what follows the final dot, or null while the message goes on. */
    const takeData = (chunk: Buffer): Buffer | null => {
      if (head.length < HEAD_BYTES && !head.includes('\r\n\r\n')) head += chunk.toString('latin1', 0, Math.min(chunk.length, HEAD_BYTES - head.length));
      const joined = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      const at = joined.indexOf(DOT_LINE);
      if (at < 0) {
        tail = Buffer.from(joined.subarray(Math.max(0, joined.length - (DOT_LINE.length - 1))));
        return null;
      }
      endMessage();
      return joined.subarray(at + DOT_LINE.length);
    };

    const command = (line: string) => {
      const verb = line.slice(0, 4).toUpperCase();
      const args = line.slice(4);
      switch (verb) {
        case 'EHLO':
          return answers.now('250-vigie-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8');
        case 'HELO':
          return answers.now('250 vigie-sink');
        case 'MAIL':
          sender = addressIn(args.replace(/^\s*FROM:/i, ''));
          recipients = [];
          return answers.now('250 2.1.0 OK');
        case 'RCPT': {
          if (sender === null) return answers.now('503 5.5.1 MAIL d’abord');
          const address = addressIn(args.replace(/^\s*TO:/i, ''));
          if (sink.refuseRecipient?.(address)) return answers.now('550 5.1.1 Destinataire inconnu');
          recipients.push(address);
          const delay = sink.delayRecipient?.(address) ?? 0;
          if (delay <= 0) return answers.now('250 2.1.5 OK');
          const answer = answers.later();
          setTimeout(() => answer('250 2.1.5 OK'), delay);
          return;
        }
        case 'DATA':
          if (recipients.length === 0) return answers.now('554 5.5.1 Aucun destinataire valide');
          inData = true;
          open += 1;
          tail = CRLF;
          return answers.now('354 Fin par <CRLF>.<CRLF>');
        case 'RSET':
          sender = null;
          recipients = [];
          return answers.now('250 2.0.0 OK');
        case 'NOOP':
          return answers.now('250 2.0.0 OK');
        case 'QUIT':
          answers.now('221 2.0.0 Au revoir');
          socket.end();
          return;
        default:
          return answers.now('502 5.5.2 Commande inconnue');
      }
    };

    socket.on('data', (chunk: Buffer) => {
      // One write for all the answers this chunk produces.
      socket.cork();
      let rest = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      pending = EMPTY;
      while (rest.length > 0) {
        if (inData) {
          const after = takeData(rest);
          if (after === null) break;
          rest = after;
          continue;
        }
        const lineEnd = rest.indexOf('\r\n');
        if (lineEnd < 0) {
          pending = rest.length > 4096 ? EMPTY : rest;
          break;
        }
        command(rest.toString('latin1', 0, lineEnd));
        rest = rest.subarray(lineEnd + 2);
      }
      socket.uncork();
    });
    socket.on('error', () => undefined);
    // Closed mid-DATA: the message never ended, it does not exist.
    socket.on('close', () => {
      sockets.delete(socket);
      if (inData) {
        inData = false;
        open -= 1;
        aborted += 1;
      }
    });
    socket.write('220 vigie-sink ESMTP\r\n');
  };

  const server = createServer(session);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
