import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceDeps } from '../../platform/deps.js';

export const watchlistsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (_app, _options) => {};
