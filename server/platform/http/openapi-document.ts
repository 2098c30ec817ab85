import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '../../../contracts/errors.js';
import type { RouteAccess } from '../authz/policy.js';
import { AppError } from '../errors.js';
import { isUncounted } from './rate-limit.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, STATE_CHANGING } from './request-context.js';

/*
 * The OpenAPI document of the API (docs/api.md). @fastify/swagger writes each operation from its route's
 * zod schemas; this file adds what a client needs and a schema cannot say, from the values the platform
 * itself acts on, so the document cannot drift from the behaviour:
 * - security, from the route's `config.access` (the value the guard reads) and its method (the set the
 *   CSRF check reads);
 * - the error answers, all in the one envelope of errors.ts, by status: input refused, guard, CSRF, path
 *   ids, bodies, rate limit (the limiter's own rule for what it counts), database down;
 * - an operationId per operation, stable: from the method and the path, unless the route names one;
 * - the tags with their descriptions, the servers, and no body on a 204.
 * Non-JSON answers (CSV, STIX, PDF, attachments) are declared by their routes (openapi-media.ts).
 */

/** Names of the security schemes, as operations cite them. */
export const SECURITY_SCHEMES = { session: 'sessionCookie', csrf: 'csrfHeader', csrfCookie: 'csrfCookie' } as const;

type SecurityRequirement = Record<string, string[]>;

/**
 * Who may call: a public read needs nothing; a public change needs the CSRF token, with the signed
 * double-submit cookie when anonymous or the session's token when logged in; a guarded route needs the
 * session, and its token on a change. A route without access is refused to everyone (deny by default):
 * it is described as guarded, and the route-guard test names it.
 */
export function securityFor(access: RouteAccess | undefined, method: string): SecurityRequirement[] {
  const { session, csrf, csrfCookie } = SECURITY_SCHEMES;
  const changes = STATE_CHANGING.has(method.toUpperCase());
  if (access === 'public') return changes ? [{ [csrf]: [], [csrfCookie]: [] }, { [session]: [], [csrf]: [] }] : [];
  return changes ? [{ [session]: [], [csrf]: [] }] : [{ [session]: [] }];
}

/** What the document needs to know of a route beyond its schemas, taken when the route is registered. */
export interface DocumentedRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  takesBody: boolean;
  /** Body, query or path parameters: something the validator may refuse. */
  takesInput: boolean;
  takesPathParams: boolean;
  /** Counted by the rate limiter (its own rule: every route but the health probes and the web app). */
  rateLimited: boolean;
}

function documentedRoute(route: RouteOptions, method: string): DocumentedRoute {
  const schema = (route.schema ?? {}) as { body?: unknown; querystring?: unknown; params?: unknown };
  const takesPathParams = /[:*]/.test(route.url);
  // The limiter decides on the request's route; a request for this route's pattern is all it reads.
  const probe = { url: route.url, routeOptions: { url: route.url } } as unknown as FastifyRequest;
  return {
    method,
    url: route.url,
    access: route.config?.access,
    takesBody: Boolean(schema.body),
    takesInput: Boolean(schema.body || schema.querystring || schema.params) || takesPathParams,
    takesPathParams,
    rateLimited: (route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== false && !isUncounted(probe),
  };
}

/** The path as the document writes it: `/api/reports/:id` → `/api/reports/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*/g, '{*}');
}

/** `GET /api/entraide/cases/{id}/budgets` → `getEntraideCasesByIdBudgets`: stable as long as the route is. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', ...param[1]!.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The error statuses a route may answer with, in the envelope; anything else is the `default` response. */
export function errorStatusesFor(route: DocumentedRoute): ErrorStatus[] {
  const changes = STATE_CHANGING.has(route.method);
  const guarded = route.access !== 'public';
  const statuses: ErrorStatus[] = [];
  if (route.takesInput || changes) statuses.push(400);
  if (guarded) statuses.push(401);
  if (guarded || changes) statuses.push(403);
  if (route.takesPathParams) statuses.push(404);
  if (guarded && changes) statuses.push(409);
  if (route.takesBody) statuses.push(413, 415);
  if (route.rateLimited) statuses.push(429);
  statuses.push(503);
  return statuses;
}

