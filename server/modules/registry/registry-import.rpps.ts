import { MAX_IMPORT_RPPS_DOCTORS, type TRegistryImportReport } from '../../../contracts/registry-search-import.schemas.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { splitRecords, type ImportEncoding, type ImportSeparator, type RawRecord } from './registry-import.csv.js';
import {
  cleanText,
  departementCode,
  lineError,
  readField,
  toDoctor,
  type Field,
  type ImportError,
  type ParseOptions,
  type ParsedImport,
  type ParsedLine,
} from './registry-import.fields.js';

// The public RPPS extraction « PS_LibreAcces_Personne_activite » (Annuaire Santé), read as published:
// one line per activity of a health professional (a doctor with two practices, or two savoir-faire, is
// on several lines), `|` between values and after the last one, no quoting. Only doctors are kept; their
// lines are merged into one record each. The mapping is documented in docs/registry-import.md.

type Role =
  | 'idType' | 'id' | 'nationalId' | 'lastName' | 'firstName' | 'civility' | 'exerciseCivility'
  | 'professionCode' | 'professionLabel' | 'skillTypeCode' | 'skillTypeLabel' | 'skillLabel'
  | 'streetNumber' | 'streetIndex' | 'streetTypeCode' | 'streetTypeLabel' | 'streetName' | 'place' | 'distribution'
  | 'cedex' | 'postalCode' | 'communeCode' | 'city' | 'countryCode' | 'phone' | 'phone2' | 'email' | 'departement';

/**
 * The columns Vigie reads, by their names in the published header (first name) and in other vintages.
 * Names are compared folded, without « de », « d' », « du », « coord. »: « Libellé civilité exercice »
 * is « Libellé civilité d'exercice », « Code département (coord. structure) » is « Code Département
 * (structure) ». Every other column is ignored.
 */
export const RPPS_COLUMNS: Record<Role, readonly string[]> = {
  idType: ["Type d'identifiant PP"],
  id: ['Identifiant PP'],
  nationalId: ['Identification nationale PP'],
  // Read for the mapping's sake only: the register has no civility field (docs/registry-import.md).
  exerciseCivility: ["Libellé civilité d'exercice"],
  civility: ['Libellé civilité'],
  lastName: ["Nom d'exercice"],
  firstName: ["Prénom d'exercice"],
  professionCode: ['Code profession'],
  professionLabel: ['Libellé profession'],
  skillTypeCode: ['Code type savoir-faire'],
  skillTypeLabel: ['Libellé type savoir-faire'],
  skillLabel: ['Libellé savoir-faire'],
  streetNumber: ['Numéro Voie (coord. structure)'],
  streetIndex: ['Indice répétition voie (coord. structure)'],
  streetTypeCode: ['Code type de voie (coord. structure)'],
  streetTypeLabel: ['Libellé type de voie (coord. structure)'],
  streetName: ['Libellé Voie (coord. structure)'],
  place: ['Complément point géographique (coord. structure)'],
  distribution: ['Mention distribution (coord. structure)'],
  cedex: ['Bureau cedex (coord. structure)'],
  postalCode: ['Code postal (coord. structure)'],
  communeCode: ['Code commune (coord. structure)'],
  city: ['Libellé commune (coord. structure)'],
  countryCode: ['Code pays (coord. structure)'],
  phone: ['Téléphone (coord. structure)'],
  phone2: ['Téléphone 2 (coord. structure)'],
  email: ['Adresse e-mail (coord. structure)'],
  departement: ['Code Département (structure)', 'Code département (coord. structure)'],
};

const NOISE_WORDS = new Set(['d', 'de', 'du', 'des', 'l', 'la', 'le', 'coord']);
function columnKey(name: string): string {
  return foldForSearch(name).split(' ').filter((w) => !NOISE_WORDS.has(w)).join(' ');
}
const ROLE_BY_KEY = new Map(Object.entries(RPPS_COLUMNS).flatMap(([role, names]) => names.map((n) => [columnKey(n), role as Role] as const)));

/** « Code profession » of doctors in the RPPS nomenclature (TRE_G15-ProfessionSante). */
export const MEDECIN_PROFESSION_CODE = '10';
/** France in the INSEE country codes (« Code pays »); an empty code is France too. */
const FRANCE = '99100';

/** The public extraction is told by two columns no file in Vigie's own layout has. */
export function isRppsLayout(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(columnKey));
  return keys.has(columnKey('Identification nationale PP')) && keys.has(columnKey('Code profession'));
}

