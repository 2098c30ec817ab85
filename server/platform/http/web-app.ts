import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';

/**
 * Serves the built React app (web/dist) from the same process: hashed assets cached for a year, and
 * index.html for every other path so the client router can take over.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = path.resolve(distDir);
  await app.register(fastifyStatic, { root, serve: false });
  const built = existsSync(path.join(root, 'index.html'));

  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const urlPath = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) throw new AppError('NOT_FOUND');
    if (!built) {
      return reply.status(503).type('text/plain; charset=utf-8').send("L'interface web n'est pas construite : lancez « npm run build:web ».");
    }
    if (urlPath.startsWith('/assets/') && existsSync(path.join(root, urlPath))) {
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(urlPath.slice(1));
    }
    if (/^\/[\w.-]+\.(svg|png|ico|txt|webmanifest)$/.test(urlPath) && existsSync(path.join(root, urlPath))) {
      return reply.sendFile(urlPath.slice(1));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
