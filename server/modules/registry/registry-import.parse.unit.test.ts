import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_LINES } from '../../../contracts/registry-search-import.schemas.js';
import { withRppsCheckDigit } from '../../../contracts/rpps.js';
import { decodeImportFile, detectSeparator, splitRecords } from './registry-import.csv.js';
import { phoneToE164, type ParseOptions } from './registry-import.fields.js';
import { parseRegistryCsv, rejectRegistered } from './registry-import.parse.js';
import { oneTypoAway, toSearchText } from './search-text.js';

const HEADER = [
  'Identifiant PP', 'Nom de naissance', "Nom d'exercice", 'Prénoms', 'Libellé savoir-faire', 'Code département', 'Statut',
  "Date d'inscription", "Adresse d'exercice", "Code postal d'exercice", "Commune d'exercice", "Téléphone d'exercice",
  "Adresse e-mail d'exercice", 'Adresse de correspondance', 'Code postal de correspondance', 'Commune de correspondance',
  'Téléphone de correspondance', 'Adresse e-mail de correspondance',
];
const RPPS_A = withRppsCheckDigit('1000000001');
const RPPS_B = withRppsCheckDigit('1000000002');
const RPPS_C = withRppsCheckDigit('1000000003');

function row(overrides: Partial<Record<string, string>> = {}): string[] {
  const values: Record<string, string> = {
    'Identifiant PP': RPPS_A,
    'Nom de naissance': 'Lefèvre',
    "Nom d'exercice": '',
    Prénoms: 'Hélène Marie',
    'Libellé savoir-faire': 'Médecine générale',
    'Code département': '75',
    Statut: 'Inscrit',
    "Date d'inscription": '01/09/2015',
    "Adresse d'exercice": '12 rue de la Santé',
    "Code postal d'exercice": '75014',
    "Commune d'exercice": 'Paris',
    "Téléphone d'exercice": '01 42 12 34 56',
    "Adresse e-mail d'exercice": 'Cabinet.Lefevre@Exemple.fr',
    'Adresse de correspondance': '',
    'Code postal de correspondance': '',
    'Commune de correspondance': '',
    'Téléphone de correspondance': '06 12 34 56 78',
    'Adresse e-mail de correspondance': '',
    ...overrides,
  };
  return HEADER.map((h) => values[h]!);
}

function csv(rows: string[][], separator = ';', header = HEADER): Uint8Array {
  return new TextEncoder().encode([header, ...rows].map((r) => r.join(separator)).join('\r\n') + '\r\n');
}

const options: ParseOptions = { scopeDepartement: null, today: '2025-06-30' };

function parseOk(bytes: Uint8Array, opts = options) {
  const parsed = parseRegistryCsv(bytes, opts);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
}

