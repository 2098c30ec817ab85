import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { isJsonMediaType } from './openapi-media.js';

// The document a partner generates a client from (docs/api.md). Every route of the app is checked here,
// so a route added without what a client needs (security, errors, an operationId, its media types)
// fails this test, whoever forgets it.

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  enum?: unknown[];
  items?: Schema;
}
interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema: Schema & { $ref?: string } }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  parameters?: { in: string; name: string }[];
  responses: Record<string, Response>;
}
interface Document {
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
  };
}

// Not API operations: the document itself, the web app's fallback and the site's plain-text files.
const HIDDEN = new Set(['GET /api/openapi.json', 'GET /*', 'GET /robots.txt', 'GET /.well-known/security.txt']);
/** Never counted by the rate limiter (rate-limit.ts): the load balancer's probes. */
const UNCOUNTED = new Set(['GET /healthz', 'GET /readyz']);
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const toPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** The errors a route can answer with: the platform's rules, written out as a client reads them. */
function expectedErrors(method: string, url: string, guarded: boolean, op: Operation): string[] {
  const changes = CHANGES.has(method);
  const takesBody = op.requestBody !== undefined;
  const takesInput = takesBody || (op.parameters ?? []).length > 0;
  return [
    ...(takesInput || changes ? ['400'] : []),
    ...(guarded ? ['401'] : []),
    ...(guarded || changes ? ['403'] : []),
    ...(url.includes(':') ? ['404'] : []),
    ...(guarded && changes ? ['409'] : []),
    ...(takesBody ? ['413', '415'] : []),
    ...(UNCOUNTED.has(`${method} ${url}`) ? [] : ['429']),
    '503',
    'default',
  ];
}

/** Whether a value fits the part of JSON Schema the envelope uses; the paths of what does not. */
function mismatches(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in the enum`];
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const props = schema.properties ?? {};
      return [
        ...(schema.required ?? []).filter((k) => !(k in record)).map((k) => `${at}.${k}: missing`),
        ...(schema.additionalProperties === false ? Object.keys(record).filter((k) => !(k in props)).map((k) => `${at}.${k}: not declared`) : []),
        ...Object.entries(record).flatMap(([k, v]) => (props[k] ? mismatches(props[k], v, `${at}.${k}`) : [])),
      ];
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => mismatches(schema.items ?? {}, v, `${at}[${i}]`)) : [`${at}: not an array`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: not a string`];
    case undefined:
    default:
      return [];
  }
}

