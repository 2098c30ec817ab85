import { connect, type Socket } from 'node:net';

/** What a scan concluded. `non_analyse`: no scanner is configured (development), recorded as such. */
export type ScanVerdict = { status: 'sain' } | { status: 'infecte'; signature: string } | { status: 'non_analyse' };

/**
 * The antivirus port. Production uses ClamAV's clamd (CLAMD_URL, INSTREAM command, see
 * docs/reports.md); development and tests use the local scanner, which only recognises the EICAR
 * test file, so the refusal path is exercised end to end without a daemon. `scan` rejects when the
 * scanner cannot give an answer: callers refuse the file rather than store it unscanned.
 */
export interface Antivirus {
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
}

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export function createLocalAntivirus(): Antivirus {
  return {
    async scan(bytes) {
      const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
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
 * connection per scan with the INSTREAM command: the bytes go as length-prefixed chunks, never to disk.
 * Rejects on connection failure, timeout, or a reply clamd marks as an error (size limit exceeded…).
 */
export function createClamdAntivirus(url: string, options: ClamdOptions = {}): Antivirus {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    scan(bytes) {
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
          socket.write('zINSTREAM\0');
          for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
            const chunk = bytes.subarray(offset, Math.min(offset + CHUNK_BYTES, bytes.byteLength));
            const size = Buffer.alloc(4);
            size.writeUInt32BE(chunk.byteLength);
            socket.write(size);
            socket.write(chunk);
          }
          socket.write(Buffer.alloc(4));
        });
      });
    },
  };
}

/** The configured scanner: clamd when CLAMD_URL is set, else the local EICAR-only one. */
export function createAntivirus(clamdUrl: string | undefined): Antivirus {
  return clamdUrl ? createClamdAntivirus(clamdUrl) : createLocalAntivirus();
}