/** The envelope of every error answer (errors.ts), as a schema; the type check below keeps them equal. */
const ZApiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]).describe('Stable, machine-readable code.'),
    message: z.string().describe('What the user reads, in French.'),
    details: z
      .object({
        fields: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('The refused fields (VALIDATION_FAILED), each with its French message.'),
        retryAfterSeconds: z.number().int().optional().describe('When to try again (RATE_LIMITED, LOGIN_THROTTLED).'),
      })
      .optional(),
    requestId: z.string().describe('The id of the request in the server logs, for support.'),
  }),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const envelopeMatchesErrors: Same<z.infer<typeof ZApiError>, ApiErrorBody> = true;
void envelopeMatchesErrors;

const ERROR_RESPONSES = {
  400: { name: 'BadRequest', description: 'Refused input: invalid fields (listed in details.fields), malformed JSON, or a request the rules refuse.' },
  401: { name: 'Unauthorized', description: 'No valid session: log in (POST /api/auth/login).' },
  403: { name: 'Forbidden', description: 'Refused: missing permission, second factor pending, missing or wrong CSRF token, or a rule of the domain.' },
  404: { name: 'NotFound', description: 'No such record, or none the caller may see (records outside the caller’s département do not exist for them).' },
  409: { name: 'Conflict', description: 'The record changed or is no longer in a state that allows this action: reload it and try again.' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the limit.' },
  415: { name: 'UnsupportedMediaType', description: 'The body’s content type is not accepted.' },
  429: { name: 'TooManyRequests', description: 'Too many requests from this address on this route: wait for Retry-After seconds.' },
  503: { name: 'ServiceUnavailable', description: 'The database or the upload storage is momentarily unavailable: try again shortly.' },
  default: { name: 'UnexpectedError', description: 'Any other error, in the same envelope (500 INTERNAL for an unexpected one).' },
} as const satisfies Record<number | 'default', { name: string; description: string }>;
type ErrorStatus = Exclude<keyof typeof ERROR_RESPONSES, 'default'>;

/** The codes errors.ts answers with each status: what a client may switch on. */
function codesByStatus(): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[]) {
    const status = new AppError(code).statusCode;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

function errorResponseComponents(): Record<string, unknown> {
  const codes = codesByStatus();
  const envelope = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };
  const components: Record<string, unknown> = {};
  for (const [status, { name, description }] of Object.entries(ERROR_RESPONSES)) {
    const own = status === 'default' ? [...codes].filter(([s]) => !(s in ERROR_RESPONSES)).flatMap(([, c]) => c) : (codes.get(Number(status)) ?? []);
    const response: Record<string, unknown> = { description: own.length ? `${description} Codes: ${own.join(', ')}.` : description, content: envelope };
    if (status === '429') response.headers = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } };
    components[name] = response;
  }
  return components;
}