describe('search text', () => {
  it('lists the words one typing mistake away', () => {
    const variants = oneTypoAway('joly');
    // Dropped, swapped, replaced, added.
    for (const typo of ['jly', 'ojly', 'jloy', 'jily', 'joli', 'jolly', 'jolyb']) expect(variants).toContain(typo);
    expect(variants).not.toContain('joly');
    expect(variants).not.toContain('jolie');
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('puts the usage name first and does not repeat it when it is the birth name', () => {
    expect(toSearchText({ usageName: 'Martin', birthName: 'Lefèvre', firstNames: 'Hélène', proCity: 'Saint-Étienne' })).toBe('martin lefevre helene saint etienne');
    expect(toSearchText({ usageName: 'LEFEVRE', birthName: 'Lefèvre', firstNames: 'Hélène', proCity: '' })).toBe('lefevre helene');
  });
});

describe('encoding', () => {
  it('reads UTF-8, with or without BOM, and falls back to Latin-1 (Windows-1252)', () => {
    const utf8 = new TextEncoder().encode('Nom;Prénom\nLefèvre;Zoé\n');
    expect(decodeImportFile(utf8)).toMatchObject({ ok: true, encoding: 'utf-8', text: 'Nom;Prénom\nLefèvre;Zoé\n' });
    expect(decodeImportFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, encoding: 'utf-8', text: 'Nom;Prénom\nLefèvre;Zoé\n' });
    // 0x9C is « œ » in Windows-1252 (a control character in ISO 8859-1 proper).
    const latin1 = Buffer.concat([Buffer.from('Nom;Prénom\nLefèvre;Zoé C', 'latin1'), Buffer.from([0x9c]), Buffer.from('ur\n', 'latin1')]);
    expect(decodeImportFile(latin1)).toEqual({ ok: true, encoding: 'latin-1', text: 'Nom;Prénom\nLefèvre;Zoé Cœur\n' });
  });

  it('refuses UTF-16, spreadsheets, binary and doubly converted files, saying how to save the file', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nom;Prénom\n', 'utf16le')]);
    expect(decodeImportFile(utf16)).toEqual({ ok: false, message: expect.stringMatching(/UTF-16 : enregistrez-le en « CSV UTF-8 »/) });
    expect(decodeImportFile(Buffer.from('Nom;Prénom\n', 'utf16le'))).toEqual({ ok: false, message: expect.stringMatching(/caractères nuls/) });
    expect(decodeImportFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ ok: false, message: expect.stringMatching(/classeur.*CSV UTF-8/) });
    expect(decodeImportFile(new TextEncoder().encode('Nom;Prénom\nLefÃ¨vre;ZoÃ©\n'))).toEqual({ ok: false, message: expect.stringMatching(/ligne 2.*converti deux fois/) });
    expect(decodeImportFile(new TextEncoder().encode('Nom;Prénom\nA\u0007B;C\n'))).toEqual({ ok: false, message: expect.stringMatching(/caractère de contrôle à la ligne 2/) });
    expect(decodeImportFile(new Uint8Array())).toEqual({ ok: false, message: 'Le fichier est vide.' });
  });
});

describe('separator', () => {
  it.each([
    ['A;B;C', ';'],
    ['A|B|C', '|'],
    ['"A;1"|B|C', '|'],
  ])('detects %s', (line, separator) => {
    expect(detectSeparator(line)).toEqual({ ok: true, separator });
  });

  it.each([
    ['A,B,C', /virgule/],
    ['A\tB\tC', /tabulation/],
    ['A;B|C', /mélange/],
    ['ABC', /Aucun séparateur/],
  ])('refuses %j naming what to use', (line, message) => {
    const result = detectSeparator(line);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(!result.ok && result.message).toMatch(/« ; »/);
  });
});

describe('CSV records', () => {
  it('handles quoted separators, doubled quotes and line breaks inside quotes, with line numbers', () => {
    const split = splitRecords('a;b\n"x;y";"il dit ""oui"""\n"deux\nlignes";z\r\nlast;1', ';');
    expect(split).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x;y', 'il dit "oui"'] },
        { line: 3, fields: ['deux\nlignes', 'z'] },
        { line: 5, fields: ['last', '1'] },
      ],
    });
  });

  it('refuses an unclosed quote and flags text after a closing quote', () => {
    expect(splitRecords('a;b\n"x;y\n', ';')).toEqual({ ok: false, message: expect.stringMatching(/Guillemet ouvert à la ligne 2/) });
    const split = splitRecords('a;b\n"x"y;z\n', ';');
    expect(split.ok && split.records[1]!.problem).toMatch(/après un guillemet fermant/);
  });

  it('counts a line break inside quotes once, Windows or Unix, so later line numbers stay the file’s', () => {
    const split = splitRecords('a;b\r\n"deux\r\nlignes";z\r\nlast;1\r\n', ';');
    expect(split.ok && split.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reads a quote after spaces as opening a value, and spaces after a closing quote as no problem', () => {
    const split = splitRecords('a;b\n  "x;y"  ;"z"\n', ';');
    expect(split.ok && split.records[1]).toMatchObject({ line: 2, problem: undefined });
    expect(split.ok && split.records[1]!.fields.map((f) => f.trim())).toEqual(['x;y', 'z']);
  });

  it('keeps a quote inside an unquoted value, and names the line where an unclosed quote opens', () => {
    const split = splitRecords('a;b\nO"Brien;z\n', ';');
    expect(split.ok && split.records[1]).toEqual({ line: 2, fields: ['O"Brien', 'z'] });
    expect(splitRecords('a;b\n"deux\nlignes";"ouvert\nz\n', ';')).toEqual({ ok: false, message: expect.stringMatching(/Guillemet ouvert à la ligne 3/) });
  });
});

