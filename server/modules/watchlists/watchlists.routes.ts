import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZWatchCreate, ZWatchIdParams, ZWatchList, ZWatchView } from '../../../contracts/watchlists.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as watchlists from './watchlists.service.js';

export const watchlistsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['watchlists'];

  app.get('/api/watchlists', {
    config: { access: { permission: 'watchlist:manage' } },
    schema: { tags, summary: 'My watchlist', response: { 200: ZWatchList } },
  }, async (req) => watchlists.listWatches(deps, requireSession(req).actor));

  app.post('/api/watchlists', {
    config: { access: { permission: 'watchlist:manage' } },
    schema: { tags, summary: 'Follow a phone number, a domain, a département or a scam family', body: ZWatchCreate, response: { 201: ZWatchView } },
  }, async (req, reply) => reply.status(201).send(await watchlists.addWatch(deps, req.auditContext, requireSession(req).actor, req.body)));

  app.delete('/api/watchlists/:id', {
    config: { access: { permission: 'watchlist:manage' } },
    schema: { tags, summary: 'Stop following', params: ZWatchIdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await watchlists.removeWatch(deps, req.auditContext, requireSession(req).actor, req.params.id);
    return reply.status(204).send(null);
  });
};
