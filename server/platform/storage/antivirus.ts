import { connect, type Socket } from 'node:net';

/** The bytes to scan: in memory, or a stream read chunk by chunk (a stored upload from UploadStore.open). */
export type ScanSource = Uint8Array | AsyncIterable<Uint8Array>;

/** What a scan concluded. `non_analyse`: no scanner is configured (development), recorded as such. */
export type ScanVerdict = { status: 'sain' } | { status: 'infecte'; signature: string } | { status: 'non_analyse' };

/**
 * The antivirus port. Production uses ClamAV's clamd (CLAMD_URL, INSTREAM command, see
 * docs/reports.md); development and tests use the local scanner, which only recognises the EICAR
 * test file, so the refusal path is exercised end to end without a daemon. `scan` rejects when the
 * scanner cannot give an answer: callers refuse the file rather than store it unscanned. A stream is
 * read as far as the scanner needs and is not destroyed by `scan`: the caller owns it.
 */
export interface Antivirus {
  scan(source: ScanSource): Promise<ScanVerdict>;
}

function chunksOf(source: ScanSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) return (async function* () { yield source; })();
  return source;
}

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

const LOCAL_HEAD_BYTES = 4096;

export function createLocalAntivirus(): Antivirus {
  return {
    async scan(source) {
      // The EICAR file is recognised at the start of a file: the head is all this scanner reads.
      const parts: Buffer[] = [];
      let size = 0;
      for await (const chunk of chunksOf(source)) {
        parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, LOCAL_HEAD_BYTES - size)));
        size += parts.at(-1)!.byteLength;
        if (size >= LOCAL_HEAD_BYTES) break;
      }
      const head = Buffer.concat(parts).toString('latin1');
      return head.includes(EICAR) ? { status: 'infecte', signature: 'Eicar-Test-Signature' } : { status: 'non_analyse' };
    },
  };
}

const CHUNK_BYTES = 64 * 1024;
const MAX_REPLY_BYTES = 4096;

export interface ClamdOptions {
  /** Gives up (and rejects) when clamd has not answered within this delay. */
  timeoutMs?: number;
}

function connectTo(url: string): Socket {
  if (url.startsWith('unix:')) return connect({ path: url.slice('unix:'.length) });
  const parsed = new URL(url);
  if (parsed.protocol !== 'tcp:' || !parsed.port) throw new Error('CLAMD_URL must be tcp://host:port or unix:/path');
  return connect({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port) });
}

/** Reads clamd's INSTREAM reply: « stream: OK », « stream: <signature> FOUND », or « … ERROR ». */
export function parseClamdReply(reply: string): ScanVerdict {
  const line = reply.replace(/\0/g, '').trim();
  if (/^(stream: )?OK$/.test(line)) return { status: 'sain' };
  const found = /^(?:stream: )?(.+) FOUND$/.exec(line);
  if (found) return { status: 'infecte', signature: found[1]!.trim() };
  throw new Error(`clamd refused the scan: ${line.slice(0, 200)}`);
}

/**
 * ClamAV's clamd over TCP or a unix socket (`tcp://host:port`, `unix:/run/clamav/clamd.ctl`), one
 * connection per scan with the INSTREAM command: the bytes go as length-prefixed chunks as they are
 * read from the source (never whole in memory, never to a temporary file), pausing when the socket is full.
 * Rejects on connection failure, timeout, or a reply clamd marks as an error (size limit exceeded…).
 */
export function createClamdAntivirus(url: string, options: ClamdOptions = {}): Antivirus {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    scan(source) {
      return new Promise<ScanVerdict>((resolve, reject) => {
        let socket: Socket;
        try {
          socket = connectTo(url);
        } catch (err) {
          reject(err as Error);
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        let settled = false;
        const finish = (err: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          if (err) reject(err);
          else resolve(verdict!);
        };
        socket.setTimeout(timeoutMs, () => finish(new Error('clamd did not answer in time')));
        socket.on('error', (err) => finish(err));
        socket.on('data', (data: Buffer) => {
          chunks.push(data);
          received += data.length;
          if (received > MAX_REPLY_BYTES) finish(new Error('clamd reply too long'));
          // The z-prefixed command makes clamd end its reply with a NUL.
          else if (data.includes(0)) {
            try {
              finish(null, parseClamdReply(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              finish(err as Error);
            }
          }
        });
        socket.on('end', () => {
          if (settled) return;
          try {
            finish(null, parseClamdReply(Buffer.concat(chunks).toString('utf8')));
          } catch (err) {
            finish(err as Error);
          }
        });
        socket.once('connect', () => {
          sendStream(socket, chunksOf(source)).catch((err: Error) => finish(err));
        });
      });
    },
  };
}

/** Writes the INSTREAM command and the source as length-prefixed chunks, waiting whenever the socket is full. */
async function sendStream(socket: Socket, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const write = async (data: Uint8Array) => {
    if (socket.destroyed) throw new Error('clamd closed the connection');
    if (socket.write(data)) return;
    // Resume on drain, or give up when the socket closes (clamd answered, timed out or failed).
    await new Promise<void>((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.once('drain', done);
      socket.once('close', done);
    });
  };
  await write(Buffer.from('zINSTREAM\0'));
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.byteLength; offset += CHUNK_BYTES) {
      const piece = chunk.subarray(offset, Math.min(offset + CHUNK_BYTES, chunk.byteLength));
      const size = Buffer.alloc(4);
      size.writeUInt32BE(piece.byteLength);
      await write(size);
      await write(piece);
    }
    // clamd answered early (size limit exceeded, or an error): stop reading the source.
    if (socket.destroyed) return;
  }
  await write(Buffer.alloc(4));
}

/** The configured scanner: clamd when CLAMD_URL is set, else the local EICAR-only one. */
export function createAntivirus(clamdUrl: string | undefined): Antivirus {
  return clamdUrl ? createClamdAntivirus(clamdUrl) : createLocalAntivirus();
}