/** Routes whose handler sets its answer's content type, found in the modules' sources, with the types written there. */
function routesSettingContentType(): { key: string; literals: string[] }[] {
  const root = path.resolve(import.meta.dirname, '../../modules');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const found: { key: string; literals: string[] }[] = [];
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const registrations = [...source.matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)];
    registrations.forEach((match, i) => {
      const body = source.slice(match.index, registrations[i + 1]?.index ?? source.length);
      const setters = [...body.matchAll(/\.(?:header\(\s*'content-type'\s*,|type\()\s*([^)]+?)\s*\)/gi)].map((m) => m[1]!);
      if (setters.length === 0) return;
      const literals = setters.flatMap((s) => /^'([^']+)'$/.exec(s)?.[1] ?? []).map((type) => type.split(';')[0]!.trim());
      found.push({ key: `${match[1]!.toUpperCase()} ${match[2]}`, literals });
    });
  }
  return found;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  /** Every route but HEAD (never documented), with the operation that describes it. */
  let routes: { key: string; method: string; url: string; access: unknown; op: Operation | undefined }[];

  beforeAll(async () => {
    t = await buildTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' } });
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
    routes = t.app.routeRecords
      .filter((r) => r.method !== 'HEAD')
      .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url, access: r.access, op: doc.paths[toPath(r.url)]?.[r.method.toLowerCase()] }));
  });
  afterAll(() => t.close());

  const documented = () => routes.filter((r) => !HIDDEN.has(r.key)) as { key: string; method: string; url: string; access: unknown; op: Operation }[];

  it('describes every route once and nothing else, each with a unique camelCase operationId', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !HIDDEN.has(r.key) && !r.op).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => HIDDEN.has(r.key) && r.op).map((r) => r.key)).toEqual([]);
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBe(documented().length);
    const ids = documented().map((r) => r.op.operationId ?? `(none on ${r.key})`);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(doc.paths['/api/analyses']!.post!.operationId).toBe('postAnalyses');
    expect(doc.paths['/api/entraide/cases/{id}/budgets']!.get!.operationId).toBe('getEntraideCasesByIdBudgets');
  });

  it('declares on every operation the security its access and its method demand', () => {
    const session = { sessionCookie: [] };
    const wrong = documented().filter(({ method, access, op }) => {
      const changes = CHANGES.has(method);
      const expected =
        access === 'public'
          ? changes
            ? [{ csrfHeader: [], csrfCookie: [] }, { sessionCookie: [], csrfHeader: [] }]
            : []
          : changes
            ? [{ ...session, csrfHeader: [] }]
            : [session];
      return JSON.stringify(op.security) !== JSON.stringify(expected);
    });
    expect(wrong.map((r) => `${r.key} (${JSON.stringify(r.access)}): ${JSON.stringify(r.op.security)}`)).toEqual([]);
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'vigie_session' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      csrfCookie: { type: 'apiKey', in: 'cookie', name: 'vigie_csrf' },
    });
  });

  it('takes a change with the CSRF header and cookie the document names, and refuses it without them', async () => {
    const schemes = doc.components.securitySchemes;
    const session = (await t.app.inject('/api/session')).json() as { csrfToken: string };
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'CSRF_INVALID']);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { [schemes.csrfHeader!.name]: session.csrfToken, cookie: `${schemes.csrfCookie!.name}=${session.csrfToken}` },
    });
    expect(taken.statusCode).toBe(204);
    expect(doc.paths['/api/auth/logout']!.post!.responses['204']!.content).toBeUndefined();
  });

  it('declares on every operation the error answers it can give, all in the one envelope', () => {
    const wrong = documented().filter(({ method, url, access, op }) => {
      const errors = Object.keys(op.responses).filter((s) => s === 'default' || Number(s) >= 400);
      return JSON.stringify(errors.sort()) !== JSON.stringify(expectedErrors(method, url, access !== 'public', op).sort());
    });
    expect(wrong.map((r) => `${r.key}: ${Object.keys(r.op.responses).join(' ')}`)).toEqual([]);
    // Every error answer is a shared response in the envelope (only /readyz keeps its own 503 body).
    const envelopes = documented().flatMap(({ key, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => (status === 'default' || Number(status) >= 400) && key !== 'GET /readyz')
        .map(([status, response]) => {
          const shared = doc.components.responses[response.$ref?.replace('#/components/responses/', '') ?? ''];
          return `${key} ${status}: ${shared?.content?.['application/json']?.schema.$ref ?? 'no envelope'}`;
        }),
    );
    expect(envelopes.filter((line) => !line.endsWith('#/components/schemas/ApiError'))).toEqual([]);
    expect(doc.components.responses.TooManyRequests!.headers).toHaveProperty('Retry-After');
    expect(doc.components.responses.Unauthorized!.description).toContain('UNAUTHENTICATED');
  });

  it('describes the error envelope the server really sends', async () => {
    const envelope = doc.components.schemas.ApiError!;
    const client = new TestClient(t.app);
    await client.refreshSession();
    const answers = [
      await client.get('/api/account'),
      await client.get('/api/entraide/helplines?departement=zz'),
      await t.app.inject({ method: 'POST', url: '/api/auth/logout' }),
      await client.post('/api/registry/not-me', { token: 'jeton-inconnu-0123456789abcdef' }),
      await client.post('/api/registry/not-me', { token: 'jeton-inconnu-0123456789abcdef' }),
      await client.post('/api/registry/not-me', { token: 'jeton-inconnu-0123456789abcdef' }),
    ];
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [401, 'UNAUTHENTICATED'],
      [400, 'VALIDATION_FAILED'],
      [403, 'CSRF_INVALID'],
      [400, 'TOKEN_INVALID'],
      [400, 'TOKEN_INVALID'],
      [429, 'RATE_LIMITED'],
    ]);
    expect(answers[1]!.json().error.details.fields.length).toBeGreaterThan(0);
    expect(answers[5]!.headers['retry-after']).toBeDefined();
    expect(answers.flatMap((r) => mismatches(envelope, r.json()))).toEqual([]);
    // The check itself refuses what the envelope does not allow.
    expect(mismatches(envelope, { error: { code: 'PAS_UN_CODE', message: 'x', requestId: 'r', extra: 1 } })).toHaveLength(2);
  });

  it('gives every answer with a body its media types, and never describes a file as JSON only', () => {
    const bodiless = documented().flatMap(({ key, op }) =>
      Object.entries(op.responses)
        .filter(([status, response]) => /^2\d\d$/.test(status) && status !== '204' && Object.keys(response.content ?? {}).length === 0)
        .map(([status]) => `${key} ${status}`),
    );
    expect(bodiless).toEqual([]);

    const files = routesSettingContentType();
    // The sharing exports, the triage attachment, the register export and the entraide access export.
    expect(files.map((f) => f.key)).toEqual(
      expect.arrayContaining(['GET /api/sharing/campaigns/:id/indicators', 'GET /api/sharing/reports/:id/dossier', 'GET /api/triage/reports/:id/attachments/:attachmentId', 'POST /api/registry/exports', 'POST /api/entraide/cases/:id/export']),
    );
    const wrong = files.flatMap(({ key, literals }) => {
      const route = routes.find((r) => r.key === key);
      if (!route) return [`${key}: no such route`];
      if (HIDDEN.has(key)) return [];
      const success = Object.entries(route.op?.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
      const declared = Object.keys(success?.content ?? {});
      const missing = literals.filter((type) => !declared.includes(type));
      // A type set at run time (a file's own) is taken for a file: at least one declared type is not JSON.
      const jsonOnly = declared.every(isJsonMediaType) && (literals.length === 0 || !literals.every(isJsonMediaType));
      return missing.length || jsonOnly ? [`${key}: declares ${declared.join(', ') || 'nothing'}, sends ${literals.join(', ') || 'a type set at run time'}`] : [];
    });
    expect(wrong).toEqual([]);
    const exported = doc.paths['/api/sharing/campaigns/{id}/indicators']!.get!.responses['200']!.content!;
    expect(Object.keys(exported).sort()).toEqual(['application/json', 'application/stix+json', 'text/csv']);
    expect(doc.paths['/api/sharing/reports/{id}/dossier']!.get!.responses['200']!.content!['application/pdf']!.schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('declares every tag it uses, each with a description', () => {
    const used = new Set(documented().flatMap((r) => r.op.tags ?? []));
    expect(documented().filter((r) => !r.op.tags?.length).map((r) => r.key)).toEqual([]);
    expect([...used].filter((tag) => !doc.tags?.some((t) => t.name === tag && t.description)).sort()).toEqual([]);
    expect((doc.tags ?? []).filter((t) => !used.has(t.name))).toEqual([]);
  });
});