/** Département of a postal code: its first two digits, Corsica by range, overseas by three digits. */
export function departementOfPostalCode(postalCode: string): string | null {
  const code = /^[0-9]{4}$/.test(postalCode) ? `0${postalCode}` : postalCode;
  if (!/^[0-9]{5}$/.test(code)) return null;
  // 975xx is Saint-Pierre-et-Miquelon; 977xx and 978xx are 971 postal codes (Saint-Barthélemy 97133, Saint-Martin 97150).
  if (code.startsWith('97')) return departementCode(code.slice(0, 3));
  // Corsica kept the postal codes of the single département 20: 200xx and 201xx are Corse-du-Sud, 202xx and 206xx Haute-Corse.
  if (code.startsWith('20')) return code[2] === '0' || code[2] === '1' ? '2A' : code[2] === '2' || code[2] === '6' ? '2B' : null;
  return code.startsWith('00') ? null : departementCode(code.slice(0, 2));
}

/** Département of an INSEE commune code: 2A004 → 2A, 97411 → 974, 75056 → 75. */
export function departementOfCommuneCode(communeCode: string): string | null {
  const code = communeCode.toUpperCase();
  if (/^2[AB][0-9]{3}$/.test(code)) return code.slice(0, 2);
  if (!/^[0-9]{5}$/.test(code)) return null;
  return departementCode(code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));
}

/**
 * Where an activity is: « Code Département (structure) » when filled with a known code; otherwise the
 * commune code, which names the commune itself; otherwise the postal code, which names the delivering
 * post office (it may lie in the next département); none for an address abroad.
 */
export function departementOfActivity(a: { departement: string; communeCode: string; postalCode: string; countryCode: string }): string | null {
  if (a.countryCode && a.countryCode !== FRANCE) return null;
  return (a.departement && departementCode(a.departement)) || departementOfCommuneCode(a.communeCode) || departementOfPostalCode(a.postalCode);
}

/** One line per `\n`, values split at each separator: the published file quotes nothing. */
function* plainRecords(text: string, separator: ImportSeparator): Generator<RawRecord> {
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    yield { line, fields: text.slice(start, text.charCodeAt(end - 1) === 0x0d && end > start ? end - 1 : end).split(separator) };
    start = end + 1;
  }
}

interface Sourced {
  value: string;
  line: number;
}

/** The activity giving the record its département, address and professional contact details. */
interface MainActivity {
  line: number;
  departement: string;
  address: string;
  postalCode: Sourced & { column: Role };
  city: string;
  phone: Sourced & { column: Role };
  email: string;
}

/** A doctor's lines read so far, in the order of the file. */
interface PendingDoctor {
  rpps: string;
  firstLine: number;
  lines: number;
  lastName?: Sourced;
  firstName?: Sourced;
  specialty?: Sourced;
  main?: MainActivity;
}

type Skipped = TRegistryImportReport['skipped'];

/**
 * Reads the public RPPS extraction: maps its columns (any other ignored), keeps the doctors' lines
 * (other professions counted by profession), merges each doctor's lines (first non-empty name and
 * specialty; département, address and contact details of the first activity located in France), then
 * leaves out doctors of another département than a departmental importer's and doctors with no
 * activity located in France, counted. File-level problems refuse the file as in Vigie's layout.
 */
