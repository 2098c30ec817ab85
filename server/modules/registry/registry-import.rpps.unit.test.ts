import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_RPPS_DOCTORS } from '../../../contracts/registry-search-import.schemas.js';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import type { ParseOptions } from './registry-import.fields.js';
import { parseRegistryCsv } from './registry-import.parse.js';
import { departementOfActivity, departementOfCommuneCode, departementOfPostalCode } from './registry-import.rpps.js';

// The public RPPS extraction « PS_LibreAcces_Personne_activite » as published (fixture: the real header,
// synthetic people), and the variants seen between vintages.
const FIXTURE = readFileSync(new URL('./fixtures/PS_LibreAcces_Personne_activite_sample.txt', import.meta.url));
const TEXT = FIXTURE.toString('utf8');
const [HEADER_LINE, ...ROWS] = TEXT.trimEnd().split('\n') as [string, ...string[]];
const HEADER = HEADER_LINE.split('|');

// The other vintage of the header, as another public project quotes it: « Libellé civilité exercice »,
// « Code département (coord. structure) », and four more columns at the end.
const OTHER_VINTAGE_HEADER = ("Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|"
  + "Libellé civilité exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|"
  + 'Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|'
  + 'Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|'
  + 'Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|'
  + 'Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|'
  + 'Enseigne commerciale site|Complément destinataire (coord. structure)|'
  + 'Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|'
  + 'Indice répétition voie (coord. Structure)|Code type de voie (coord. structure)|'
  + 'Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|'
  + 'Mention distribution (coord. structure)|Bureau cedex (coord. structure)|'
  + 'Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|'
  + 'Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|'
  + 'Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|'
  + 'Code département (coord. structure)|Libellé département (coord. structure)|'
  + "Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|"
  + "Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|"
  + "Code fonction|Libellé fonction|Code genre d'activité|Libellé genre d'activité|").split('|');
const RENAMED: Record<string, string> = {
  'Libellé civilité exercice': "Libellé civilité d'exercice",
  'Indice répétition voie (coord. Structure)': 'Indice répétition voie (coord. structure)',
  'Code département (coord. structure)': 'Code Département (structure)',
  'Libellé département (coord. structure)': 'Libellé Département (structure)',
};

/** The fixture's lines rewritten under another header, each value moved to its column by name. */
function relayout(header: string[], { trailing = true } = {}): Buffer {
  const rows = ROWS.map((row) => {
    const fields = row.split('|');
    return header.slice(0, -1).map((name) => {
      const i = HEADER.indexOf(RENAMED[name] ?? name);
      return i >= 0 ? fields[i]! : '';
    });
  });
  const lines = rows.map((r) => r.join('|') + (trailing ? '|' : ''));
  return Buffer.from([header.join('|'), ...lines].join('\n') + '\n');
}

const national: ParseOptions = { scopeDepartement: null, today: '2025-06-30' };

