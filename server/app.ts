import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './platform/db/client.js';
import type { ServiceDeps } from './platform/deps.js';
import type { MailOutbox } from './platform/mail/outbox.js';
import type { SmsSender } from './platform/sms/sms-sender.js';
import type { JobQueue } from './platform/jobs/job-queue.js';
import type { Antivirus } from './platform/storage/antivirus.js';
import type { UploadStore } from './platform/storage/upload-store.js';
import { createLocalKeyProvider, type KeyProvider } from './platform/crypto/key-provider.js';
import { registerErrorHandling } from './platform/errors.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { rateLimitOptions, registerRateLimitPage } from './platform/http/rate-limit.js';
import { stripBeforeValidation } from './platform/http/control-characters.js';
import { registerCacheControl } from './platform/http/cache-control.js';
import { registerWebApp } from './platform/http/web-app.js';
import { siteRoutes } from './platform/http/site-files.js';
import { loggerOptions } from './platform/http/logging.js';
import { registerOpenApi } from './platform/http/openapi-document.js';
import { registerSecurityHeaders, securityHeaderOptions } from './platform/http/security-headers.js';
import { healthRoutes } from './modules/health/index.js';
import { authRoutes } from './modules/auth/index.js';
import { accountRoutes } from './modules/account/index.js';
import { adminUsersRoutes } from './modules/admin-users/index.js';
import { bootstrapRoutes } from './modules/bootstrap/index.js';
import { checksRoutes } from './modules/checks/index.js';
import { registryRoutes, registrySearchImportRoutes, selfServiceRoutes } from './modules/registry/index.js';
import { CONFIRMATION_HOURS, reportsRoutes } from './modules/reports/index.js';
import { triageRoutes } from './modules/triage/index.js';
import { campaignsRoutes } from './modules/campaigns/index.js';
import { alertsRoutes } from './modules/alerts/index.js';
import { sharingRoutes } from './modules/sharing/index.js';
import { watchlistsRoutes } from './modules/watchlists/index.js';
import { dashboardRoutes } from './modules/dashboard/index.js';
import { homeRoutes } from './modules/home/index.js';
import { dpcExchangeRoutes, dpcRoutes, dpcSignalementRoutes, dpcVigilanceRoutes, dpcWorkflowRoutes } from './modules/dpc/index.js';
import { entraideRoutes, getEntraideSettings } from './modules/entraide/index.js';

export interface AppDeps {
  config: Config & { secret: string };
  database: Database;
  outbox: MailOutbox;
  sms: SmsSender;
  jobs: JobQueue;
  uploads: UploadStore;
  antivirus: Antivirus;
  keys?: KeyProvider;
  webDistDir?: string;
  /** Where logs go (stdout by default). */
  logStream?: NodeJS.WritableStream;
}

export interface RouteRecord {
  method: string;
  url: string;
  access: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its declared access: read by the route-guard test. */
    routeRecords: RouteRecord[];
    /** The services' dependencies, for the job workers and listeners the runtime starts beside the app. */
    services: ServiceDeps;
  }
}

/** Builds the Vigie HTTP application without listening: platform plugins, then one line per module. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  const records: RouteRecord[] = [];
  app.decorate('routeRecords', records);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) records.push({ method, url: route.url, access: route.config?.access });
  });

  app.setValidatorCompiler(stripBeforeValidation(validatorCompiler));
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // The OpenAPI document (docs/api.md): security, errors and operation ids from each route's declarations.
  await registerOpenApi(app, { publicUrl: config.publicUrl });
  // Helmet's headers, computed once with the app's options and set on every answer (security-headers.ts).
  await registerSecurityHeaders(app, securityHeaderOptions(config.cookieSecure));
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, rateLimitOptions(config, database));
  registerRateLimitPage(app);

  const services: ServiceDeps = {
    config,
    database,
    outbox: deps.outbox,
    sms: deps.sms,
    jobs: deps.jobs,
    uploads: deps.uploads,
    antivirus: deps.antivirus,
    keys: deps.keys ?? createLocalKeyProvider(config.secret),
    sessionPolicy: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
  };
  app.decorate('services', services);
  registerRequestContext(app, { database, secret: config.secret, sessionPolicy: services.sessionPolicy, cookieSecure: config.cookieSecure });
  registerCacheControl(app);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { database });
  await app.register(authRoutes, { deps: services });
  await app.register(accountRoutes, { deps: services });
  await app.register(adminUsersRoutes, { deps: services });
  await app.register(bootstrapRoutes, { deps: services });
  await app.register(checksRoutes, { deps: services });
  await app.register(registryRoutes, { deps: services });
  await app.register(selfServiceRoutes, { deps: services });
  await app.register(registrySearchImportRoutes, { deps: services });
  await app.register(reportsRoutes, { deps: services });
  await app.register(triageRoutes, { deps: services });
  await app.register(campaignsRoutes, { deps: services });
  await app.register(alertsRoutes, { deps: services });
  await app.register(sharingRoutes, { deps: services });
  await app.register(watchlistsRoutes, { deps: services });
  await app.register(dashboardRoutes, { deps: services });
  await app.register(homeRoutes, { deps: services });
  await app.register(dpcRoutes, { deps: services });
  await app.register(dpcVigilanceRoutes);
  await app.register(dpcSignalementRoutes, { deps: services });
  await app.register(dpcWorkflowRoutes, { deps: services });
  await app.register(dpcExchangeRoutes, { deps: services });
  await app.register(entraideRoutes, { deps: services });
  await app.register(siteRoutes, {
    config,
    retention: { unconfirmedReportHours: CONFIRMATION_HOURS, entraideMonths: async () => (await getEntraideSettings(database)).retentionMonths },
  });
  await registerWebApp(app, deps.webDistDir ?? 'web/dist');

  return app;
}