export function parseRppsExtract(text: string, encoding: ImportEncoding, separator: ImportSeparator, options: ParseOptions): ParsedImport {
  let records: Iterable<RawRecord>;
  if (separator === '|') records = plainRecords(text, separator);
  else {
    // Saved again by a spreadsheet, with « ; »: values may then be quoted.
    const split = splitRecords(text, separator);
    if (!split.ok) return split;
    records = split.records;
  }
  const iterator = records[Symbol.iterator]();
  const first = iterator.next();
  const header = first.done ? [] : first.value.fields.map(cleanText);

  const at: Partial<Record<Role, number>> = {};
  for (const [i, name] of header.entries()) {
    const role = ROLE_BY_KEY.get(columnKey(name));
    if (!role) continue;
    if (at[role] !== undefined) return { ok: false, message: `Les colonnes « ${header[at[role]]} » et « ${name} » (ligne 1) désignent la même information : gardez-en une seule.` };
    at[role] = i;
  }
  const missing = (['lastName', 'firstName'] as const).filter((r) => at[r] === undefined);
  if (missing.length) return { ok: false, message: `Extraction RPPS : colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} (ligne 1) : ${missing.map((r) => `« ${RPPS_COLUMNS[r][0]} »`).join(', ')}.` };
  if (at.departement === undefined && at.postalCode === undefined && at.communeCode === undefined && at.cedex === undefined) {
    return { ok: false, message: 'Extraction RPPS : aucune colonne ne situe les activités (ligne 1) : il faut « Code Département (structure) », « Code postal (coord. structure) » ou « Code commune (coord. structure) ».' };
  }
  const columnName = (role: Role) => (at[role] === undefined ? RPPS_COLUMNS[role][0]! : header[at[role]]!);
  const rppsColumn = columnName(at.id !== undefined ? 'id' : 'nationalId');
  // The published header and lines end with `|`, which makes one more, empty value: a line with or without it is whole.
  const trailing = header.length > 1 && header.at(-1) === '';
  const columns = trailing ? header.length - 1 : header.length;
  const whole = (fields: string[]) => fields.length === columns || (fields.length === columns + 1 && fields[columns]!.trim() === '');

  let lines = 0;
  let unreadable = 0;
  const errors: ImportError[] = [];
  const professions = new Map<string, { code: string; label: string; lines: number }>();
  const pending = new Map<string, PendingDoctor>();

  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const { line, fields, problem } = next.value;
    if (fields.every((f) => f.trim() === '')) continue;
    lines++;
    if (problem || !whole(fields)) {
      unreadable++;
      errors.push(lineError(line, null, problem ?? `${fields.length} valeurs au lieu de ${columns} : la ligne est coupée ou contient un « ${separator} » de trop. Reprenez-la depuis l’extraction d’origine.`));
      continue;
    }
    const value = (role: Role) => {
      const i = at[role];
      return i === undefined ? '' : fields[i]!.trim();
    };

    const professionCode = value('professionCode');
    if (professionCode !== MEDECIN_PROFESSION_CODE && !(professionCode === '' && foldForSearch(value('professionLabel')) === 'medecin')) {
      const key = `${professionCode}|${value('professionLabel')}`;
      const counted = professions.get(key) ?? { code: professionCode, label: value('professionLabel'), lines: 0 };
      counted.lines++;
      professions.set(key, counted);
      continue;
    }

    const rpps = rppsOf(value('idType'), value('id'), value('nationalId'));
    if ('reason' in rpps) {
      unreadable++;
      errors.push(lineError(line, rppsColumn, rpps.reason));
      continue;
    }
    let doctor = pending.get(rpps.value);
    if (!doctor) pending.set(rpps.value, (doctor = { rpps: rpps.value, firstLine: line, lines: 0 }));
    doctor.lines++;
    if (!doctor.lastName && value('lastName')) doctor.lastName = { value: value('lastName'), line };
    if (!doctor.firstName && value('firstName')) doctor.firstName = { value: value('firstName'), line };
    if (!doctor.specialty && value('skillLabel') && isSpecialty(value('skillTypeCode'), value('skillTypeLabel'))) doctor.specialty = { value: value('skillLabel'), line };
    if (!doctor.main) doctor.main = mainActivity(value, line);
  }

  const skipped: Skipped = {
    professions: [...professions.values()].sort((a, b) => b.lines - a.lines || a.code.localeCompare(b.code)),
    otherDepartement: { doctors: 0, lines: 0 },
    noDepartement: { doctors: 0, lines: 0 },
  };
  const kept: PendingDoctor[] = [];
  let merged = 0;
  for (const doctor of pending.values()) {
    const departement = doctor.main?.departement;
    const skip = !departement ? skipped.noDepartement : options.scopeDepartement !== null && departement !== options.scopeDepartement ? skipped.otherDepartement : null;
    if (skip) {
      skip.doctors++;
      skip.lines += doctor.lines;
      continue;
    }
    kept.push(doctor);
    merged += doctor.lines - 1;
  }
  if (kept.length > MAX_IMPORT_RPPS_DOCTORS) {
    return { ok: false, message: `Le fichier compte ${kept.length} médecins à importer : ${MAX_IMPORT_RPPS_DOCTORS} au plus par import. Découpez-le (par exemple par département).` };
  }
  if (kept.length === 0 && unreadable === 0) {
    return { ok: false, message: lines === 0 ? 'Le fichier ne contient que la ligne d’en-tête : aucune ligne à importer.' : `Aucun médecin à importer dans ce fichier (${lines} lignes lues : ${describeSkips(skipped)}).` };
  }

  const valid: ParsedLine[] = [];
  for (const doctor of kept) {
    const read = toRecord(doctor, columnName, options.today);
    if ('errors' in read) errors.push(...read.errors);
    else valid.push({ line: doctor.firstLine, doctor: read.doctor });
  }
  errors.sort((a, b) => a.line - b.line);
  return { ok: true, layout: 'rpps_personne_activite', encoding, separator, lines, doctors: kept.length + unreadable, merged, skipped, rppsColumn, valid, errors };
}

/**
 * The RPPS number of a line: « Identifiant PP » when it is one (11 digits), else « Identification
 * nationale PP » without its leading 8 (the RPPS type); an ADELI-only practitioner has none.
 */