function parseOk(bytes: Uint8Array, options = national) {
  const parsed = parseRegistryCsv(bytes, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
}

const byRpps = (parsed: ReturnType<typeof parseOk>) => new Map(parsed.valid.map((v) => [v.doctor.rpps, v.doctor]));

/** One line of the fixture's layout from a few values by column name. */
function fixtureLine(values: Record<string, string>): string {
  return HEADER.slice(0, -1).map((name) => values[name] ?? '').join('|') + '|';
}
const doctorLine = (rpps: string, values: Record<string, string> = {}) =>
  fixtureLine({
    "Type d'identifiant PP": '8', 'Identifiant PP': rpps, 'Identification nationale PP': `8${rpps}`, "Nom d'exercice": 'ARNAUD', "Prénom d'exercice": 'ZOÉ',
    'Code profession': '10', 'Libellé profession': 'Médecin', 'Code postal (coord. structure)': '75011', 'Libellé commune (coord. structure)': 'Paris', ...values,
  });
const withLines = (...lines: string[]) => Buffer.from([HEADER_LINE, ...lines].join('\n') + '\n');

describe('public RPPS extraction (PS_LibreAcces_Personne_activite)', () => {
  it('reads the published file: doctors merged, other professions and doctors abroad skipped and counted', () => {
    const parsed = parseOk(FIXTURE);
    expect(HEADER).toHaveLength(53);
    expect(parsed).toMatchObject({
      layout: 'rpps_personne_activite',
      encoding: 'utf-8',
      separator: '|',
      lines: 37,
      doctors: 22,
      merged: 8,
      rppsColumn: 'Identifiant PP',
      errors: [],
      skipped: {
        professions: [
          { code: '21', label: 'Pharmacien', lines: 2 },
          { code: '40', label: 'Chirurgien-Dentiste', lines: 1 },
          { code: '50', label: 'Masseur-Kinésithérapeute', lines: 1 },
          { code: '60', label: 'Infirmier', lines: 1 },
          { code: '70', label: 'Sage-Femme', lines: 1 },
        ],
        otherDepartement: { doctors: 0, lines: 0 },
        // Geneva only: its postal code 1205 must not read as the Ain (01).
        noDepartement: { doctors: 1, lines: 1 },
      },
    });
    expect(parsed.valid).toHaveLength(22);
    expect(parsed.valid.every((v) => v.doctor.status === 'inscrit' && v.doctor.usageName === null && v.doctor.birthDate === null)).toBe(true);
  });

  it('merges a doctor’s lines: names, the specialty (not a competence), and the first activity’s département and address', () => {
    const doctors = byRpps(parseOk(FIXTURE));
    // Three lines: Paris (general medicine, then sports medicine as a competence), then a hospital in 92.
    expect(doctors.get('19999000011')).toEqual({
      rpps: '19999000011',
      birthName: 'LEFEBVRE-MARTIN',
      usageName: null,
      firstNames: 'HÉLÈNE',
      birthDate: null,
      specialty: 'Médecine générale',
      departement: '75',
      status: 'inscrit',
      registeredOn: null,
      proAddress: '12 RUE DE LA SANTE',
      proPostalCode: '75014',
      proCity: 'Paris',
      proPhone: '+33142123456',
      proEmail: 'cabinet.lefebvre@exemple.fr',
      corrAddress: '',
      corrPostalCode: '',
      corrCity: '',
      corrPhone: null,
      corrEmail: null,
      searchText: 'lefebvre martin helene paris',
    });
    // Créteil first, Paris after: the record belongs to the Val-de-Marne.
    expect(doctors.get('19999000219')).toMatchObject({ departement: '94', proCity: 'Créteil', specialty: 'Médecine d\'urgence' });
    // A practice abroad first: the first activity located in France gives the département and address.
    expect(doctors.get('19999000144')).toMatchObject({ departement: '33', proAddress: '8 COURS DE L\'INTENDANCE', proPostalCode: '33000', proCity: 'Bordeaux', proPhone: '+33556441234' });
    expect(doctors.get('19999000169')).toMatchObject({ proAddress: 'BATIMENT A, 3 BIS BOULEVARD HAUSSMANN', proPostalCode: '75008' });
    expect(doctors.get('19999000227')).toMatchObject({ proAddress: '2 PLACE DE VERDUN, BP 42' });
    // No savoir-faire at all.
    expect(doctors.get('19999000177')).toMatchObject({ specialty: '', proEmail: 'louis.dupre@exemple.fr' });
    // Only a CEDEX: postal code and city from « Bureau cedex ».
    expect(doctors.get('19999000136')).toMatchObject({ departement: '69', proPostalCode: '69317', proCity: 'LYON CEDEX 04' });
  });

  it('places Corsica and the overseas départements, with or without « Code Département (structure) »', () => {
    const expected = {
      '19999000029': '2A', // Ajaccio, given
      '19999000037': '2B', // Bastia, 20200
      '19999000045': '2A', // Porto-Vecchio, 20137
      '19999000052': '2B', // Furiani, 20600
      '19999000060': '2B', // Corte, commune code 2B096 only
      '19999000078': '971', // Pointe-à-Pitre, 97110
      '19999000086': '974', // Saint-Denis, given
      '19999000094': '976', // Mamoudzou, 97600
      '19999000102': '972', // Fort-de-France, given
      '19999000110': '973', // Cayenne, commune code 97302
      '19999000128': '971', // Saint-Martin, 97150
      '19999000235': '01', // Bourg-en-Bresse
    };
    const departements = (parsed: ReturnType<typeof parseOk>) => Object.fromEntries(Object.keys(expected).map((rpps) => [rpps, byRpps(parsed).get(rpps)?.departement]));
    expect(departements(parseOk(FIXTURE))).toEqual(expected);
    // Older vintages have no « Code Département (structure) »: the commune or postal code says it.
    const withoutColumn = HEADER.filter((h) => !/^(Code|Libellé) Département/.test(h));
    const older = parseOk(relayout(withoutColumn));
    expect(departements(older)).toEqual(expected);
    expect(older.valid.map((v) => v.doctor)).toEqual(parseOk(FIXTURE).valid.map((v) => v.doctor));
  });

  it('reads the other vintage of the header (renamed columns, four more) and lines without the trailing « | »', () => {
    const reference = parseOk(FIXTURE).valid.map((v) => v.doctor);
    expect(OTHER_VINTAGE_HEADER).toHaveLength(57);
    expect(parseOk(relayout(OTHER_VINTAGE_HEADER)).valid.map((v) => v.doctor)).toEqual(reference);
    expect(parseOk(relayout(HEADER, { trailing: false })).valid.map((v) => v.doctor)).toEqual(reference);
    // A header without its trailing « | » over lines that have it.
    expect(parseOk(Buffer.from(TEXT.replace('|\n', '\n'))).valid.map((v) => v.doctor)).toEqual(reference);
  });

  it('reads the same file in Latin-1 and with Windows line breaks', () => {
    const reference = parseOk(FIXTURE).valid;
    const latin1 = parseOk(Buffer.from(TEXT, 'latin1'));
    expect(latin1).toMatchObject({ encoding: 'latin-1', lines: 37, doctors: 22 });
    expect(latin1.valid).toEqual(reference);
    expect(byRpps(latin1).get('19999000136')).toMatchObject({ birthName: 'BÉNARD', firstNames: 'GAËLLE' });
    expect(parseOk(Buffer.from(TEXT.replaceAll('\n', '\r\n'))).valid).toEqual(reference);
  });

  it('keeps a departmental importer to the doctors whose first activity is in its département, counting the others', () => {
    const parsed = parseOk(FIXTURE, { ...national, scopeDepartement: '75' });
    expect(parsed.valid.map((v) => v.doctor.rpps)).toEqual(['19999000011', '19999000169', '19999000177']);
    expect(parsed).toMatchObject({ doctors: 3, merged: 3, errors: [], skipped: { otherDepartement: { doctors: 19, lines: 24 }, noDepartement: { doctors: 1, lines: 1 } } });
    const corsica = parseOk(FIXTURE, { ...national, scopeDepartement: '2B' });
    expect(corsica.valid.map((v) => v.doctor.proCity)).toEqual(['Bastia', 'Furiani', 'Corte']);
  });

  it('rejects a doctor once, naming the line and column of each bad value', () => {
    const twoLines = withRppsCheckDigit('1999900900');
    const good = withRppsCheckDigit('1999900901');
    const wrongCheckDigit = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`;
    const parsed = parseOk(withLines(
      doctorLine(good),
      doctorLine(twoLines, { "Nom d'exercice": 'ARNAUD 2', 'Téléphone (coord. structure)': '01 42' }),
      doctorLine(twoLines, { "Nom d'exercice": 'ARNAUD', 'Code postal (coord. structure)': '13001' }),
      doctorLine(wrongCheckDigit, { 'Identification nationale PP': '' }),
      fixtureLine({ "Type d'identifiant PP": '0', 'Identifiant PP': '756000001', 'Identification nationale PP': '0756000001', "Nom d'exercice": 'ADELI', "Prénom d'exercice": 'SEUL', 'Code profession': '10' }),
      doctorLine(good).slice(0, -20),
    ));
    expect(parsed.valid.map((v) => v.doctor.rpps)).toEqual([good]);
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Nom d'exercice"],
      [3, 'Téléphone (coord. structure)'],
      [5, 'Identifiant PP'],
      [6, 'Identifiant PP'],
      [7, null],
    ]);
    // Both errors of the doctor on lines 3–4 belong to one record: rejected once.
    expect(new Set(parsed.errors.map((e) => e.record)).size).toBe(4);
    expect(parsed.merged).toBe(1);
    expect(parsed.errors[0]!.message).toMatch(/^Ligne 3, colonne « Nom d'exercice » : seuls les lettres/);
    expect(parsed.errors[2]!.message).toMatch(/la clé de contrôle/);
    expect(parsed.errors[3]!.message).toMatch(/seul un numéro ADELI identifie cette personne.*numéro RPPS \(11 chiffres\)/);
    expect(parsed.errors[4]!.message).toMatch(/^Ligne 7 : \d+ valeurs au lieu de 52 : la ligne est coupée/);
  });

  it('takes the RPPS number from « Identification nationale PP » when « Identifiant PP » is not one', () => {
    const rpps = withRppsCheckDigit('1999900902');
    const parsed = parseOk(withLines(doctorLine(rpps, { 'Identifiant PP': '' })));
    expect(parsed.valid.map((v) => v.doctor.rpps)).toEqual([rpps]);
  });

  it('reads a file whose savoir-faire columns are in another file (newer extractions): no specialty', () => {
    const header = HEADER.filter((h) => !/savoir-faire/i.test(h));
    const parsed = parseOk(relayout(header));
    expect(parsed.valid).toHaveLength(22);
    expect(parsed.valid.every((v) => v.doctor.specialty === '')).toBe(true);
  });

  it.each([
    ['no « Nom d’exercice »', HEADER.filter((h) => h !== "Nom d'exercice"), /Extraction RPPS : colonne obligatoire absente \(ligne 1\) : « Nom d'exercice »/],
    ['nothing to locate an activity', HEADER.filter((h) => !/postal|commune|Département|cedex/i.test(h)), /aucune colonne ne situe les activités/],
    ['the département column twice', [...HEADER.slice(0, -1), 'Code département (coord. structure)', ''], /« Code Département \(structure\) » et « Code département \(coord\. structure\) » .* désignent la même information/],
  ])('refuses a header with %s', (_, header, message) => {
    const parsed = parseRegistryCsv(relayout(header), national);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it('refuses a file without a doctor to import, saying what was skipped', () => {
    const nurses = ROWS.filter((r) => r.split('|')[9] !== '10');
    const parsed = parseRegistryCsv(withLines(...nurses), national);
    expect(!parsed.ok && parsed.message).toBe('Aucun médecin à importer dans ce fichier (6 lignes lues : Pharmacien : 2, Chirurgien-Dentiste : 1, Masseur-Kinésithérapeute : 1, Infirmier : 1, Sage-Femme : 1).');
  });

  it(`refuses more than ${MAX_IMPORT_RPPS_DOCTORS} doctors, lines of other professions not counted`, () => {
    const header = 'Identification nationale PP|Code profession|Nom d\'exercice|Prénom d\'exercice|Code postal (coord. structure)|';
    const lines = Array.from({ length: MAX_IMPORT_RPPS_DOCTORS + 1 }, (_, i) => `8${withRppsCheckDigit(`10${String(i).padStart(8, '0')}`)}|10|A|B|75001|`);
    const parsed = parseRegistryCsv(Buffer.from([header, ...lines].join('\n')), national);
    expect(!parsed.ok && parsed.message).toMatch(/300001 médecins à importer : 300000 au plus par import/);
  });
});

describe('département of an activity', () => {
  it.each([
    ['20000', '2A'], ['20167', '2A'], ['20200', '2B'], ['20250', '2B'], ['20600', '2B'], ['20620', '2B'], ['20300', null],
    ['97110', '971'], ['97150', '971'], ['97133', '971'], ['97200', '972'], ['97300', '973'], ['97400', '974'], ['97500', '975'], ['97600', '976'],
    ['98000', null], ['75014', '75'], ['01000', '01'], ['1000', '01'], ['00100', null], ['GL', null], ['', null],
  ])('postal code %j → %j', (postalCode, departement) => {
    expect(departementOfPostalCode(postalCode)).toBe(departement);
  });

  it.each([
    ['2A004', '2A'], ['2b033', '2B'], ['97411', '974'], ['97701', null], ['75056', '75'], ['01053', '01'], ['20004', null], ['', null],
  ])('commune code %j → %j', (communeCode, departement) => {
    expect(departementOfCommuneCode(communeCode)).toBe(departement);
  });

  it('prefers the département column, then the commune code, then the postal code; abroad has none', () => {
    const activity = { departement: '', communeCode: '', postalCode: '', countryCode: '' };
    expect(departementOfActivity({ ...activity, departement: '2B', postalCode: '20000' })).toBe('2B');
    expect(departementOfActivity({ ...activity, departement: '1' })).toBe('01');
    // A code that is no département falls back on the others.
    expect(departementOfActivity({ ...activity, departement: '99', postalCode: '69003' })).toBe('69');
    // The commune names the commune; the postal code, its post office.
    expect(departementOfActivity({ ...activity, communeCode: '04070', postalCode: '05110' })).toBe('04');
    expect(departementOfActivity({ ...activity, postalCode: '1205', countryCode: '99140' })).toBeNull();
    expect(departementOfActivity({ ...activity, postalCode: '75015', countryCode: '99100' })).toBe('75');
  });
});
