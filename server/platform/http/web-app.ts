import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';

/** The catch-all route that serves the web app (and answers 404 for unknown API paths). */
const WEB_APP_ROUTE = '/*';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text types worth compressing; images other than SVG are compressed already. */
const TEXT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** Below this, the encoding's own overhead eats the gain. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';
interface Compressed {
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

function pathOf(req: FastifyRequest): string {
  return decodeURIComponent(req.url.split('?')[0] ?? '/');
}

/** A request for the web app's files or pages, not for an unknown API path that fell through to them. */
export function isWebAppRequest(req: FastifyRequest): boolean {
  return req.routeOptions.url === WEB_APP_ROUTE && !pathOf(req).startsWith('/api/');
}

/** The best encoding the client accepts (q > 0), brotli first. */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

/**
 * Compresses the built files on first request and keeps them in memory (web/dist is a few hundred
 * kilobytes): no compression dependency and no build step, and each file is compressed once per start
 * and per version on disk (the key holds its modification time).
 */
function compressor(root: string) {
  const cache = new Map<string, Promise<Compressed | null>>();
  return async (relative: string): Promise<Compressed | null> => {
    if (!(path.extname(relative) in TEXT_TYPES)) return null;
    const file = path.join(root, relative);
    const { mtimeMs, size } = await stat(file);
    if (size < MIN_COMPRESS_BYTES) return null;
    const key = `${relative} ${mtimeMs}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = readFile(file).then(async (raw) => ({
        br: await brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzip: await gzipAsync(raw, { level: 9 }),
        etag: createHash('sha256').update(raw).digest('base64url').slice(0, 22),
      }));
      entry.catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  };
}

/**
 * Serves the built React app (web/dist) from the same process: hashed assets cached for a year, index.html
 * revalidated on every visit, text files compressed (brotli or gzip, as the browser accepts), and index.html
 * for every other path so the client router can take over.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = path.resolve(distDir);
  // The caching of each answer is set below; the plugin's own default (max-age=0) would replace it.
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  const built = existsSync(path.join(root, 'index.html'));
  const compressed = compressor(root);

  async function send(req: FastifyRequest, reply: FastifyReply, relative: string, cacheControl: string | null) {
    if (cacheControl) void reply.header('cache-control', cacheControl);
    void reply.header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(req.headers['accept-encoding']);
    const variant = encoding ? await compressed(relative) : null;
    if (!encoding || !variant) return reply.sendFile(relative);
    const etag = `"${variant.etag}-${encoding}"`;
    void reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-encoding', encoding)
      .type(TEXT_TYPES[path.extname(relative)] ?? 'application/octet-stream')
      .send(variant[encoding]);
  }

  app.get(WEB_APP_ROUTE, { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const urlPath = pathOf(req);
    if (urlPath.startsWith('/api/')) throw new AppError('NOT_FOUND');
    if (!built) {
      return reply.status(503).type('text/plain; charset=utf-8').send("L'interface web n'est pas construite : lancez « npm run build:web ».");
    }
    if (urlPath.startsWith('/assets/') && !urlPath.includes('..') && existsSync(path.join(root, urlPath))) {
      return send(req, reply, urlPath.slice(1), 'public, max-age=31536000, immutable');
    }
    if (/^\/[\w.-]+\.(svg|png|ico|txt|webmanifest)$/.test(urlPath) && existsSync(path.join(root, urlPath))) {
      return send(req, reply, urlPath.slice(1), null);
    }
    return send(req, reply, 'index.html', 'no-cache');
  });
}
