import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { DRIFT_LEXICON_VERSION } from '../../../analysis/dpc/index.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited } from '../../test/factories.js';
import { dpcActions, dpcActionScreenings, dpcOrganisations } from '../../platform/db/schema-dpc.js';
import { catalogueCsv, catalogueJson, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { loggedIn } from '../../test/logged-in.js';

describe('DPC catalogue: import and search', () => {
  let t: TestApp;
  let admin: TestClient;
  let agent: TestClient;
  let doctor: TestClient;
  let adminId: string;

  const countActions = async () => Number((await t.database.db.select({ n: count() }).from(dpcActions))[0]!.n);
  const importFile = (client: TestClient, contentBase64: string, format = 'csv', fileName = 'catalogue.csv') =>
    client.post('/api/dpc/imports', { format, fileName, contentBase64 });

  beforeAll(async () => {
    t = await buildTestApp();
    const adminUser = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    adminId = adminUser.user.id;
    admin = await loggedIn(t, adminUser);
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
  });
  afterAll(() => t.close());

  it('refuses anonymous callers, doctors and agents the import, and doctors and anonymous callers the search', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const content = catalogueCsv([catalogueRow()]);
    expect((await importFile(anonymous, content)).statusCode).toBe(401);
    expect((await importFile(doctor, content)).statusCode).toBe(403);
    expect((await importFile(agent, content)).statusCode).toBe(403);
    expect((await anonymous.get('/api/dpc/actions')).statusCode).toBe(401);
    const refused = await doctor.get('/api/dpc/actions');
    expect(refused.statusCode).toBe(403);
    expect(await countActions()).toBe(0);
    const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
    expect(denial.details).toMatchObject({ permission: 'dpc:catalogue_read' });
  });

  it.each([
    [{ format: 'xml', fileName: 'a.xml', contentBase64: 'QQ==' }, 'format'],
    [{ format: 'csv', fileName: ' ', contentBase64: 'QQ==' }, 'fileName'],
    [{ format: 'csv', fileName: 'a.csv', contentBase64: 'pas du base64 !' }, 'contentBase64'],
    [{ format: 'csv', fileName: 'a.csv', contentBase64: 'QQ==', extra: true }, 'extra'],
  ])('refuses the request %j naming the field', async (body, field) => {
    const res = await admin.post('/api/dpc/imports', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('imports a CSV file: organisations, actions and their screening, with an audit entry', async () => {
    const genuine = catalogueRow();
    const drift = catalogueRow({ organisationNumber: '9876', organisationName: 'École du sens biologique', title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME, format: 'e-learning', orientation: '' });
    // A programme over several lines, quoted, with a « ; » inside.
    const multiline = catalogueRow({ programme: 'Objectifs : dépister ; orienter.\nMéthode : cas cliniques.' });
    const res = await importFile(admin, catalogueCsv([genuine, drift, multiline]), 'csv', 'andpc-2026.csv');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ format: 'csv', actionsImported: 3, organisationsCreated: 2, organisationsUpdated: 0, lexiconVersion: DRIFT_LEXICON_VERSION });
    expect(report.priorities.haute).toBe(1);
    expect(report.priorities.aucune).toBe(2);

    const [stored] = await t.database.db.select().from(dpcActions).where(eq(dpcActions.reference, drift.reference));
    expect(stored).toMatchObject({ title: 'Le sens caché des maladies', format: 'non_presentiel', orientation: null, startsOn: '2026-03-14', endsOn: '2026-03-15', importedBy: adminId });
    const [screening] = await t.database.db.select().from(dpcActionScreenings).where(eq(dpcActionScreenings.actionId, stored!.id));
    expect(screening).toMatchObject({ lexiconVersion: DRIFT_LEXICON_VERSION, priority: 'haute' });
    expect(screening!.findings.map((f) => f.ruleId)).toContain('methode.decodage-biologique');
    const [kept] = await t.database.db.select().from(dpcActions).where(eq(dpcActions.reference, multiline.reference));
    expect(kept!.programme).toBe('Objectifs : dépister ; orienter.\nMéthode : cas cliniques.');

    const audit = await expectAudited(t.database, 'dpc.import.completed', report.importId);
    expect(audit.actorId).toBe(adminId);
    expect(audit.details).toMatchObject({ fileName: 'andpc-2026.csv', format: 'csv', actionsImported: 3, organisationsCreated: 2, priorities: { haute: 1, aucune: 2 } });
  });

  it('imports a JSON file and updates a known organisation’s contacts', async () => {
    const row = catalogueRow({ organisationEmail: 'nouveau@ifmc.example.fr', startsOn: '2026-09-01', endsOn: '' });
    const res = await importFile(admin, catalogueJson([row]), 'json', 'catalogue.json');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'json', actionsImported: 1, organisationsCreated: 0, organisationsUpdated: 1 });
    const [organisation] = await t.database.db.select().from(dpcOrganisations).where(eq(dpcOrganisations.registrationNumber, '1234'));
    expect(organisation!.contactEmail).toBe('nouveau@ifmc.example.fr');
  });

  it('refuses a file with one bad line, names the line and the field, and writes nothing', async () => {
    const before = await countActions();
    const rows = [catalogueRow(), catalogueRow({ title: '' }), catalogueRow({ format: 'webinaire' }), catalogueRow({ endsOn: '2026-01-01' })];
    const res = await importFile(admin, catalogueCsv(rows), 'csv', 'bad.csv');
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as { path: string; message: string }[];
    expect(fields).toEqual([
      { path: 'lignes.3.Titre', message: 'Ligne 3, colonne « Titre » : Le titre est obligatoire.' },
      { path: 'lignes.4.Format', message: expect.stringContaining('Ligne 4, colonne « Format » : Format inconnu') },
      { path: 'lignes.5.Date de fin', message: 'Ligne 5, colonne « Date de fin » : La date de fin précède la date de début.' },
    ]);
    expect(await countActions()).toBe(before);
    const audit = await expectAudited(t.database, 'dpc.import.rejected');
    expect(audit.details).toMatchObject({ fileName: 'bad.csv', refusedLines: 3 });
  });

  it('refuses a JSON entry naming its field, and a reference already in the catalogue', async () => {
    const before = await countActions();
    const bad = await importFile(admin, catalogueJson([catalogueRow(), { ...catalogueRow(), reference: 'réf avec espace' }]), 'json', 'bad.json');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ path: 'lignes.2.reference', message: expect.stringMatching(/^Entrée 2, champ « reference » : La référence compte/) });

    const [existing] = await t.database.db.select({ reference: dpcActions.reference }).from(dpcActions).limit(1);
    const again = await importFile(admin, catalogueCsv([catalogueRow(), catalogueRow({ reference: existing!.reference })]), 'csv', 'again.csv');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields).toEqual([
      { path: 'lignes.3.Référence', message: `Ligne 3, colonne « Référence » : l’action ${existing!.reference} est déjà au catalogue.` },
    ]);
    expect(await countActions()).toBe(before);
  });

  it('refuses a file it cannot read, saying why', async () => {
    const res = await importFile(admin, Buffer.from('Titre,Programme\r\nA,B\r\n').toString('base64'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([{ path: 'contentBase64', message: 'Colonne obligatoire absente de la ligne 1 : « Numéro ODPC ».' }]);
  });

  it('lets an agent search by words (accents ignored), organisation and priority, highest priority first', async () => {
    const all = await agent.get('/api/dpc/actions');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(4);
    expect(all.json().items[0]).toMatchObject({ organisation: { registrationNumber: '9876', name: 'École du sens biologique' }, screening: { priority: 'haute' } });
    expect(all.json().items[0].screening.markers).toContain('methode.decodage-biologique');

    const byWords = await agent.get(`/api/dpc/actions?q=${encodeURIComponent('DECODAGE biologique')}`);
    expect(byWords.json().items.map((i: { title: string }) => i.title)).toEqual(['Le sens caché des maladies']);
    const byOrganisation = await agent.get('/api/dpc/actions?organisation=1234');
    expect(byOrganisation.json().total).toBe(3);
    const byPriority = await agent.get('/api/dpc/actions?priority=aucune&q=diabete');
    expect(byPriority.json().total).toBe(3);
    expect(byPriority.json().items.every((i: { screening: { priority: string } }) => i.screening.priority === 'aucune')).toBe(true);
    const none = await agent.get('/api/dpc/actions?priority=moyenne');
    expect(none.json()).toMatchObject({ items: [], total: 0, page: 1, pageSize: 25 });

    const bad = await agent.get('/api/dpc/actions?priority=urgente');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['priority']);
  });
});
