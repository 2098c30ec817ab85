import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { users } from '../db/schema.js';
import { reportNotes, reports } from '../db/schema-reports.js';
import { alerts } from '../db/schema-alerts.js';
import { buildReport } from '../../modules/triage/triage.factories.js';

/** The part of an OpenAPI 3.0 schema (as the zod transform writes it) the generator reads. */
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body: JsonSchema | null;
  query: { name: string; required: boolean; schema: JsonSchema }[];
  pathParams: string[];
}

/** Values a validator is likely to accept, from the schema and the field's name: the point is to reach the service. */
function valueOf(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valueOf(s, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      const arbs = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valueOf(s, k)]));
      return fc.record(arbs, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(valueOf(schema.items ?? {}, name), { minLength: min, maxLength: Math.min(schema.maxItems ?? 2, Math.max(min, 2)) });
    }
    case 'integer':
    case 'number':
      return name === 'version' ? fc.constant(1) : fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 3, (schema.minimum ?? 0) + 3) });
    case 'boolean':
      return fc.boolean();
    case undefined:
    default:
      return stringOf(schema, name);
  }
}

function stringOf(schema: JsonSchema, name: string): fc.Arbitrary<string> {
  if (/email/i.test(name)) return fc.stringMatching(/^[a-z]{3,10}\.[a-z]{2,8}@exemple\.fr$/);
  if (/departement/i.test(name)) return fc.constantFrom('75', '69', '2A');
  if (schema.format === 'date') return fc.date({ min: new Date('2024-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ min: new Date('2024-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity));
  const min = Math.max(schema.minLength ?? 0, 1);
  return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèà ABCDEF0123456789'), minLength: min, maxLength: Math.min(schema.maxLength ?? 40, min + 40) });
}

const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f'];

/** Every string of the value with control characters slipped in: at the start, inside and at the end. */
function dirty(value: unknown, pick: () => string): unknown {
  if (typeof value === 'string') {
    const at = Math.floor(value.length / 2);
    return `${pick()}${value.slice(0, at)}${pick()}${value.slice(at)}${pick()}`;
  }
  if (Array.isArray(value)) return value.map((v) => dirty(v, pick));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dirty(v, pick)]));
  return value;
}

function operationsOf(doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[] }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content['application/json']?.schema ?? null;
      const params = op.parameters ?? [];
      const query = params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema }));
      if (!body && query.length === 0) continue;
      ops.push({ method: method.toUpperCase() as Operation['method'], path, body, query, pathParams: params.filter((p) => p.in === 'path').map((p) => p.name) });
    }
  }
  return ops;
}

