import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser } from '../../test/factories.js';
import { doctors, type DoctorRow } from '../../platform/db/schema.js';
import { toSearchText } from './search-text.js';
import { loggedIn } from '../../test/logged-in.js';

interface Summary {
  id: string;
  rpps: string;
  displayName: string;
  departement: string;
  proCity: string;
  status: string;
  frozen: boolean;
}

describe('registry search', () => {
  let t: TestApp;
  let parisAgent: TestClient;
  let nationalAgent: TestClient;
  let lefevreParis: DoctorRow;
  let lefevreLyon: DoctorRow;
  let dupond: DoctorRow;
  let dupont: DoctorRow;
  let stEtienne: DoctorRow;

  const search = async (client: TestClient, query: string) => {
    const res = await client.get(`/api/registry/doctors?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Summary[]; total: number; totalCapped: boolean; page: number; pageSize: number };
  };
  const ids = (page: { items: Summary[] }) => page.items.map((i) => i.id);

  beforeAll(async () => {
    t = await buildTestApp();
    parisAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    nationalAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));

    lefevreParis = await buildDoctor(t.database, { birthName: 'Lefèvre', firstNames: 'Hélène', departement: '75', proCity: 'Paris', proEmail: 'helene.lefevre@exemple.fr', proPhone: '+33142123456' });
    lefevreLyon = await buildDoctor(t.database, { birthName: 'LEFÈVRE', firstNames: 'Paul', departement: '69', proCity: 'Lyon', proPostalCode: '69003' });
    dupond = await buildDoctor(t.database, { birthName: 'Dupond', firstNames: 'Jean', departement: '75' });
    dupont = await buildDoctor(t.database, { birthName: 'Martin', usageName: 'Dupont', firstNames: 'Marie-Noëlle', departement: '75', status: 'suspendu', frozenAt: new Date() });
    stEtienne = await buildDoctor(t.database, { birthName: 'Bernard', firstNames: 'Zoé', departement: '42', proCity: 'Saint-Étienne', proPostalCode: '42000' });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers', async () => {
    const res = await new TestClient(t.app).get('/api/registry/doctors?q=lefevre');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(['medecin', 'membre_cde', 'membre_cne'] as const)('refuses a %s, and audits the refusal', async (role) => {
    const user = await buildUser(t.database, t.keys, { role });
    const client = await loggedIn(t, user);
    const res = await client.get('/api/registry/doctors?q=lefevre');
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Lef');
    expect((await auditEntries(t.database, 'authz.access.denied')).some((e) => e.actorId === user.user.id)).toBe(true);
  });

  it.each([
    ['rpps=12ab', 'rpps'],
    ['departement=20', 'departement'],
    ['status=retraite', 'status'],
    ['page=0', 'page'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['nom=dupont', 'nom'],
  ])('refuses %s naming the field', async (query, field) => {
    const res = await nationalAgent.get(`/api/registry/doctors?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('finds a name typed without accents, and lists no contact details', async () => {
    const page = await search(nationalAgent, 'q=lefevre');
    expect(ids(page).sort()).toEqual([lefevreParis.id, lefevreLyon.id].sort());
    expect(page).toMatchObject({ total: 2, totalCapped: false, page: 1, pageSize: 25 });
    expect(page.items.find((i) => i.id === lefevreParis.id)).toEqual({
      id: lefevreParis.id,
      rpps: lefevreParis.rpps,
      displayName: 'LEFÈVRE Hélène',
      specialty: 'Médecine générale',
      departement: '75',
      status: 'inscrit',
      proCity: 'Paris',
      frozen: false,
    });
    const body = JSON.stringify(page);
    for (const secret of [lefevreParis.proEmail!, lefevreParis.corrEmail!, '+33142123456', lefevreParis.corrPhone!, '12 rue de la Santé']) expect(body).not.toContain(secret);
  });

  it('keeps a departmental agent to its département', async () => {
    expect(ids(await search(parisAgent, 'q=lefevre'))).toEqual([lefevreParis.id]);
    expect(await search(parisAgent, 'q=lefevre&departement=69')).toMatchObject({ items: [], total: 0 });
    expect(await search(parisAgent, `rpps=${lefevreLyon.rpps}`)).toMatchObject({ items: [], total: 0 });
    expect(await search(parisAgent, 'city=lyon')).toMatchObject({ items: [], total: 0 });
    expect(ids(await search(nationalAgent, 'q=lefevre&departement=69'))).toEqual([lefevreLyon.id]);
  });

  it('tolerates a typo, exact spellings first', async () => {
    const dupontPage = await search(nationalAgent, 'q=Dupont');
    expect(ids(dupontPage)).toEqual([dupont.id, dupond.id]);
    expect(ids(await search(nationalAgent, 'q=dupond'))).toEqual([dupond.id, dupont.id]);
    expect(ids(await search(nationalAgent, 'q=lefebre')).sort()).toEqual([lefevreParis.id, lefevreLyon.id].sort());
    expect(ids(await search(nationalAgent, 'q=helene lefevre'))).toEqual([lefevreParis.id]);
  });

  it('finds a doctor by usage and birth names, shown with both', async () => {
    const byBirthName = await search(nationalAgent, 'q=martin');
    expect(ids(byBirthName)).toEqual([dupont.id]);
    expect(byBirthName.items[0]).toMatchObject({ displayName: 'DUPONT Marie-Noëlle (naissance : MARTIN)', status: 'suspendu', frozen: true });
    expect(ids(await search(nationalAgent, 'q=marie noelle dupont'))).toEqual([dupont.id]);
  });

  it('finds by RPPS, exact or by its first digits, in the RPPS field or the name box', async () => {
    expect(ids(await search(nationalAgent, `rpps=${stEtienne.rpps}`))).toEqual([stEtienne.id]);
    expect(ids(await search(nationalAgent, `q=${stEtienne.rpps}`))).toEqual([stEtienne.id]);
    const prefix = await search(nationalAgent, `rpps=${stEtienne.rpps.slice(0, 4)}`);
    expect(ids(prefix)).toContain(stEtienne.id);
    expect(prefix.items.every((i) => i.rpps.startsWith(stEtienne.rpps.slice(0, 4)))).toBe(true);
    expect(await search(nationalAgent, `rpps=${withRppsCheckDigit('9999999999')}`)).toMatchObject({ items: [], total: 0 });
  });

  it('finds by city, accents and hyphens ignored', async () => {
    expect(ids(await search(nationalAgent, 'city=saint etienne'))).toEqual([stEtienne.id]);
    expect(ids(await search(nationalAgent, 'city=SAINT-ÉTIENNE&q=zoe'))).toEqual([stEtienne.id]);
    expect(ids(await search(nationalAgent, 'city=saint'))).toEqual([stEtienne.id]);
    expect(ids(await search(nationalAgent, 'city=lyon'))).toEqual([lefevreLyon.id]);
  });

  it('filters by status, and finds names starting with a short prefix', async () => {
    expect(ids(await search(nationalAgent, 'status=suspendu'))).toEqual([dupont.id]);
    expect(ids(await search(nationalAgent, 'q=du'))).toEqual([dupond.id, dupont.id]);
  });

  describe('every role × filter combination', () => {
    // Each filter with a value that matches some record, so combinations both find and miss.
    const FILTERS = { q: 'lefevre', rpps: '1', city: 'paris', departement: '75', status: 'inscrit' } as const;
    type FilterName = keyof typeof FILTERS;
    const names = Object.keys(FILTERS) as FilterName[];
    const combinations: Partial<Record<FilterName, string>>[] = Array.from({ length: 2 ** names.length }, (_, mask) =>
      Object.fromEntries(names.filter((_, i) => mask & (2 ** i)).map((n) => [n, FILTERS[n]])),
    );
    // The name box also takes a short prefix and an RPPS.
    combinations.push({ q: 'du' }, { q: '1' }, { q: 'du', departement: '42' }, { q: 'zoe', city: 'saint' });
    const queryOf = (filters: Partial<Record<FilterName, string>>) => new URLSearchParams(filters).toString();

    it.each([
      ['admin', null],
      ['admin', '75'],
      ['agent', null],
      ['agent', '75'],
    ] as const)('answers a %s (département %s) for every filter combination, within its scope', async (role, departement) => {
      const client = await loggedIn(t, await buildUser(t.database, t.keys, { role, departement }));
      for (const filters of combinations) {
        const res = await client.get(`/api/registry/doctors?${queryOf(filters)}`);
        expect(res.statusCode, `${queryOf(filters)}: ${res.body}`).toBe(200);
        const page = res.json() as { items: Summary[]; total: number };
        expect(page.total).toBeGreaterThanOrEqual(page.items.length);
        for (const item of page.items) {
          if (departement) expect(item.departement).toBe(departement);
          if (filters.departement) expect(item.departement).toBe(filters.departement);
          if (filters.status) expect(item.status).toBe(filters.status);
          if (filters.rpps) expect(item.rpps.startsWith(filters.rpps)).toBe(true);
        }
      }
      // With no filter at all, the whole register in scope comes back.
      const everything = (await client.get('/api/registry/doctors')).json() as { items: Summary[] };
      expect(everything.items.map((i) => i.id)).toEqual(expect.arrayContaining(departement ? [lefevreParis.id, dupond.id] : [lefevreParis.id, lefevreLyon.id, stEtienne.id]));
    });

    it.each([
      ['medecin', '75'],
      ['membre_cde', '75'],
      ['membre_cne', null],
    ] as const)('refuses a %s for every filter combination, with nothing of the register', async (role, departement) => {
      const client = await loggedIn(t, await buildUser(t.database, t.keys, { role, departement }));
      for (const filters of combinations) {
        const res = await client.get(`/api/registry/doctors?${queryOf(filters)}`);
        expect(res.statusCode, queryOf(filters)).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
        expect(res.body).not.toContain(lefevreParis.rpps);
      }
    });
  });

  it('pages by 25 in name order and caps the count at 1,000', async () => {
    const rows = Array.from({ length: 1003 }, (_, i) => {
      const values = { birthName: 'Capdevielle', usageName: null, firstNames: `Prénom${String(i).padStart(4, '0')}`.replace(/\d/g, (d) => 'abcdefghij'[+d]!), proCity: 'Pau' };
      return { ...values, rpps: withRppsCheckDigit(`20${String(i).padStart(8, '0')}`), departement: '64', status: 'inscrit' as const, searchText: toSearchText(values) };
    });
    await t.database.db.insert(doctors).values(rows);
    const first = await search(nationalAgent, 'q=capdevielle');
    expect(first).toMatchObject({ total: 1000, totalCapped: true, page: 1 });
    expect(first.items).toHaveLength(25);
    const names = first.items.map((i) => i.displayName);
    expect(names).toEqual([...names].sort());
    const second = await search(nationalAgent, 'q=capdevielle&page=2');
    expect(second.items[0]!.displayName > names.at(-1)!).toBe(true);
    // Past the counting cap, pages still come: 1,003 records, the last three on page 41.
    expect((await search(nationalAgent, 'q=capdevielle&page=41')).items).toHaveLength(3);
    expect((await search(nationalAgent, 'q=capdevielle&page=41&departement=64')).items).toHaveLength(3);
    expect(await search(nationalAgent, 'city=pau')).toMatchObject({ total: 1000, totalCapped: true });
    expect((await search(nationalAgent, 'city=pau&page=41')).items).toHaveLength(3);
  });
});
