import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray, like } from 'drizzle-orm';
import { MAX_IMPORT_BYTES } from '../../../contracts/registry-search-import.schemas.js';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser, expectAudited } from '../../test/factories.js';
import { doctorHistory, doctors } from '../../platform/db/schema.js';
import { loggedIn } from '../../test/logged-in.js';

const HEADER = [
  'Identifiant PP', 'Nom de naissance', "Nom d'exercice", 'Prénoms', 'Libellé savoir-faire', 'Code département', 'Statut',
  "Date d'inscription", "Adresse d'exercice", "Code postal d'exercice", "Commune d'exercice", "Téléphone d'exercice",
  "Adresse e-mail d'exercice", 'Adresse de correspondance', 'Code postal de correspondance', 'Commune de correspondance',
  'Téléphone de correspondance', 'Adresse e-mail de correspondance',
];
let next = 0;
/** A fresh valid RPPS for each line of each test. */
const rpps = () => withRppsCheckDigit(`30${String(++next).padStart(8, '0')}`);

function line(values: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const all: Record<string, string> = {
    'Identifiant PP': rpps(),
    'Nom de naissance': 'Lefèvre',
    "Nom d'exercice": '',
    Prénoms: 'Hélène',
    'Libellé savoir-faire': 'Médecine générale',
    'Code département': '75',
    Statut: 'inscrit',
    "Date d'inscription": '01/09/2015',
    "Adresse d'exercice": '12 rue de la Santé',
    "Code postal d'exercice": '75014',
    "Commune d'exercice": 'Paris',
    "Téléphone d'exercice": '01 42 12 34 56',
    "Adresse e-mail d'exercice": 'cabinet@exemple.fr',
    'Adresse de correspondance': '3 place du Marché',
    'Code postal de correspondance': '75005',
    'Commune de correspondance': 'Paris',
    'Téléphone de correspondance': '06 12 34 56 78',
    'Adresse e-mail de correspondance': 'helene.lefevre@exemple.fr',
    ...values,
  };
  return HEADER.map((h) => all[h]!);
}

function file(lines: string[][], separator = ';', encoding: BufferEncoding = 'utf8'): string {
  return Buffer.from([HEADER, ...lines].map((l) => l.join(separator)).join('\r\n') + '\r\n', encoding).toString('base64');
}

// The public RPPS extraction as published: the real header, synthetic people (registry-import.rpps.unit.test.ts
// holds the line-by-line cases).
const RPPS_FIXTURE = readFileSync(new URL('./fixtures/PS_LibreAcces_Personne_activite_sample.txt', import.meta.url), 'utf8');

/** The fixture with every RPPS number replaced by another valid one starting with `prefix` (4 digits). */
function withOtherRpps(text: string, prefix: string): string {
  return text.replace(/\b(8?)19999(\d{5})\d\b/g, (_, national: string, n: string) => `${national}${withRppsCheckDigit(`${prefix}0${n}`)}`);
}

