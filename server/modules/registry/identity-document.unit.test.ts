import { describe, expect, it } from 'vitest';
import { compareWithRecord, deriveFrenchCardExpiry, foldName, isDocumentExpired, readMrz, type MrzDocument } from '../../../contracts/identity-document.js';
import { alterMrz, frenchCardSpecimen, mrzCheckDigit, td1Specimen, td3Specimen } from './identity-document.specimens.js';

const TODAY = '2026-12-06';
const camille = { surname: 'Lefèvre', givenNames: 'Camille Marie', birthDate: '1980-04-12' };
const record = { birthName: 'Lefèvre', usageName: null, firstNames: 'Camille', birthDate: '1980-04-12' };

function read(mrz: string): MrzDocument {
  const reading = readMrz(mrz, TODAY);
  if (!reading.ok) throw new Error(`unexpected failure: ${reading.failures.join(', ')}`);
  return reading.document;
}
const failures = (mrz: string) => {
  const reading = readMrz(mrz, TODAY);
  return reading.ok ? [] : reading.failures;
};

describe('MRZ check digits (ICAO 9303 §4.9)', () => {
  it('computes the specimen digits of ICAO 9303 part 4 and the 2021 French card', () => {
    expect(mrzCheckDigit('L898902C3')).toBe('6');
    expect(mrzCheckDigit('740812')).toBe('2');
    expect(mrzCheckDigit('120415')).toBe('9');
    expect(mrzCheckDigit('X4RTBPFW4')).toBe('6');
  });

  it('reads the published 2021 French identity card specimen (TD1)', () => {
    const doc = read('IDFRAX4RTBPFW46<<<<<<<<<<<<<<<\n9007138F3002119FRA<<<<<<<<<<<6\nMARTIN<<MAELYS<GAELLE<MARIE<<<');
    expect(doc).toMatchObject({ format: 'TD1', documentType: 'carte_nationale_identite', documentNumber: 'X4RTBPFW4', surname: 'MARTIN', givenNames: 'MAELYS GAELLE MARIE', birthDate: '1990-07-13', expiry: '2030-02-11', expiryDerived: false });
  });
});

describe('readMrz: formats accepted', () => {
  it('TD1 (2021 identity card), typed with spaces, lower case and CR LF as a scanner sends it', () => {
    const mrz = td1Specimen(camille, { expiry: '2031-05-01' });
    const doc = read(` ${mrz.toLowerCase().replace(/\n/g, '\r\n')}\r\n`);
    expect(doc).toMatchObject({ format: 'TD1', documentType: 'carte_nationale_identite', surname: 'LEFEVRE', givenNames: 'CAMILLE MARIE', birthDate: '1980-04-12', expiry: '2031-05-01' });
  });

  it('TD3 (passport)', () => {
    const doc = read(td3Specimen(camille, { expiry: '2029-01-31', number: '19AB12345' }));
    expect(doc).toMatchObject({ format: 'TD3', documentType: 'passeport', documentNumber: '19AB12345', expiry: '2029-01-31' });
  });

  it('the older French card (two lines of 36): expiry derived from the issue month', () => {
    const doc = read(frenchCardSpecimen(camille, { issued: '2013-06-01' }));
    expect(doc).toMatchObject({ format: 'FRENCH_NATIONAL_ID', documentType: 'carte_nationale_identite', documentNumber: '1306751102850'.slice(0, 12), surname: 'LEFEVRE', givenNames: 'CAMILLE MARIE', expiry: '2028-05-31', expiryDerived: true });
  });

  it('older French card: 15 years for an adult from 2004, 10 years for a minor or before 2004', () => {
    expect(deriveFrenchCardExpiry('2013-06', '1980-04-12')).toBe('2028-05-31');
    expect(deriveFrenchCardExpiry('2013-06', '2000-04-12')).toBe('2023-05-31');
    expect(deriveFrenchCardExpiry('2003-06', '1980-04-12')).toBe('2013-05-31');
    expect(deriveFrenchCardExpiry('2013-06', '19??-??-??')).toBe('2023-05-31');
  });

  it('expired: valid through its expiry day, refused the day after; an older card issued in 2011 has expired', () => {
    expect(isDocumentExpired(read(td1Specimen(camille, { expiry: TODAY })), TODAY)).toBe(false);
    expect(isDocumentExpired(read(td1Specimen(camille, { expiry: '2026-12-05' })), TODAY)).toBe(true);
    expect(isDocumentExpired(read(frenchCardSpecimen(camille, { issued: '2011-11-01' })), TODAY)).toBe(true);
    expect(isDocumentExpired(read(frenchCardSpecimen(camille, { issued: '2012-01-01' })), TODAY)).toBe(false);
  });

  it('a born-2001 student: the century of the birth date follows today', () => {
    expect(read(td1Specimen({ ...camille, birthDate: '2001-02-03' }, { expiry: '2031-05-01' })).birthDate).toBe('2001-02-03');
  });
});