/** One line per tag: what its routes are for. A tag used without a line here fails the document test. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness probes for the load balancer.',
  auth: 'Session: the current session and its CSRF token, login, second factor, step-up, logout, password reset.',
  account: 'The logged-in user’s own account: password, two-factor authentication, recovery codes.',
  admin: 'Administration of accounts and the audit journal.',
  bootstrap: 'Creation of the first administrator of a new installation.',
  checks: 'Analysis of a suspicious message (email, SMS, letter): verdict, reasons and advice.',
  registry: 'The register of doctors: search, import, records, change requests, identity checks, reviews, exports.',
  'self-service': 'A doctor’s own register record: contact changes and account activation.',
  reports: 'Filing a report (signalement), with or without an account, its confirmation and its follow-up.',
  triage: 'The agents’ queue of reports: reading, assignment, statuses, notes, merge of duplicates.',
  campaigns: 'Campaigns grouping reports, and their indicators (held ones, decisions, false positives).',
  alerts: 'Alerts to doctors, reviewed by a second agent, and the public list of ongoing alerts.',
  sharing: 'Exports for partners: a campaign’s indicators (CSV, STIX 2.1, MISP) and a report’s PDF dossier.',
  watchlists: 'Values an agent watches for in new reports.',
  dashboard: 'Figures of the activity over a period.',
  home: 'What waits for the logged-in user, counted, each count linking to its list; a doctor’s reports, alerts and record.',
  dpc: 'The continuing professional development (DPC) catalogue, its screening, and the public vigilance list.',
  entraide: 'Mutual aid between doctors: helplines, requests, confidential cases, commission decisions, data protection.',
  site: 'The publisher, contacts and retention periods the public legal pages show.',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: SecurityRequirement[];
  responses?: Record<string, { content?: unknown } & Record<string, unknown>>;
}
interface Document {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  tags?: { name: string; description?: string }[];
  components?: Record<string, Record<string, unknown> | undefined>;
}

/** Completes the document @fastify/swagger wrote from the routes; throws on what only a bug can cause. */
export function completeDocument(document: Document, routes: ReadonlyMap<string, DocumentedRoute>): Document {
  const operationIds = new Map<string, string>();
  const usedTags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const route = routes.get(key);
      if (!route) throw new Error(`OpenAPI: no registered route behind ${key}`);
      operation.operationId ??= operationIdFor(method, path);
      const twin = operationIds.get(operation.operationId);
      if (twin) throw new Error(`OpenAPI: ${key} and ${twin} have the same operationId « ${operation.operationId} »`);
      operationIds.set(operation.operationId, key);
      operation.security = securityFor(route.access, route.method);
      const responses = (operation.responses ??= {});
      // 204 No Content has no body, whatever the route's schema says for its serializer.
      if (responses['204']) delete responses['204'].content;
      for (const status of errorStatusesFor(route)) {
        responses[String(status)] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
      }
      responses.default ??= { $ref: `#/components/responses/${ERROR_RESPONSES.default.name}` };
      for (const tag of operation.tags ?? []) usedTags.add(tag);
    }
  }
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ApiError: z.toJSONSchema(ZApiError, { target: 'openapi-3.0', io: 'output' }) };
  components.responses = { ...components.responses, ...errorResponseComponents() };
  components.securitySchemes = {
    ...components.securitySchemes,
    [SECURITY_SCHEMES.session]: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'The session, set by POST /api/auth/login (HttpOnly, SameSite=Strict); idle and absolute expiry.',
    },
    [SECURITY_SCHEMES.csrf]: {
      type: 'apiKey',
      in: 'header',
      name: CSRF_HEADER,
      description: 'Required on every POST, PUT, PATCH and DELETE: the csrfToken of GET /api/session (the session’s token once logged in).',
    },
    [SECURITY_SCHEMES.csrfCookie]: {
      type: 'apiKey',
      in: 'cookie',
      name: CSRF_COOKIE,
      description: 'Anonymous callers only: the signed double-submit cookie GET /api/session sets, equal to the CSRF header.',
    },
  };
  const declared = new Set(Object.keys(TAG_DESCRIPTIONS));
  document.tags = [
    ...Object.entries(TAG_DESCRIPTIONS).filter(([name]) => usedTags.has(name)).map(([name, description]) => ({ name, description })),
    ...[...usedTags].filter((name) => !declared.has(name)).sort().map((name) => ({ name })),
  ];
  return document;
}

/**
 * Registers @fastify/swagger: the zod schemas of each route, then completeDocument over the whole
 * document. Call before any route is registered: the routes are recorded as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const routes = new Map<string, DocumentedRoute>();
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.set(`${method} ${openApiPath(route.url)}`, documentedRoute(route, method));
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigie API', version: '0.1.0', description: "API de Vigie, la plateforme de l'Ordre des médecins." },
      servers: [{ url: options.publicUrl, description: 'This instance of Vigie' }],
    },
    transform: jsonSchemaTransform,
    transformObject: (object) => completeDocument(jsonSchemaTransformObject(object) as Document, routes) as ReturnType<typeof jsonSchemaTransformObject>,
  });
}