describe('phones', () => {
  it.each([
    ['01 42 12 34 56', '+33142123456'],
    ['06.12.34.56.78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['0262 21 34 56', '+262262213456'],
    ['0590 82 12 34', '+590590821234'],
    ['+32 2 123 45 67', '+3221234567'],
    ['06 12', null],
    ['01 23 45 67 8A', null],
  ])('%s → %s', (input, expected) => {
    expect(phoneToE164(input)).toBe(expected);
  });
});

describe('registry CSV', () => {
  it('reads a valid file into normalised records', () => {
    const parsed = parseOk(
      csv([
        row(),
        row({
          'Identifiant PP': ` ${RPPS_B} `,
          'Nom de naissance': 'Martin',
          "Nom d'exercice": 'Dupont-Moreau',
          'Code département': '1',
          Statut: 'ÉTUDIANT DE 3E CYCLE',
          "Date d'inscription": '2023-11-02',
          "Code postal d'exercice": '1000',
          "Commune d'exercice": 'Bourg-en-Bresse',
          "Téléphone d'exercice": '',
          "Adresse e-mail d'exercice": '',
        }),
        ['', '', ''],
      ]),
    );
    expect(parsed).toMatchObject({ encoding: 'utf-8', separator: ';', lines: 2, errors: [] });
    expect(parsed.valid.map((v) => v.line)).toEqual([2, 3]);
    expect(parsed.valid[0]!.doctor).toEqual({
      rpps: RPPS_A,
      birthName: 'Lefèvre',
      usageName: null,
      firstNames: 'Hélène Marie',
      birthDate: null,
      specialty: 'Médecine générale',
      departement: '75',
      status: 'inscrit',
      registeredOn: '2015-09-01',
      proAddress: '12 rue de la Santé',
      proPostalCode: '75014',
      proCity: 'Paris',
      proPhone: '+33142123456',
      proEmail: 'cabinet.lefevre@exemple.fr',
      corrAddress: '',
      corrPostalCode: '',
      corrCity: '',
      corrPhone: '+33612345678',
      corrEmail: null,
      searchText: 'lefevre helene marie paris',
    });
    expect(parsed.valid[1]!.doctor).toMatchObject({
      rpps: RPPS_B,
      usageName: 'Dupont-Moreau',
      departement: '01',
      status: 'etudiant_3e_cycle',
      registeredOn: '2023-11-02',
      proPostalCode: '01000',
      proPhone: null,
      searchText: 'dupont moreau martin helene marie bourg en bresse',
    });
  });

  it('stores a savoir-faire naming an official specialty as the list spells it, and keeps any other as written', () => {
    const parsed = parseOk(
      csv([
        row({ 'Libellé savoir-faire': 'ANESTHESIE-REANIMATION' }),
        row({ 'Identifiant PP': RPPS_B, 'Libellé savoir-faire': 'O.R.L et chirurgie cervico faciale' }),
        row({ 'Identifiant PP': RPPS_C, 'Libellé savoir-faire': 'Médecine aérospatiale' }),
      ]),
    );
    expect(parsed.valid.map((v) => v.doctor.specialty)).toEqual([
      'Anesthésie-réanimation',
      'Oto-rhino-laryngologie et chirurgie cervico-faciale',
      'Médecine aérospatiale',
    ]);
  });

  it('reads the optional birth date (compared with the identity document at the counter)', () => {
    const header = ['Identifiant PP', 'Nom de naissance', 'Prénoms', 'Code département', 'Statut', 'Date de naissance'];
    const parsed = parseRegistryCsv(csv([[RPPS_A, 'Lefèvre', 'Hélène', '75', 'inscrit', '12/04/1980'], [RPPS_B, 'Martin', 'Zoé', '75', 'inscrit', '31/02/1980']], ';', header), options);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.valid.map((v) => v.doctor.birthDate)).toEqual(['1980-04-12']);
    expect(parsed.errors[0]).toMatchObject({ line: 3, column: 'Date de naissance' });
  });

  it('accepts columns in any order, the Annuaire Santé names, the `|` separator and only the required columns', () => {
    const header = ['Statut', 'Prénom d’exercice', 'Code département', 'Nom de naissance', 'Identifiant PP', 'Libellé commune (coord. structure)'];
    const parsed = parseOk(csv([['radiée', 'Zoé', '2A', "d'Ornano", RPPS_A, 'Ajaccio']], '|', header));
    expect(parsed.separator).toBe('|');
    expect(parsed.valid[0]!.doctor).toMatchObject({ status: 'radie', firstNames: 'Zoé', departement: '2A', birthName: "d'Ornano", proCity: 'Ajaccio', proEmail: null });
  });

  it.each([
    ['Identifiant PP', '10000000012', /clé de contrôle \(dernier chiffre\) ne correspond pas/],
    ['Identifiant PP', '1000000001', /11 chiffres/],
    ['Identifiant PP', '1,00000E+10', /formatez la colonne en texte/],
    ['Nom de naissance', '', /obligatoire/],
    ['Nom de naissance', 'Lefèvre 2', /pas de chiffres/],
    ['Code département', '20', /01 à 95, 2A, 2B, 971 à 976/],
    ['Statut', 'retraité', /statut « retraité » inconnu : indiquez inscrit, suspendu, radié, transféré ou étudiant 3e cycle/],
    ["Date d'inscription", '31/02/2020', /n’existe pas/],
    ["Date d'inscription", '2020/02/01', /JJ\/MM\/AAAA/],
    ["Date d'inscription", '01/01/2030', /dans le futur/],
    ["Code postal d'exercice", '750014', /5 chiffres/],
    ["Adresse e-mail d'exercice", 'cabinet.lefevre@', /adresse e-mail invalide/],
    ['Adresse e-mail de correspondance', 'a b@exemple.fr', /adresse e-mail invalide/],
    ["Téléphone d'exercice", '01 42 12', /numéro de téléphone invalide.*01 23 45 67 89/],
    ['Téléphone de correspondance', '+33 6 12', /numéro de téléphone invalide/],
  ])('rejects %s = %j with the line, the column and what to fix', (column, value, reason) => {
    const parsed = parseOk(csv([row({ 'Identifiant PP': RPPS_B }), row({ [column]: value })]));
    expect(parsed.valid.map((v) => v.line)).toEqual([2]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 3, column });
    expect(parsed.errors[0]!.message).toMatch(new RegExp(`^Ligne 3, colonne « ${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} » : `));
    expect(parsed.errors[0]!.message).toMatch(reason);
  });

  it('reports every bad column of a line, and a line with the wrong number of columns', () => {
    const parsed = parseOk(csv([row({ 'Identifiant PP': '123', "Adresse e-mail d'exercice": 'x@', Statut: '' }), row().slice(0, 5)]));
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'Identifiant PP'],
      [2, 'Statut'],
      [2, "Adresse e-mail d'exercice"],
      [3, null],
    ]);
    expect(parsed.errors[3]!.message).toBe('Ligne 3 : 5 colonnes au lieu de 18 : vérifiez les séparateurs « ; » (une valeur qui en contient se met entre guillemets).');
  });

  it('rejects every line of a duplicated RPPS', () => {
    const parsed = parseOk(csv([row(), row({ 'Identifiant PP': RPPS_B }), row({ 'Nom de naissance': 'Autre' })]));
    expect(parsed.valid.map((v) => v.line)).toEqual([3]);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      `Ligne 2, colonne « Identifiant PP » : le numéro RPPS ${RPPS_A} figure aussi ligne 4 : une seule ligne par médecin. Gardez la bonne et supprimez les autres.`,
      `Ligne 4, colonne « Identifiant PP » : le numéro RPPS ${RPPS_A} figure aussi ligne 2 : une seule ligne par médecin. Gardez la bonne et supprimez les autres.`,
    ]);
  });

  it('keeps a departmental importer to its own département', () => {
    const parsed = parseOk(csv([row(), row({ 'Identifiant PP': RPPS_B, 'Code département': '69' })]), { ...options, scopeDepartement: '75' });
    expect(parsed.valid.map((v) => v.line)).toEqual([2]);
    expect(parsed.errors[0]!.message).toMatch(/^Ligne 3, colonne « Code département » : votre compte est rattaché au département 75 ; cette ligne \(département 69\)/);
  });

  it('rejects lines whose RPPS is already registered', () => {
    const parsed = parseOk(csv([row(), row({ 'Identifiant PP': RPPS_B }), row({ 'Identifiant PP': RPPS_C })]));
    rejectRegistered(parsed, new Set([RPPS_B]));
    expect(parsed.valid.map((v) => v.line)).toEqual([2, 4]);
    expect(parsed.errors[0]!.message).toMatch(new RegExp(`^Ligne 3, colonne « Identifiant PP » : le numéro RPPS ${RPPS_B} est déjà inscrit au registre`));
  });

  it.each([
    ['an unknown column', csv([[...row(), 'x']], ';', [...HEADER, 'Commentaire']), /Colonne inconnue \(ligne 1\) : « Commentaire »\. Colonnes acceptées : « Identifiant PP »/],
    ['a missing required column', csv([row().slice(1)], ';', HEADER.slice(1)), /Colonne obligatoire absente \(ligne 1\) : « Identifiant PP »/],
    ['the same column twice', csv([[...row(), RPPS_A]], ';', [...HEADER, 'Numéro RPPS']), /« Identifiant PP » et « Numéro RPPS » .* désignent la même information/],
    ['a column without header', csv([[...row(), '']], ';', [...HEADER, '']), /inconnue \(ligne 1\) : la colonne n° 19, sans en-tête/],
    ['a header without lines', csv([]), /aucune ligne à importer/],
    ['a comma-separated file', csv([row()], ','), /virgule/],
  ])('refuses a file with %s', (_, bytes, message) => {
    const parsed = parseRegistryCsv(bytes, options);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it(`refuses more than ${MAX_IMPORT_LINES} lines`, () => {
    const line = row().join(';');
    const text = [HEADER.join(';'), ...Array.from({ length: MAX_IMPORT_LINES + 1 }, () => line)].join('\n');
    const parsed = parseRegistryCsv(new TextEncoder().encode(text), options);
    expect(!parsed.ok && parsed.message).toMatch(/100000 au plus par import/);
  });

  it('reads the example of docs/registry-import.md', () => {
    const doc = readFileSync(new URL('../../../docs/registry-import.md', import.meta.url), 'utf8');
    const example = /Minimal example[^\n]*\n\n```\n([\s\S]*?)```/.exec(doc)![1]!;
    const parsed = parseOk(new TextEncoder().encode(example));
    expect(parsed.errors).toEqual([]);
    expect(parsed.valid.map((v) => v.doctor)).toMatchObject([
      { birthName: 'Lefèvre', status: 'inscrit', registeredOn: '2015-09-01', corrPhone: '+33612345678' },
      { birthName: 'Martin', usageName: 'Dupont', departement: '69', status: 'etudiant_3e_cycle', registeredOn: null },
    ]);
  });

  it('reads a Latin-1 file with accents', () => {
    const bytes = Buffer.from([HEADER, row({ 'Nom de naissance': 'Bénard', Prénoms: 'Gaëlle' })].map((r) => r.join('|')).join('\n'), 'latin1');
    const parsed = parseOk(bytes);
    expect(parsed).toMatchObject({ encoding: 'latin-1', separator: '|' });
    expect(parsed.valid[0]!.doctor).toMatchObject({ birthName: 'Bénard', firstNames: 'Gaëlle', searchText: 'benard gaelle paris' });
  });
});