describe('readMrz: refusals', () => {
  const td1 = td1Specimen(camille, { expiry: '2031-05-01' });
  const td3 = td3Specimen(camille, { expiry: '2029-01-31' });
  const old = frenchCardSpecimen(camille, { issued: '2013-06-01' });
  const wrong = (digit: string) => String((Number(digit) + 1) % 10);

  it.each([
    ['TD1 document number', td1, 0, 14, 'document_number_check_digit'],
    ['TD1 birth date', td1, 1, 6, 'birth_date_check_digit'],
    ['TD1 expiry', td1, 1, 14, 'expiry_check_digit'],
    ['TD1 composite', td1, 1, 29, 'composite_check_digit'],
    ['TD3 document number', td3, 1, 9, 'document_number_check_digit'],
    ['TD3 birth date', td3, 1, 19, 'birth_date_check_digit'],
    ['TD3 expiry', td3, 1, 27, 'expiry_check_digit'],
    ['TD3 personal number', td3, 1, 42, 'personal_number_check_digit'],
    ['TD3 composite', td3, 1, 43, 'composite_check_digit'],
    ['older card number', old, 1, 12, 'document_number_check_digit'],
    ['older card birth date', old, 1, 33, 'birth_date_check_digit'],
    ['older card composite', old, 1, 35, 'composite_check_digit'],
  ])('%s check digit wrong', (_label, mrz, line, column, expected) => {
    const altered = alterMrz(mrz, line, column, wrong(mrz.split('\n')[line]![column]!));
    expect(failures(altered)).toContain(expected);
  });

  it('a changed birth date without recomputing its digit is caught', () => {
    expect(failures(alterMrz(td1, 1, 5, '3'))).toContain('birth_date_check_digit');
  });

  it('nothing typed, garbage, a wrong line length, a visa or a residence permit', () => {
    expect(failures('')).toEqual(['mrz_missing']);
    expect(failures('   \n ')).toEqual(['mrz_missing']);
    expect(failures('Camille Lefèvre, CNI n° 123')).toEqual(['unreadable']);
    expect(failures(td1.slice(0, -3))).toEqual(['unreadable']);
    expect(failures(alterMrz(td3, 0, 0, 'V'))).toEqual(['unsupported_format']);
    expect(failures(alterMrz(td1, 0, 0, 'A'))).toEqual(['unsupported_format']);
  });
});

