import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';

/** The catch-all route that serves the web app (and answers 404 for unknown API paths). */
const WEB_APP_ROUTE = '/*';

function pathOf(req: FastifyRequest): string {
  return decodeURIComponent(req.url.split('?')[0] ?? '/');
}

/** A request for the web app's files or pages, not for an unknown API path that fell through to them. */
export function isWebAppRequest(req: FastifyRequest): boolean {
  return req.routeOptions.url === WEB_APP_ROUTE && !pathOf(req).startsWith('/api/');
}

/**
 * Serves the built React app (web/dist) from the same process: hashed assets cached for a year, and
 * index.html for every other path so the client router can take over.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = path.resolve(distDir);
  // The caching of each answer is set below; the plugin's own default (max-age=0) would replace it.
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  const built = existsSync(path.join(root, 'index.html'));

  app.get(WEB_APP_ROUTE, { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const urlPath = pathOf(req);
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
