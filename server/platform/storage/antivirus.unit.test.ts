import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createAntivirus, createClamdAntivirus, createLocalAntivirus, parseClamdReply } from './antivirus.js';

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

interface FakeClamd {
  url: string;
  /** Every stream received, reassembled from its chunks. */
  streams: Buffer[];
  /** Chunk sizes of the last stream. */
  chunkSizes: number[];
  close(): Promise<void>;
}

type Behaviour = 'scan' | 'silent' | 'size-limit';

/**
 * A tiny clamd speaking INSTREAM: reads « zINSTREAM\0 », then 4-byte big-endian lengths and chunks
 * until a zero length, and answers like clamd (EICAR found, else OK), NUL-terminated.
 */
async function startFakeClamd(behaviour: Behaviour = 'scan', listenOn: { port: 0 } | { path: string } = { port: 0 }): Promise<FakeClamd> {
  const streams: Buffer[] = [];
  const state = { chunkSizes: [] as number[] };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let commandRead = false;
    const parts: Buffer[] = [];
    const sizes: number[] = [];
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandRead) {
        const nul = buffer.indexOf(0);
        if (nul < 0) return;
        const command = buffer.subarray(0, nul).toString();
        buffer = buffer.subarray(nul + 1);
        commandRead = true;
        if (command !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
      }
      while (buffer.length >= 4) {
        const size = buffer.readUInt32BE(0);
        if (size === 0) {
          const stream = Buffer.concat(parts);
          streams.push(stream);
          state.chunkSizes = sizes;
          if (behaviour === 'silent') return;
          if (behaviour === 'size-limit') socket.end('INSTREAM size limit exceeded. ERROR\0');
          else socket.end(stream.toString('latin1').includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + size) return;
        parts.push(buffer.subarray(4, 4 + size));
        sizes.push(size);
        buffer = buffer.subarray(4 + size);
      }
    });
  });
  await new Promise<void>((resolve) => ('path' in listenOn ? server.listen(listenOn.path, resolve) : server.listen(0, '127.0.0.1', resolve)));
  const url = 'path' in listenOn ? `unix:${listenOn.path}` : `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    streams,
    get chunkSizes() {
      return state.chunkSizes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('clamd antivirus (INSTREAM)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('answers sain for a clean file and sends it whole, in length-prefixed chunks', async () => {
    const clamd = await startFakeClamd();
    cleanups.push(clamd.close);
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    const verdict = await createClamdAntivirus(clamd.url).scan(bytes);
    expect(verdict).toEqual({ status: 'sain' });
    expect(clamd.streams).toHaveLength(1);
    expect(Buffer.compare(clamd.streams[0]!, Buffer.from(bytes))).toBe(0);
    expect(clamd.chunkSizes).toEqual([65_536, 65_536, 65_536, 3_392]);
  });

  it('scans a stream as it is read: every byte sent, in chunks of at most 64 Kio, nothing gathered first', async () => {
    const clamd = await startFakeClamd();
    cleanups.push(clamd.close);
    const pieces = Array.from({ length: 12 }, (_, n) => Buffer.alloc(100_000 + n, n + 1));
    let read = 0;
    async function* stored() {
      for (const piece of pieces) {
        read += 1;
        yield new Uint8Array(piece);
      }
    }
    expect(await createClamdAntivirus(clamd.url).scan(stored())).toEqual({ status: 'sain' });
    expect(read).toBe(pieces.length);
    expect(Buffer.compare(clamd.streams[0]!, Buffer.concat(pieces))).toBe(0);
    expect(Math.max(...clamd.chunkSizes)).toBeLessThanOrEqual(65_536);
    expect(await createClamdAntivirus(clamd.url).scan(Readable.from([Buffer.from('début '), Buffer.from(EICAR)]))).toMatchObject({ status: 'infecte' });
  });

  it('answers infecte with the signature for EICAR', async () => {
    const clamd = await startFakeClamd();
    cleanups.push(clamd.close);
    expect(await createClamdAntivirus(clamd.url).scan(new TextEncoder().encode(EICAR))).toEqual({ status: 'infecte', signature: 'Eicar-Test-Signature' });
  });

  it('speaks the same protocol over a unix socket', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-clamd-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clamd = await startFakeClamd('scan', { path: path.join(dir, 'clamd.ctl') });
    cleanups.push(clamd.close);
    expect(clamd.url).toMatch(/^unix:\//);
    expect(await createClamdAntivirus(clamd.url).scan(new TextEncoder().encode(`prefix ${EICAR}`))).toMatchObject({ status: 'infecte' });
    expect(await createAntivirus(clamd.url).scan(new TextEncoder().encode('bonjour'))).toEqual({ status: 'sain' });
  });

  it('rejects when clamd reports an error, is unreachable, or stays silent', async () => {
    const limited = await startFakeClamd('size-limit');
    cleanups.push(limited.close);
    await expect(createClamdAntivirus(limited.url).scan(new Uint8Array(10))).rejects.toThrow(/size limit exceeded/);

    const closed = await startFakeClamd();
    const url = closed.url;
    await closed.close();
    await expect(createClamdAntivirus(url).scan(new Uint8Array(10))).rejects.toThrow();

    const silent = await startFakeClamd('silent');
    cleanups.push(silent.close);
    await expect(createClamdAntivirus(silent.url, { timeoutMs: 200 }).scan(new Uint8Array(10))).rejects.toThrow(/in time/);
  });

  it('parses the replies clamd sends', () => {
    expect(parseClamdReply('stream: OK\0')).toEqual({ status: 'sain' });
    expect(parseClamdReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({ status: 'infecte', signature: 'Win.Test.EICAR_HDB-1' });
    expect(() => parseClamdReply('INSTREAM size limit exceeded. ERROR\0')).toThrow();
    expect(() => parseClamdReply('')).toThrow();
  });

  it('falls back to the local EICAR-only scanner without CLAMD_URL', async () => {
    const local = createAntivirus(undefined);
    expect(await local.scan(new TextEncoder().encode(EICAR))).toMatchObject({ status: 'infecte' });
    expect(await createLocalAntivirus().scan(new TextEncoder().encode('texte'))).toEqual({ status: 'non_analyse' });
  });

  it('has the local scanner read only the head of a stream', async () => {
    let chunks = 0;
    async function* endless() {
      for (;;) {
        chunks += 1;
        yield new Uint8Array(1000).fill(0x41);
      }
    }
    expect(await createLocalAntivirus().scan(endless())).toEqual({ status: 'non_analyse' });
    expect(chunks).toBeLessThanOrEqual(5);
    expect(await createLocalAntivirus().scan(Readable.from([Buffer.from(EICAR.slice(0, 10)), Buffer.from(EICAR.slice(10))]))).toMatchObject({ status: 'infecte' });
  });
});