describe('compareWithRecord: names and birth date', () => {
  const docFor = (person: typeof camille) => read(td1Specimen(person, { expiry: '2031-05-01' }));

  it.each([
    ['identical', { birthName: 'Lefèvre', firstNames: 'Camille' }, []],
    ['all given names', { birthName: 'LEFEVRE', firstNames: 'Camille Marie' }, []],
    ['given names, comma-separated', { birthName: 'Lefevre', firstNames: 'Camille, Marie' }, []],
    ['another surname', { birthName: 'Lefort', firstNames: 'Camille' }, ['surname']],
    ['a longer surname is not a prefix match', { birthName: 'Lefèvre-Martin', firstNames: 'Camille' }, ['surname']],
    ['another first name', { birthName: 'Lefèvre', firstNames: 'Marie' }, ['given_names']],
    ['a first name that only starts the same', { birthName: 'Lefèvre', firstNames: 'Cami' }, ['given_names']],
    ['more names than the document', { birthName: 'Lefèvre', firstNames: 'Camille Marie Anne' }, ['given_names']],
  ])('%s', (_label, subject, expected) => {
    expect(compareWithRecord(docFor(camille), { usageName: null, birthDate: null, ...subject })).toEqual(expected);
  });

  it('matches the usage name when the document carries it', () => {
    const doc = docFor({ ...camille, surname: 'Dupont' });
    expect(compareWithRecord(doc, { ...record, usageName: 'Dupont', birthDate: null })).toEqual([]);
  });

  it('accents, hyphens, apostrophes and spaces fold the way the MRZ prints them', () => {
    const person = { surname: "D'Artagnan-Lévêque", givenNames: 'Jean-Noël Éloïse', birthDate: '1975-01-02' };
    const doc = docFor(person);
    expect(doc.surname).toBe('DARTAGNAN LEVEQUE');
    expect(compareWithRecord(doc, { birthName: "d’Artagnan Lévêque", usageName: null, firstNames: 'Jean Noël', birthDate: '1975-01-02' })).toEqual([]);
    // A state that turns the apostrophe into a filler: « D<ARTAGNAN ».
    const filler = read(td1Specimen({ ...person, surname: 'D Artagnan Leveque' }, { expiry: '2031-05-01' }));
    expect(compareWithRecord(filler, { birthName: "D'Artagnan-Lévêque", usageName: null, firstNames: 'Jean-Noël', birthDate: null })).toEqual([]);
    expect(foldName('Œuvray Ørsted')).toBe('OEUVRAY ORSTED');
  });

  it('German umlauts written AE/OE/UE match', () => {
    const doc = docFor({ ...camille, surname: 'Mueller', givenNames: 'Juergen' });
    expect(compareWithRecord(doc, { birthName: 'Müller', usageName: null, firstNames: 'Jürgen', birthDate: null })).toEqual([]);
  });

  it('truncated names: a full name zone may stop inside the record’s names, an unfilled one may not', () => {
    const long = { surname: 'De La Tour', givenNames: 'Marie-Bernadette Philippine', birthDate: '1980-04-12' };
    const doc = docFor(long);
    expect(doc).toMatchObject({ givenNamesTruncated: true, givenNames: 'MARIE BERNADETTE P' });
    expect(compareWithRecord(doc, { birthName: long.surname, usageName: null, firstNames: long.givenNames, birthDate: long.birthDate })).toEqual([]);
    const short = docFor(camille);
    expect(short.givenNamesTruncated).toBe(false);
    expect(compareWithRecord(short, { ...record, firstNames: 'Camille Marie-Louise' })).toEqual(['given_names']);
    const oldCard = read(frenchCardSpecimen({ surname: 'Lefèvre', givenNames: 'Marie-Christine Ange', birthDate: '1980-04-12' }, { issued: '2013-06-01' }));
    expect(oldCard.givenNamesTruncated).toBe(true);
    expect(compareWithRecord(oldCard, { ...record, firstNames: 'Marie-Christine Angélique' })).toEqual([]);
  });

  it('birth date: compared when the record has one', () => {
    const doc = docFor(camille);
    expect(compareWithRecord(doc, record)).toEqual([]);
    expect(compareWithRecord(doc, { ...record, birthDate: '1980-04-13' })).toEqual(['birth_date']);
    expect(compareWithRecord(doc, { ...record, birthDate: null })).toEqual([]);
  });

  it('the older card: names and birth date compared the same way', () => {
    const doc = read(frenchCardSpecimen(camille, { issued: '2013-06-01' }));
    expect(compareWithRecord(doc, record)).toEqual([]);
    expect(compareWithRecord(doc, { ...record, birthName: 'Martin', birthDate: '1981-04-12' })).toEqual(['surname', 'birth_date']);
  });
});
