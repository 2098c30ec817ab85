import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { campaigns, reports } from '../../platform/db/schema-reports.js';
import { buildReport } from './triage.factories.js';
import { queueConditions } from './triage.repo.js';

type Page = { items: { id: string; receiptNumber: string; status: string; excerpt: string; departement: string | null }[]; total: number; page: number; pageSize: number };

describe('triage queue', () => {
  let t: TestApp;
  let agent75: TestUser;
  let national: TestUser;
  let agent75Client: TestClient;
  let nationalClient: TestClient;

  const ids = (page: Page) => page.items.map((i) => i.id).sort();
  const report = (spec: Parameters<typeof buildReport>[2] = {}) => buildReport(t.database, t.app.services.uploads, spec);

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    national = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    agent75Client = new TestClient(t.app);
    await agent75Client.login(t.database, agent75);
    nationalClient = new TestClient(t.app);
    await nationalClient.login(t.database, national);
  });
  afterAll(() => t.close());

  it('refuses anonymous callers, doctors and CDE members', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const res = await anonymous.get('/api/triage/reports');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    for (const role of ['medecin', 'membre_cde', 'membre_cne'] as const) {
      const user = await buildUser(t.database, t.keys, { role, departement: role === 'membre_cne' ? null : '75' });
      const client = new TestClient(t.app);
      await client.login(t.database, user);
      const refused = await client.get('/api/triage/reports');
      expect({ role, status: refused.statusCode, code: refused.json().error.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
    }
  });

  it('names each bad filter', async () => {
    const cases: [string, string][] = [
      ['status=perdu', 'status'],
      ['channel=fax', 'channel'],
      ['verdict=grave', 'verdict'],
      ['departement=99', 'departement'],
      ['from=2026-13-01', 'from'],
      ['to=hier', 'to'],
      ['from=2026-03-10&to=2026-03-01', 'to'],
      ['assigned=paul', 'assigned'],
      ['campaignId=42', 'campaignId'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=de+la', 'q'],
      ['page=0', 'page'],
      ['pageSize=101', 'pageSize'],
      ['tri=ancien', 'tri'],
    ];
    for (const [query, field] of cases) {
      const res = await agent75Client.get(`/api/triage/reports?${query}`);
      expect({ query, status: res.statusCode, code: res.json().error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it('shows a departmental agent its département only; national accounts see all, and reports with no département', async () => {
    const paris = await report({ departement: '75' });
    const lyon = await report({ departement: '69' });
    const nowhere = await report({ departement: null });

    const own = (await agent75Client.get('/api/triage/reports?pageSize=100')).json() as Page;
    expect(own.items.every((i) => i.departement === '75')).toBe(true);
    expect(ids(own)).toContain(paris.id);
    expect(ids(own)).not.toContain(lyon.id);
    expect(ids(own)).not.toContain(nowhere.id);
    // Asking for another département, or for « none », yields nothing rather than an error.
    expect((await agent75Client.get('/api/triage/reports?departement=69')).json()).toMatchObject({ items: [], total: 0 });
    expect((await agent75Client.get('/api/triage/reports?departement=aucun')).json()).toMatchObject({ items: [], total: 0 });

    const all = (await nationalClient.get('/api/triage/reports?pageSize=100')).json() as Page;
    expect(ids(all)).toEqual(expect.arrayContaining([paris.id, lyon.id, nowhere.id]));
    expect(ids((await nationalClient.get('/api/triage/reports?departement=69')).json())).toEqual([lyon.id]);
    expect(ids((await nationalClient.get('/api/triage/reports?departement=aucun')).json())).toEqual([nowhere.id]);
  });

  it('leaves unconfirmed reports out unless asked, and filters by several statuses', async () => {
    const d = '13';
    const waiting = await report({ departement: d, status: 'en_attente_confirmation', confirmedAt: null });
    const fresh = await report({ departement: d, status: 'nouveau' });
    const working = await report({ departement: d, status: 'en_cours' });
    const closed = await report({ departement: d, status: 'classe_sans_suite', closedAt: new Date() });

    expect(ids((await nationalClient.get(`/api/triage/reports?departement=${d}`)).json())).toEqual([fresh.id, working.id, closed.id].sort());
    expect(ids((await nationalClient.get(`/api/triage/reports?departement=${d}&status=en_attente_confirmation`)).json())).toEqual([waiting.id]);
    expect(ids((await nationalClient.get(`/api/triage/reports?departement=${d}&status=nouveau&status=en_cours`)).json())).toEqual([fresh.id, working.id].sort());
  });

  it('filters by channel, verdict, dates (Paris days), assignee and campaign', async () => {
    const d = '33';
    const [campaign] = await t.database.db.insert(campaigns).values({ reference: 'CAMP-2026-0101', label: 'Faux renouvellement de certification' }).returning();
    const call = await report({ departement: d, channel: 'telephone', pastedText: '', description: 'Appel d’un prétendu conseiller de l’ANDPC', createdAt: new Date('2025-01-10T23:30:00Z') });
    const sms = await report({ departement: d, channel: 'sms', createdAt: new Date('2025-01-12T09:00:00Z'), campaignId: campaign!.id });
    const mine = await report({ departement: d, channel: 'courriel', pastedText: 'Bonjour, merci de confirmer votre rendez-vous.', description: 'Courriel reçu', assignedTo: national.user.id, createdAt: new Date('2025-01-15T09:00:00Z') });

    const list = async (query: string) => ids((await nationalClient.get(`/api/triage/reports?departement=${d}&${query}`)).json());
    expect(await list('channel=telephone')).toEqual([call.id]);
    expect(await list(`verdict=${sms.verdict}`)).toContain(sms.id);
    expect(sms.verdict).toBe('fraude_probable');
    expect(await list('verdict=fraude_probable')).not.toContain(mine.id);
    // 23:30 UTC on 10 January is 00:30 on 11 January in Paris.
    expect(await list('from=2025-01-11&to=2025-01-12')).toEqual([call.id, sms.id].sort());
    expect(await list('to=2025-01-10')).toEqual([]);
    expect(await list('from=2025-01-13')).toEqual([mine.id]);
    expect(await list('assigned=me')).toEqual([mine.id]);
    expect(await list('assigned=none')).toEqual([call.id, sms.id].sort());
    expect(await list(`campaignId=${campaign!.id}`)).toEqual([sms.id]);
    const line = (await nationalClient.get(`/api/triage/reports?departement=${d}&campaignId=${campaign!.id}`)).json().items[0];
    expect(line.campaign).toEqual({ id: campaign!.id, reference: 'CAMP-2026-0101' });
  });

  it('searches folded words: accents, case and typos forgiven; a receipt number finds its report', async () => {
    const d = '2A';
    const certif = await report({ departement: d, organisationName: 'Délégation à la certification périodique', description: 'SMS menaçant de radiation' });
    const colis = await report({ departement: d, organisationName: 'La Poste', pastedText: 'Votre colis est bloqué, payez 1,99 € de frais de douane.', description: 'Faux avis de passage' });

    const search = async (q: string) => ids((await nationalClient.get(`/api/triage/reports?departement=${d}&q=${encodeURIComponent(q)}`)).json());
    expect(await search('CERTIFICATION periodique')).toEqual([certif.id]);
    expect(await search('délégation')).toEqual([certif.id]);
    expect(await search('certifcation')).toEqual([certif.id]);
    expect(await search('douanne colis')).toEqual([colis.id]);
    expect(await search('amazon')).toEqual([]);
    expect(await search(colis.receiptNumber.toLowerCase())).toEqual([colis.id]);
  });

  it('pages newest first with a total, at most 100 a page', async () => {
    const d = '974';
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await report({ departement: d, createdAt: new Date(Date.UTC(2025, 5, 1 + i)) }));
    const newestFirst = made.map((r) => r.id).reverse();
    const first = (await nationalClient.get(`/api/triage/reports?departement=${d}&pageSize=3`)).json() as Page;
    const third = (await nationalClient.get(`/api/triage/reports?departement=${d}&pageSize=3&page=3`)).json() as Page;
    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(first.items.map((i) => i.id)).toEqual(newestFirst.slice(0, 3));
    expect(third.items.map((i) => i.id)).toEqual(newestFirst.slice(6));
    expect((await nationalClient.get(`/api/triage/reports?departement=${d}&page=9`)).json()).toMatchObject({ items: [], total: 7 });
    expect((await nationalClient.get('/api/triage/reports')).json().pageSize).toBe(25);
  });

  it('never lists the reporter nor the copy of the exchanges; the excerpt is short plain text', async () => {
    const d = '971';
    const long = `<script>alert(1)</script> ${'Le correspondant insistait pour obtenir mon numéro RPPS. '.repeat(8)}`;
    await report({ departement: d, reporterName: 'Dr Ophélie Secrète', reporterEmail: 'ophelie.secrete@exemple.fr', pastedText: 'Texte collé confidentiel 8c1f', description: long });
    const res = await nationalClient.get(`/api/triage/reports?departement=${d}`);
    const body = res.body;
    expect(body).not.toContain('Secrète');
    expect(body).not.toContain('ophelie.secrete');
    expect(body).not.toContain('8c1f');
    const [line] = (res.json() as Page).items;
    expect(line!.excerpt.length).toBeLessThanOrEqual(160);
    expect(line!.excerpt.startsWith('<script>alert(1)</script> Le correspondant')).toBe(true);
    expect(line!.excerpt.endsWith('…')).toBe(true);
    expect(Object.keys(line!)).not.toEqual(expect.arrayContaining(['reporter']));
  });

  it('answers a text search through the trigram index', async () => {
    // New reports go straight into the index (migration 0011): no pending list for searches to read through.
    const options = await t.database.raw.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE relname = 'report_search_texts_trgm_idx'`);
    expect(options.rows[0]!.reloptions).toEqual(['fastupdate=off']);
    // Enough rows, with statistics, for the planner to choose as it would in production. Loaded through
    // the pending list (fast), then merged into the index as migration 0008 leaves it. Altering the index
    // is DDL: the owner role's connection.
    await t.ownerDatabase.raw.exec(`
      ALTER INDEX report_search_texts_trgm_idx SET (fastupdate = on);
      INSERT INTO reports (receipt_number, source, status, channel, departement, reporter_email, description, search_text)
      SELECT 'SIG-2024-' || lpad(i::text, 8, '0'), 'formulaire', 'nouveau', 'telephone', '976', 'volume@exemple.fr', 'Appel',
             'appel demarchage formation dpc conseiller ' || md5(i::text)
      FROM generate_series(1, 20000) AS i;
      SELECT gin_clean_pending_list('report_search_texts_trgm_idx'::regclass);
      ALTER INDEX report_search_texts_trgm_idx SET (fastupdate = off);
      ANALYZE reports;
      ANALYZE report_search_texts;`);
    const where = queueConditions({ statuses: ['nouveau', 'en_cours', 'qualifie', 'classe_sans_suite', 'fusionne'], words: ['certifcation'] });
    const query = t.database.db.select({ id: reports.id }).from(reports).where(and(...where)).orderBy(desc(reports.createdAt)).limit(25).toSQL();
    const plan = await t.database.raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.params);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('report_search_texts_trgm_idx');
  });
});