describe('registry CSV import', () => {
  let t: TestApp;
  let admin: TestClient;
  // Imports are limited to 10 a minute per address: the refusals and bad-line tests use another client.
  let otherAdmin: TestClient;
  let parisAgent: TestClient;
  let adminId: string;

  const countDoctors = async () => Number((await t.database.db.select({ n: count() }).from(doctors))[0]!.n);
  const importFile = (client: TestClient, contentBase64: string, mode = 'all_or_nothing', fileName = 'tableau.csv') =>
    client.post('/api/registry/imports', { mode, fileName, contentBase64 });

  beforeAll(async () => {
    t = await buildTestApp();
    const adminUser = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    adminId = adminUser.user.id;
    admin = await loggedIn(t, adminUser);
    otherAdmin = await loggedIn(t, adminUser);
    parisAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
  });
  afterAll(() => t.close());

  it('refuses anonymous callers and roles without the import permission', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await importFile(anonymous, file([line()]))).statusCode).toBe(401);
    for (const role of ['medecin', 'membre_cde', 'membre_cne'] as const) {
      const client = await loggedIn(t, await buildUser(t.database, t.keys, { role }));
      expect((await importFile(client, file([line()]))).statusCode).toBe(403);
    }
    expect(await countDoctors()).toBe(0);
  });

  it.each([
    [{ mode: 'merge', fileName: 'a.csv', contentBase64: 'QQ==' }, 'mode'],
    [{ mode: 'per_line', fileName: ' ', contentBase64: 'QQ==' }, 'fileName'],
    [{ mode: 'per_line', fileName: 'a.csv', contentBase64: 'pas du base64 !' }, 'contentBase64'],
    [{ mode: 'per_line', fileName: 'a.csv', contentBase64: '' }, 'contentBase64'],
    [{ mode: 'per_line', fileName: 'a.csv', contentBase64: 'QQ==', extra: true }, 'extra'],
  ])('refuses %j naming the field', async (body, field) => {
    const res = await admin.post('/api/registry/imports', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('stores the birth date when the file has the column', async () => {
    const id = rpps();
    const content = Buffer.from(`Identifiant PP;Nom de naissance;Prénoms;Code département;Statut;Date de naissance\r\n${id};Lefèvre;Hélène;75;inscrit;12/04/1980\r\n`).toString('base64');
    const res = await importFile(admin, content, 'all_or_nothing', 'naissances.csv');
    expect(res.json()).toMatchObject({ outcome: 'imported', inserted: 1 });
    const [row] = await t.database.db.select().from(doctors).where(eq(doctors.rpps, id));
    expect(row!.birthDate).toBe('1980-04-12');
  });

  it('imports a UTF-8 file separated by « ; », with history and an audit entry', async () => {
    const lines = [line(), line({ 'Nom de naissance': 'Martin', "Nom d'exercice": 'Dupont', Prénoms: 'Zoé', Statut: 'étudiant 3e cycle', "Date d'inscription": '' })];
    const res = await importFile(admin, file(lines), 'all_or_nothing', 'paris-2025.csv');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ mode: 'all_or_nothing', outcome: 'imported', encoding: 'utf-8', separator: ';', lines: 2, inserted: 2, rejected: 0, errors: [], errorsTruncated: false });

    const rows = await t.database.db.select().from(doctors).where(inArray(doctors.rpps, [lines[0]![0]!, lines[1]![0]!])).orderBy(doctors.birthName);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ birthName: 'Lefèvre', usageName: null, proPhone: '+33142123456', corrPhone: '+33612345678', corrEmail: 'helene.lefevre@exemple.fr', status: 'inscrit', version: 1, searchText: 'lefevre helene paris' });
    expect(rows[1]).toMatchObject({ birthName: 'Martin', usageName: 'Dupont', status: 'etudiant_3e_cycle', searchText: 'dupont martin zoe paris' });

    const [history] = await t.database.db.select().from(doctorHistory).where(eq(doctorHistory.doctorId, rows[0]!.id));
    expect(history).toMatchObject({ version: 1, source: 'import', actorId: adminId });
    expect(history!.changes).toMatchObject({ rpps: { before: null, after: lines[0]![0] }, registeredOn: { before: null, after: '2015-09-01' }, corrPhone: { before: null, after: '+33612345678' } });

    const audit = await expectAudited(t.database, 'registry.import.completed', report.importId);
    expect(audit.actorId).toBe(adminId);
    expect(audit.details).toMatchObject({ fileName: 'paris-2025.csv', mode: 'all_or_nothing', encoding: 'utf-8', separator: ';', lines: 2, inserted: 2, rejected: 0 });
    expect(JSON.stringify(audit.details)).not.toContain('helene');

    // Searchable at once, accents or not.
    const found = await admin.get('/api/registry/doctors?q=zoe dupont');
    expect(found.json().items.map((i: { rpps: string }) => i.rpps)).toEqual([lines[1]![0]]);
  });

  it('imports a Latin-1 file separated by « | »', async () => {
    const lines = [line({ 'Nom de naissance': 'Bénard', Prénoms: 'Gaëlle', "Commune d'exercice": 'Saint-Étienne', "Code postal d'exercice": '42000', 'Code département': '42' })];
    const res = await importFile(admin, file(lines, '|', 'latin1'), 'per_line');
    expect(res.json()).toMatchObject({ outcome: 'imported', encoding: 'latin-1', separator: '|', inserted: 1 });
    const [row] = await t.database.db.select().from(doctors).where(eq(doctors.rpps, lines[0]![0]!));
    expect(row).toMatchObject({ birthName: 'Bénard', firstNames: 'Gaëlle', proCity: 'Saint-Étienne', departement: '42' });
  });

  it.each([
    ['a comma separator', () => file([line()], ','), /Séparateur non accepté \(ligne 1\) : la virgule « , »\. Enregistrez le fichier avec le point-virgule « ; »/],
    ['a tab separator', () => file([line()], '\t'), /la tabulation/],
    ['UTF-16', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([HEADER, line()].map((l) => l.join(';')).join('\n'), 'utf16le')]).toString('base64'), /UTF-16/],
    ['accents converted twice', () => Buffer.from(Buffer.from([HEADER, line()].map((l) => l.join(';')).join('\n'), 'utf8').toString('latin1'), 'utf8').toString('base64'), /converti deux fois/],
    ['an unknown column', () => Buffer.from(`${HEADER.join(';')};Remarque\n${line().join(';')};x\n`).toString('base64'), /Colonne inconnue \(ligne 1\) : « Remarque »/],
  ])('refuses a file with %s, writing nothing and saying what to fix', async (_, content, message) => {
    const before = await countDoctors();
    const res = await importFile(otherAdmin, content(), 'per_line');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields).toEqual([{ path: 'contentBase64', message: expect.stringMatching(message) }]);
    expect(await countDoctors()).toBe(before);
    const audit = (await auditEntries(t.database, 'registry.import.rejected')).at(-1)!;
    expect(audit.reason).toMatch(message);
  });

  describe('with bad lines', () => {
    let registered: string;
    let lines: string[][];
    beforeAll(async () => {
      registered = (await buildDoctor(t.database, { rpps: rpps() })).rpps;
      const duplicated = rpps();
      const valid = rpps();
      // Any other last digit breaks the Luhn check.
      const wrongCheckDigit = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
      lines = [
        line(),
        line({ 'Identifiant PP': wrongCheckDigit }),
        line({ 'Adresse e-mail de correspondance': 'helene.lefevre@' }),
        line({ "Téléphone d'exercice": '01 42 12' }),
        line({ "Date d'inscription": '31/02/2015' }),
        line({ 'Identifiant PP': duplicated }),
        line({ 'Identifiant PP': duplicated }),
        line({ 'Identifiant PP': registered }),
        line(),
      ];
    });

    const expectedErrors = () => [
      { line: 3, column: 'Identifiant PP', message: expect.stringMatching(/^Ligne 3, colonne « Identifiant PP » : numéro RPPS \d{11} invalide : la clé de contrôle/) },
      { line: 4, column: 'Adresse e-mail de correspondance', message: expect.stringMatching(/^Ligne 4, colonne « Adresse e-mail de correspondance » : adresse e-mail invalide/) },
      { line: 5, column: "Téléphone d'exercice", message: expect.stringMatching(/^Ligne 5, colonne « Téléphone d'exercice » : numéro de téléphone invalide/) },
      { line: 6, column: "Date d'inscription", message: expect.stringMatching(/^Ligne 6, colonne « Date d'inscription » : la date « 31\/02\/2015 » n’existe pas/) },
      { line: 7, column: 'Identifiant PP', message: expect.stringMatching(/^Ligne 7, colonne « Identifiant PP » : le numéro RPPS \d{11} figure aussi ligne 8/) },
      { line: 8, column: 'Identifiant PP', message: expect.stringMatching(/figure aussi ligne 7/) },
      { line: 9, column: 'Identifiant PP', message: expect.stringMatching(new RegExp(`^Ligne 9, colonne « Identifiant PP » : le numéro RPPS ${registered} est déjà inscrit au registre`)) },
    ];

    it('all or nothing: writes nothing and lists every rejected line with its reason', async () => {
      const before = await countDoctors();
      const res = await importFile(otherAdmin, file(lines), 'all_or_nothing');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'rejected', lines: 9, inserted: 0, rejected: 7, errors: expectedErrors() });
      expect(await countDoctors()).toBe(before);
      expect((await t.database.db.select().from(doctors).where(eq(doctors.rpps, lines[0]![0]!)))).toEqual([]);
      const audit = await expectAudited(t.database, 'registry.import.rejected', res.json().importId);
      expect(audit.details).toMatchObject({ inserted: 0, rejected: 7, lines: 9 });
    });

    it('line by line: writes the valid lines and reports the others', async () => {
      const before = await countDoctors();
      const res = await importFile(otherAdmin, file(lines), 'per_line');
      expect(res.json()).toMatchObject({ outcome: 'partial', lines: 9, inserted: 2, rejected: 7, errors: expectedErrors() });
      expect(await countDoctors()).toBe(before + 2);
      const imported = await t.database.db.select({ rpps: doctors.rpps }).from(doctors).where(inArray(doctors.rpps, [lines[0]![0]!, lines[8]![0]!]));
      expect(imported).toHaveLength(2);
      const audit = await expectAudited(t.database, 'registry.import.completed', res.json().importId);
      expect(audit.details).toMatchObject({ mode: 'per_line', inserted: 2, rejected: 7 });

      // The same file again: every line is now either bad or already registered.
      const again = await importFile(otherAdmin, file(lines), 'per_line');
      expect(again.json()).toMatchObject({ outcome: 'rejected', inserted: 0, rejected: 9 });
    });
  });

  it('keeps a departmental agent to its own département', async () => {
    const lines = [line(), line({ 'Code département': '69', "Commune d'exercice": 'Lyon' })];
    const refused = await importFile(parisAgent, file(lines), 'all_or_nothing');
    expect(refused.json()).toMatchObject({ outcome: 'rejected', inserted: 0, rejected: 1 });
    expect(refused.json().errors[0].message).toMatch(/^Ligne 3, colonne « Code département » : votre compte est rattaché au département 75 ; cette ligne \(département 69\)/);
    const partial = await importFile(parisAgent, file(lines), 'per_line');
    expect(partial.json()).toMatchObject({ outcome: 'partial', inserted: 1, rejected: 1 });
    expect(await t.database.db.select().from(doctors).where(eq(doctors.rpps, lines[1]![0]!))).toEqual([]);
  });

  describe('the public RPPS extraction « PS_LibreAcces_Personne_activite »', () => {
    const lefebvre = '19999000011';
    let rppsAdmin: TestClient;
    beforeAll(async () => {
      rppsAdmin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    });

    it('imports the file as published: one record per doctor, other professions and doctors abroad skipped and counted', async () => {
      const res = await importFile(rppsAdmin, Buffer.from(RPPS_FIXTURE).toString('base64'), 'all_or_nothing', 'PS_LibreAcces_Personne_activite_202506300000.txt');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      expect(report).toEqual({
        importId: expect.any(String),
        mode: 'all_or_nothing',
        outcome: 'imported',
        encoding: 'utf-8',
        separator: '|',
        layout: 'rpps_personne_activite',
        lines: 37,
        doctors: 22,
        merged: 8,
        skipped: {
          professions: [
            { code: '21', label: 'Pharmacien', lines: 2 },
            { code: '40', label: 'Chirurgien-Dentiste', lines: 1 },
            { code: '50', label: 'Masseur-Kinésithérapeute', lines: 1 },
            { code: '60', label: 'Infirmier', lines: 1 },
            { code: '70', label: 'Sage-Femme', lines: 1 },
          ],
          otherDepartement: { doctors: 0, lines: 0 },
          noDepartement: { doctors: 1, lines: 1 },
        },
        inserted: 22,
        rejected: 0,
        errors: [],
        errorsTruncated: false,
      });

      const rows = await t.database.db.select().from(doctors).where(like(doctors.rpps, '19999%'));
      expect(rows).toHaveLength(22);
      const byRpps = new Map(rows.map((r) => [r.rpps, r]));
      // Three activity lines (Paris twice, then a hospital in the Hauts-de-Seine): one record, in Paris.
      expect(byRpps.get(lefebvre)).toMatchObject({
        birthName: 'LEFEBVRE-MARTIN', usageName: null, firstNames: 'HÉLÈNE', specialty: 'Médecine générale', departement: '75', status: 'inscrit',
        proAddress: '12 RUE DE LA SANTE', proPostalCode: '75014', proCity: 'Paris', proPhone: '+33142123456', proEmail: 'cabinet.lefebvre@exemple.fr',
        version: 1, searchText: 'lefebvre martin helene paris',
      });
      // Corsica and overseas, with the département column empty: from the postal or commune code.
      expect(['19999000037', '19999000045', '19999000060', '19999000078', '19999000094', '19999000110'].map((r) => byRpps.get(r)?.departement)).toEqual(['2B', '2A', '2B', '971', '976', '973']);
      // The pharmacienne, and the doctor practising in Geneva only, are not in the register.
      expect(byRpps.has('19999000318')).toBe(false);
      expect(byRpps.has('19999000151')).toBe(false);

      const [history] = await t.database.db.select().from(doctorHistory).where(eq(doctorHistory.doctorId, byRpps.get(lefebvre)!.id));
      expect(history).toMatchObject({ version: 1, source: 'import', changes: { departement: { before: null, after: '75' }, status: { before: null, after: 'inscrit' } } });
      const audit = await expectAudited(t.database, 'registry.import.completed', report.importId);
      expect(audit.details).toMatchObject({ layout: 'rpps_personne_activite', lines: 37, doctors: 22, merged: 8, inserted: 22, rejected: 0, skippedProfessionLines: 6, skippedOtherDepartement: 0, skippedNoDepartement: 1 });
      expect(JSON.stringify(audit.details)).not.toMatch(/LEFEBVRE|HÉLÈNE|exemple\.fr/);

      // Searchable at once; earlier tests' Hélène Lefèvre come after, as near matches.
      const found = await rppsAdmin.get('/api/registry/doctors?q=helene lefebvre');
      expect(found.json().items[0].rpps).toBe(lefebvre);
    });

    it('rejects each doctor already registered once, however many lines they have', async () => {
      const before = await countDoctors();
      const res = await importFile(rppsAdmin, Buffer.from(RPPS_FIXTURE).toString('base64'), 'per_line');
      expect(res.json()).toMatchObject({ outcome: 'rejected', lines: 37, doctors: 22, inserted: 0, rejected: 22 });
      const errors: { line: number; column: string }[] = res.json().errors;
      expect(errors).toHaveLength(22);
      expect(errors[0]).toEqual({ line: 2, column: 'Identifiant PP', message: expect.stringMatching(new RegExp(`^Ligne 2, colonne « Identifiant PP » : le numéro RPPS ${lefebvre} est déjà inscrit au registre`)) });
      expect(errors.map((e) => e.line)).not.toContain(3);
      expect(await countDoctors()).toBe(before);
    });

    it('lets a departmental agent import its own doctors from the Latin-1 file, the others counted, not rejected', async () => {
      const latin1 = Buffer.from(withOtherRpps(RPPS_FIXTURE, '1998'), 'latin1');
      const rowsOf = (rpps: string[]) => t.database.db.select().from(doctors).where(inArray(doctors.rpps, rpps));
      const paris = ['19980000011', '19980000169', '19980000177'].map((r) => withRppsCheckDigit(r.slice(0, 10)));
      const creteil = withRppsCheckDigit('1998000021');
      const res = await importFile(parisAgent, latin1.toString('base64'), 'all_or_nothing', 'PS_LibreAcces_Personne_activite_latin1.txt');
      expect(res.json()).toMatchObject({
        outcome: 'imported', encoding: 'latin-1', layout: 'rpps_personne_activite', lines: 37, doctors: 3, merged: 3, inserted: 3, rejected: 0,
        skipped: { otherDepartement: { doctors: 19, lines: 24 }, noDepartement: { doctors: 1, lines: 1 } },
      });
      const rows = await rowsOf(paris);
      expect(rows.map((r) => [r.birthName, r.firstNames, r.departement]).sort()).toEqual([['DUPRÉ', 'LOUIS', '75'], ['LEFEBVRE-MARTIN', 'HÉLÈNE', '75'], ['NGUYEN', 'THI-LAN', '75']]);
      // Two activity lines in Paris, but the first in Créteil: for the Val-de-Marne council.
      expect(await rowsOf([creteil])).toEqual([]);
    });
  });

  it('refuses a body above the documented size', async () => {
    const res = await importFile(admin, 'A'.repeat(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });
});