function rppsOf(idType: string, id: string, nationalId: string): { value: string } | { reason: string } {
  const compactId = id.replace(/ /g, '');
  const national = nationalId.replace(/ /g, '');
  if (/^[0-9]{11}$/.test(compactId)) return readRpps(compactId);
  if (/^8[0-9]{11}$/.test(national)) return readRpps(national.slice(1));
  if (idType === '0' || /^0[0-9]{9}$/.test(national)) {
    return { reason: `seul un numéro ADELI identifie cette personne (« ${(national || compactId).slice(0, 20)} ») : le registre des médecins demande le numéro RPPS (11 chiffres).` };
  }
  return readRpps(compactId || national);
}

function readRpps(raw: string): { value: string } | { reason: string } {
  const check = readField('rpps', raw, '');
  return 'reason' in check ? check : { value: check.value as string };
}

/** « S », « Spécialité ordinale »: the savoir-faire that is the doctor's specialty (not a competence, capacity or DESC). */
function isSpecialty(typeCode: string, typeLabel: string): boolean {
  return typeCode.toUpperCase() === 'S' || foldForSearch(typeLabel).startsWith('specialite');
}

/** « Indice répétition voie » as the RPPS codes it. */
const STREET_INDEX: Record<string, string> = { B: 'BIS', T: 'TER', Q: 'QUATER', C: 'QUINQUIES' };

/** The activity of this line when it can be located in France, as the record would hold it. */
function mainActivity(value: (role: Role) => string, line: number): MainActivity | undefined {
  // « 69441 LYON CEDEX 03 »: the postal code and the city when the structure only has a CEDEX.
  const cedex = /^([0-9]{5})\s+(.*)$/.exec(value('cedex'));
  const postalCode = value('postalCode') ? { value: value('postalCode'), line, column: 'postalCode' as const } : { value: cedex?.[1] ?? '', line, column: 'cedex' as const };
  const departement = departementOfActivity({ departement: value('departement'), communeCode: value('communeCode'), postalCode: postalCode.value, countryCode: value('countryCode') });
  if (!departement) return undefined;
  const name = value('streetName');
  const index = value('streetIndex');
  const type = value('streetTypeLabel') || value('streetTypeCode');
  // « 3 B Boulevard HAUSSMANN » is written « 3 BIS BOULEVARD HAUSSMANN », in the case of the street name.
  const upper = name !== '' && name === name.toUpperCase();
  const street = [value('streetNumber'), STREET_INDEX[index.toUpperCase()] ?? index, upper ? type.toUpperCase() : type, name].filter(Boolean).join(' ');
  return {
    line,
    departement,
    address: [value('place'), street, value('distribution')].filter(Boolean).join(', '),
    postalCode,
    city: value('city') || (cedex?.[2] ?? ''),
    phone: value('phone') ? { value: value('phone'), line, column: 'phone' } : { value: value('phone2'), line, column: 'phone2' },
    email: value('email'),
  };
}

/** The merged doctor checked value by value; errors name the line each value comes from. */
function toRecord(doctor: PendingDoctor, columnName: (role: Role) => string, today: string): { doctor: ParsedLine['doctor'] } | { errors: ImportError[] } {
  const main = doctor.main!;
  const values: Partial<Record<Field, unknown>> = { rpps: doctor.rpps, departement: main.departement, status: 'inscrit', usageName: null };
  const errors: ImportError[] = [];
  const read = (field: Field, raw: string, line: number, role: Role) => {
    const check = readField(field, raw, today);
    if ('reason' in check) errors.push(lineError(line, columnName(role), check.reason, doctor.firstLine));
    else values[field] = check.value;
  };
  // The extraction has no birth name: the name the doctor practises under stands for it (docs/registry-import.md).
  read('birthName', doctor.lastName?.value ?? '', doctor.lastName?.line ?? doctor.firstLine, 'lastName');
  read('firstNames', doctor.firstName?.value ?? '', doctor.firstName?.line ?? doctor.firstLine, 'firstName');
  if (doctor.specialty) read('specialty', doctor.specialty.value, doctor.specialty.line, 'skillLabel');
  read('proAddress', main.address, main.line, 'streetName');
  read('proPostalCode', main.postalCode.value, main.line, main.postalCode.column);
  read('proCity', main.city, main.line, 'city');
  read('proPhone', main.phone.value, main.line, main.phone.column);
  read('proEmail', main.email, main.line, 'email');
  return errors.length ? { errors } : { doctor: toDoctor(values) };
}

function describeSkips(skipped: Skipped): string {
  const parts = [
    ...skipped.professions.map((p) => `${p.label || `profession ${p.code || 'non renseignée'}`} : ${p.lines}`),
    ...(skipped.otherDepartement.lines ? [`médecins d’un autre département : ${skipped.otherDepartement.lines}`] : []),
    ...(skipped.noDepartement.lines ? [`médecins sans activité située en France : ${skipped.noDepartement.lines}`] : []),
  ];
  return parts.join(', ');
}
