import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** Vigie's helmet options: a strict CSP (no inline code), HSTS and upgraded requests when served over HTTPS. */
export function securityHeaderOptions(https: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  };
}

/**
 * The headers @fastify/helmet sets with these options, read once from a private Fastify instance: the
 * headers it wrote on the raw response before the handler ran. @fastify/helmet rebuilds helmet's
 * middlewares (parsing the CSP directives again) on every request; with fixed options the answer never
 * changes, so computing it once costs nothing in behaviour (docs/performance.md, « The check API »).
 * Options whose headers vary per request (CSP nonces) are refused.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<ReadonlyArray<readonly [string, string | string[]]>> {
  if (options.enableCSPNonces) throw new Error('CSP nonces vary per request: register @fastify/helmet itself');
  const probe = Fastify({ logger: false });
  await probe.register(fastifyHelmet, options);
  let headers: ReadonlyArray<readonly [string, string | string[]]> = [];
  probe.get('/', async (_req, reply) => {
    headers = Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as const);
    return '';
  });
  try {
    await probe.inject('/');
  } finally {
    await probe.close();
  }
  if (headers.length === 0) throw new Error('@fastify/helmet set no header');
  return headers;
}

/**
 * Security headers on every answer, errors and 404s included, set on the raw response at the very point
 * @fastify/helmet set them (an `onRequest` hook registered where it was), with the same values.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