function requestOf(op: Operation): fc.Arbitrary<{ url: string; body: unknown }> {
  const queryArb = fc.record(Object.fromEntries(op.query.map((q) => [q.name, valueOf(q.schema, q.name)])), { requiredKeys: op.query.filter((q) => q.required).map((q) => q.name) });
  return fc.record({ body: op.body ? valueOf(op.body) : fc.constant(undefined), query: queryArb, ids: fc.array(fc.uuid({ version: 4 }), { minLength: op.pathParams.length, maxLength: op.pathParams.length }), seed: fc.nat() }).map(({ body, query, ids, seed }) => {
    let n = seed;
    const pick = () => CONTROLS[n++ % CONTROLS.length]!;
    let path = op.path;
    op.pathParams.forEach((p, i) => (path = path.replace(`{${p}}`, ids[i]!)));
    const search = new URLSearchParams(Object.entries(dirty(query, pick) as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
    return { url: search ? `${path}?${search}` : path, body: body === undefined ? undefined : dirty(body, pick) };
  });
}

/** Routes that would end the actor's session or lock it out for the rest of the run. */
const SESSION_ENDING = new Set(['POST /api/account/password', 'POST /api/account/totp/disable', 'POST /api/account/totp/confirm', 'POST /api/account/recovery-codes']);

describe('control characters at the edge', () => {
  let t: TestApp;
  const actors: Record<string, { account: TestUser; client: TestClient }> = {};
  const loginAs = async (name: string, options: Parameters<typeof buildUser>[2]) => {
    const account = await buildUser(t.database, t.keys, options);
    const client = new TestClient(t.app);
    await client.login(t.database, account);
    actors[name] = { account, client };
  };

  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000', AUTH_RATE_LIMIT_PER_MINUTE: '100000', CHECK_RATE_LIMIT_PER_MINUTE: '100000', REPORT_RATE_LIMIT_PER_MINUTE: '100000' } });
    await loginAs('administrateur national', { role: 'admin', departement: null });
    await loginAs('agent national', { role: 'agent', departement: null });
    await loginAs('agent départemental', { role: 'agent', departement: '75' });
    await loginAs('médecin', { role: 'medecin', departement: '75' });
  });
  afterAll(() => t.close());

  it('answers no route with a 500 when its text carries control characters, whoever asks', async () => {
    const ops = operationsOf(t.app.swagger() as Parameters<typeof operationsOf>[0]).filter((op) => !SESSION_ENDING.has(`${op.method} ${op.path}`));
    expect(ops.length).toBeGreaterThan(40);
    const reached = new Set<string>();
    // A fixed seed per route and actor: the same requests on every run, so the count below is stable.
    let seed = 20261207;
    for (const op of ops) {
      for (const [who, { client }] of Object.entries(actors)) {
        seed += 1;
        await fc.assert(
          fc.asyncProperty(requestOf(op), async ({ url, body }) => {
            const res = await client.request(op.method, url, body);
            if (res.statusCode < 300) reached.add(`${op.method} ${op.path}`);
            expect(res.statusCode, `${who}: ${op.method} ${url} ${JSON.stringify(body)} → ${res.body}`).not.toBe(500);
          }),
          { numRuns: 4, endOnFailure: true, seed },
        );
      }
    }
    // The generated requests pass validation often enough to reach the services and the database.
    expect(reached.size, [...reached].sort().join('\n')).toBeGreaterThan(15);
  }, 600_000);

  it('files a public report sent as JSON without files, its text stored without the NUL', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    const res = await client.post('/api/reports/anonymous', { channel: 'telephone', callerNumber: '01 86\u0000 95 12 34', description: 'Appel\u0000 du faux\u001b service', name: 'Camille\u0000 Roux', email: 'camille.roux@exemple.fr', departement: '75' });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.receiptNumber, res.json().receiptNumber as string));
    expect(row).toMatchObject({ callerNumber: '01 86 95 12 34', description: 'Appel du faux service', reporterName: 'Camille Roux' });
  });

  it('files a doctor report, its text stored without the NUL', async () => {
    const res = await actors['médecin']!.client.post('/api/reports', { channel: 'sms', pastedText: 'Votre\u0000 certification expire\u0085', description: 'Reçu\u0000 ce matin' });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.receiptNumber, res.json().receiptNumber as string));
    expect(row).toMatchObject({ pastedText: 'Votre certification expire', description: 'Reçu ce matin' });
  });

  it('adds a triage note without the NUL', async () => {
    const report = await buildReport(t.database, t.app.services.uploads, { departement: '75' });
    const res = await actors['agent départemental']!.client.post(`/api/triage/reports/${report.id}/notes`, { body: 'Appelé\u0000 le\u0007 médecin' });
    expect(res.statusCode, res.body).toBe(201);
    const notes = await t.database.db.select().from(reportNotes).where(eq(reportNotes.reportId, report.id));
    expect(notes.map((n) => n.body)).toEqual(['Appelé le médecin']);
  });

  it('drafts an alert whose title had a NUL, without it', async () => {
    const res = await actors['agent national']!.client.post('/api/alerts', { title: 'Faux\u0000 appels CPAM', situation: 'Des\u0000 appels.', whatToDo: 'Raccrochez.', audience: { scope: 'national' } });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(alerts).where(eq(alerts.id, res.json().id as string));
    expect(row).toMatchObject({ title: 'Faux appels CPAM', situation: 'Des appels.' });
  });

  it('creates and renames an account whose name had a NUL, without it', async () => {
    const admin = actors['administrateur national']!.client;
    const created = await admin.post('/api/admin/users', { email: 'nul\u0000.agent@exemple.fr', displayName: 'Agent\u0000 Nul', role: 'agent', departement: '75' });
    expect(created.statusCode, created.body).toBe(201);
    const renamed = await admin.patch(`/api/admin/users/${created.json().id as string}`, { displayName: 'Agent\u0000 Renommé\u009b' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, created.json().id as string));
    expect(row).toMatchObject({ email: 'nul.agent@exemple.fr', displayName: 'Agent Renommé' });
  });
});
