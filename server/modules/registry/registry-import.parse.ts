import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { isDepartementCode } from '../../../contracts/departements.js';
import { DOCTOR_STATUSES, DOCTOR_STATUS_LABELS } from '../../../contracts/registry.schemas.js';
import { MAX_IMPORT_LINES, type TImportLineError } from '../../../contracts/registry-search-import.schemas.js';
import { isValidRpps } from '../../../contracts/rpps.js';
import { zEmail } from '../../../contracts/zod.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { toSearchText } from './search-text.js';
import { decodeImportFile, detectSeparator, splitRecords, type ImportEncoding, type ImportSeparator } from './registry-import.csv.js';

// The registry CSV format (docs/registry-import.md), read and checked without I/O: bytes in, valid
// records and French rejection reasons out. The service adds what needs the database (RPPS already
// registered) and writes.

type DoctorStatus = (typeof DOCTOR_STATUSES)[number];

/** A record ready to insert: trimmed, normalised (E.164 phones, lower-case emails), search text set. */
export interface ImportedDoctor {
  rpps: string;
  birthName: string;
  usageName: string | null;
  firstNames: string;
  /** ISO date; compared with the identity document at the counter (docs/identity-checks.md). */
  birthDate: string | null;
  specialty: string;
  departement: string;
  status: DoctorStatus;
  /** ISO date; kept in the record's history (the register has no column for it yet). */
  registeredOn: string | null;
  proAddress: string;
  proPostalCode: string;
  proCity: string;
  proPhone: string | null;
  proEmail: string | null;
  corrAddress: string;
  corrPostalCode: string;
  corrCity: string;
  corrPhone: string | null;
  corrEmail: string | null;
  searchText: string;
}
type Field = Exclude<keyof ImportedDoctor, 'searchText'>;

export interface ParsedLine {
  /** Line in the file where the record starts (header = 1). */
  line: number;
  doctor: ImportedDoctor;
}

export type ParsedImport =
  | { ok: false; message: string }
  | {
      ok: true;
      encoding: ImportEncoding;
      separator: ImportSeparator;
      /** Data lines read (header and blank lines excluded). */
      lines: number;
      /** The RPPS column's header as written in the file, for messages. */
      rppsColumn: string;
      valid: ParsedLine[];
      errors: TImportLineError[];
    };

interface ColumnSpec {
  field: Field;
  header: string;
  aliases: string[];
  required: boolean;
}

/** The documented columns: French headers, in any order; aliases are the Annuaire Santé extract's names. */
export const IMPORT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'rpps', header: 'Identifiant PP', aliases: ['Numéro RPPS', 'N° RPPS', 'RPPS'], required: true },
  { field: 'birthName', header: 'Nom de naissance', aliases: [], required: true },
  { field: 'usageName', header: "Nom d'exercice", aliases: ["Nom d'usage"], required: false },
  { field: 'firstNames', header: 'Prénoms', aliases: ["Prénom d'exercice", 'Prénom'], required: true },
  { field: 'birthDate', header: 'Date de naissance', aliases: [], required: false },
  { field: 'specialty', header: 'Libellé savoir-faire', aliases: ['Spécialité'], required: false },
  { field: 'departement', header: 'Code département', aliases: ["Département d'inscription", 'Département'], required: true },
  { field: 'status', header: 'Statut', aliases: ['Situation'], required: true },
  { field: 'registeredOn', header: "Date d'inscription", aliases: [], required: false },
  { field: 'proAddress', header: "Adresse d'exercice", aliases: [], required: false },
  { field: 'proPostalCode', header: "Code postal d'exercice", aliases: ['Code postal (coord. structure)'], required: false },
  { field: 'proCity', header: "Commune d'exercice", aliases: ['Libellé commune (coord. structure)'], required: false },
  { field: 'proPhone', header: "Téléphone d'exercice", aliases: ['Téléphone (coord. structure)'], required: false },
  { field: 'proEmail', header: "Adresse e-mail d'exercice", aliases: ['Adresse e-mail (coord. structure)'], required: false },
  { field: 'corrAddress', header: 'Adresse de correspondance', aliases: [], required: false },
  { field: 'corrPostalCode', header: 'Code postal de correspondance', aliases: [], required: false },
  { field: 'corrCity', header: 'Commune de correspondance', aliases: [], required: false },
  { field: 'corrPhone', header: 'Téléphone de correspondance', aliases: [], required: false },
  { field: 'corrEmail', header: 'Adresse e-mail de correspondance', aliases: [], required: false },
];
const COLUMN_BY_FOLDED_NAME = new Map(IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((name) => [foldForSearch(name), c] as const)));
const ACCEPTED_HEADERS = IMPORT_COLUMNS.map((c) => `« ${c.header} »`).join(', ');

const STATUS_BY_FOLDED_LABEL = new Map<string, DoctorStatus>([
  ...DOCTOR_STATUSES.map((s) => [foldForSearch(s), s] as const),
  ...DOCTOR_STATUSES.map((s) => [foldForSearch(DOCTOR_STATUS_LABELS[s]), s] as const),
  ['inscrite', 'inscrit'], ['inscrit au tableau', 'inscrit'], ['suspendue', 'suspendu'], ['radiee', 'radie'], ['transferee', 'transfere'],
  ['etudiant 3e cycle', 'etudiant_3e_cycle'], ['etudiante 3e cycle', 'etudiant_3e_cycle'], ['etudiante de 3e cycle', 'etudiant_3e_cycle'],
  ['etudiant 3eme cycle', 'etudiant_3e_cycle'], ['etudiant de troisieme cycle', 'etudiant_3e_cycle'], ['docteur junior', 'etudiant_3e_cycle'],
]);

// Overseas numbers are dialled from France with a French-looking 0: without this, « 0262 … » (La
// Réunion) would read as a mainland 02 number.
const OVERSEAS_PREFIXES: [string, CountryCode][] = [
  ['0590', 'GP'], ['0690', 'GP'], ['0691', 'GP'], ['0596', 'MQ'], ['0696', 'MQ'], ['0697', 'MQ'], ['0594', 'GF'], ['0694', 'GF'],
  ['0262', 'RE'], ['0263', 'RE'], ['0692', 'RE'], ['0693', 'RE'], ['0269', 'YT'], ['0639', 'YT'], ['0508', 'PM'],
];

/** A phone number as people write it, in E.164, or null when it is not a valid number. */
export function phoneToE164(value: string): string | null {
  const compact = value.replace(/[\s.\-()/]/g, '');
  if (!/^(\+|00)?[0-9]{6,15}$/.test(compact)) return null;
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const region = OVERSEAS_PREFIXES.find(([prefix]) => international.startsWith(prefix))?.[1] ?? 'FR';
  const parsed = parsePhoneNumberFromString(international, region);
  return parsed?.isValid() ? parsed.number : null;
}

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' ’.-]*$/u;

function cleanText(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

type Check = { value: unknown } | { reason: string };

/** Reads one column's raw value into its stored form, or says what is wrong with it, in French. */
function readField(field: Field, raw: string, today: string): Check {
  const value = cleanText(raw);
  switch (field) {
    case 'rpps': {
      const digits = value.replace(/ /g, '');
      if (!digits) return { reason: 'numéro RPPS manquant.' };
      if (/e\+?\d/i.test(digits)) return { reason: `le tableur a transformé le numéro en nombre (« ${digits} ») : formatez la colonne en texte et exportez de nouveau.` };
      if (!/^[0-9]{11}$/.test(digits)) return { reason: `un numéro RPPS compte 11 chiffres (reçu « ${digits.slice(0, 20)} »).` };
      if (!isValidRpps(digits)) return { reason: `numéro RPPS ${digits} invalide : la clé de contrôle (dernier chiffre) ne correspond pas. Vérifiez le numéro dans l’Annuaire Santé.` };
      return { value: digits };
    }
    case 'birthName':
    case 'firstNames':
    case 'usageName': {
      if (!value) return field === 'usageName' ? { value: null } : { reason: 'valeur obligatoire manquante.' };
      const max = field === 'firstNames' ? 150 : 100;
      if (value.length > max) return { reason: `${max} caractères au plus.` };
      if (!NAME.test(value)) return { reason: 'seuls les lettres, espaces, traits d’union, apostrophes et points sont acceptés (pas de chiffres ni de symboles).' };
      return { value };
    }
    case 'specialty':
      return value.length > 120 ? { reason: '120 caractères au plus.' } : { value };
    case 'departement': {
      // Spreadsheets drop the leading zero of « 01 ».
      const code = /^[0-9]$/.test(value) ? `0${value}` : value.toUpperCase();
      if (!value) return { reason: 'code département manquant.' };
      return isDepartementCode(code) ? { value: code } : { reason: `code département « ${value.slice(0, 10)} » inconnu : 01 à 95, 2A, 2B, 971 à 976.` };
    }
    case 'status': {
      const status = STATUS_BY_FOLDED_LABEL.get(foldForSearch(value));
      if (status) return { value: status };
      return { reason: `${value ? `statut « ${value.slice(0, 40)} » inconnu` : 'statut manquant'} : indiquez inscrit, suspendu, radié, transféré ou étudiant 3e cycle.` };
    }
    case 'birthDate':
    case 'registeredOn': {
      if (!value) return { value: null };
      const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = fr ? isoDate(+fr[3]!, +fr[2]!, +fr[1]!) : iso ? isoDate(+iso[1]!, +iso[2]!, +iso[3]!) : undefined;
      if (date === undefined) return { reason: `date « ${value.slice(0, 20)} » illisible : écrivez-la JJ/MM/AAAA (par exemple 01/09/2015).` };
      if (date === null) return { reason: `la date « ${value} » n’existe pas (jour ou mois impossible).` };
      if (date < '1900-01-01' || date > today) return { reason: `la date « ${value} » est ${date > today ? 'dans le futur' : 'antérieure à 1900'}.` };
      return { value: date };
    }
    case 'proPostalCode':
    case 'corrPostalCode': {
      if (!value) return { value: '' };
      // Spreadsheets drop the leading zero of « 01000 ».
      const code = /^[0-9]{4}$/.test(value) ? `0${value}` : value.replace(/ /g, '');
      return /^[0-9]{5}$/.test(code) ? { value: code } : { reason: `code postal « ${value.slice(0, 12)} » invalide : 5 chiffres attendus (par exemple 75015).` };
    }
    case 'proAddress':
    case 'corrAddress':
      return value.length > 300 ? { reason: '300 caractères au plus.' } : { value };
    case 'proCity':
    case 'corrCity':
      return value.length > 100 ? { reason: '100 caractères au plus.' } : { value };
    case 'proEmail':
    case 'corrEmail': {
      if (!value) return { value: null };
      const parsed = zEmail.safeParse(value);
      return parsed.success ? { value: parsed.data } : { reason: 'adresse e-mail invalide : attendu une adresse complète, par exemple prenom.nom@exemple.fr.' };
    }
    case 'proPhone':
    case 'corrPhone': {
      if (!value) return { value: null };
      const e164 = phoneToE164(value);
      return e164 ? { value: e164 } : { reason: 'numéro de téléphone invalide : indiquez 10 chiffres (01 23 45 67 89) ou le format international (+33 1 23 45 67 89).' };
    }
  }
}

export interface ParseOptions {
  /** A departmental importer may only bring records of its own département; null = national. */
  scopeDepartement: string | null;
  /** Today, ISO (no clock in here): a registration date cannot be later. */
  today: string;
}

function lineError(line: number, column: string | null, reason: string): TImportLineError {
  return { line, column, message: column ? `Ligne ${line}, colonne « ${column} » : ${reason}` : `Ligne ${line} : ${reason}` };
}

/**
 * Reads a registry CSV file: encoding, separator, header, then every line. File-level problems (not a
 * text file, wrong separator, unknown or missing column, too many lines) refuse the whole file; line
 * problems are listed per line and column, and the line is left out of `valid`. Duplicated RPPS
 * numbers reject every line that carries them.
 */
export function parseRegistryCsv(bytes: Uint8Array, options: ParseOptions): ParsedImport {
  const decoded = decodeImportFile(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded;
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const detected = detectSeparator(firstLine);
  if (!detected.ok) return detected;
  const { separator } = detected;
  const split = splitRecords(text, separator);
  if (!split.ok) return split;
  const [header, ...records] = split.records;
  if (!header) return { ok: false, message: 'Le fichier est vide.' };

  const headers = header.fields.map(cleanText);
  const columns: (ColumnSpec | undefined)[] = headers.map((h) => COLUMN_BY_FOLDED_NAME.get(foldForSearch(h)));
  const unknown = headers.flatMap((h, i) => (columns[i] ? [] : [h ? `« ${h.slice(0, 60)} »` : `la colonne n° ${i + 1}, sans en-tête`]));
  if (unknown.length) {
    return { ok: false, message: `Colonne${unknown.length > 1 ? 's' : ''} inconnue${unknown.length > 1 ? 's' : ''} (ligne 1) : ${unknown.join(', ')}. Colonnes acceptées : ${ACCEPTED_HEADERS}.` };
  }
  const seen = new Map<Field, string>();
  for (const [i, c] of columns.entries()) {
    if (seen.has(c!.field)) return { ok: false, message: `Les colonnes « ${seen.get(c!.field)} » et « ${headers[i]} » (ligne 1) désignent la même information : gardez-en une seule.` };
    seen.set(c!.field, headers[i]!);
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.field));
  if (missing.length) return { ok: false, message: `Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} (ligne 1) : ${missing.map((c) => `« ${c.header} »`).join(', ')}.` };

  const dataRecords = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (dataRecords.length === 0) return { ok: false, message: 'Le fichier ne contient que la ligne d’en-tête : aucune ligne à importer.' };
  if (dataRecords.length > MAX_IMPORT_LINES) return { ok: false, message: `Le fichier compte ${dataRecords.length} lignes : ${MAX_IMPORT_LINES} au plus par import. Découpez-le (par exemple par département).` };

  const errors: TImportLineError[] = [];
  const candidates: ParsedLine[] = [];
  for (const record of dataRecords) {
    if (record.problem) {
      errors.push(lineError(record.line, null, record.problem));
      continue;
    }
    if (record.fields.length !== headers.length) {
      errors.push(lineError(record.line, null, `${record.fields.length} colonnes au lieu de ${headers.length} : vérifiez les séparateurs « ${separator} » (une valeur qui en contient se met entre guillemets).`));
      continue;
    }
    const values: Partial<Record<Field, unknown>> = {};
    let lineOk = true;
    for (const [i, column] of columns.entries()) {
      const check = readField(column!.field, record.fields[i]!, options.today);
      if ('reason' in check) {
        errors.push(lineError(record.line, headers[i]!, check.reason));
        lineOk = false;
      } else values[column!.field] = check.value;
    }
    if (lineOk && options.scopeDepartement !== null && values.departement !== options.scopeDepartement) {
      errors.push(lineError(record.line, seen.get('departement')!, `votre compte est rattaché au département ${options.scopeDepartement} ; cette ligne (département ${values.departement as string}) doit être importée par son conseil départemental ou au niveau national. Retirez-la du fichier.`));
      lineOk = false;
    }
    if (lineOk) candidates.push({ line: record.line, doctor: toDoctor(values) });
  }

  // The same RPPS twice: which line is right cannot be told, so neither goes in.
  const linesByRpps = new Map<string, number[]>();
  for (const c of candidates) linesByRpps.set(c.doctor.rpps, [...(linesByRpps.get(c.doctor.rpps) ?? []), c.line]);
  const valid: ParsedLine[] = [];
  for (const c of candidates) {
    const others = linesByRpps.get(c.doctor.rpps)!.filter((l) => l !== c.line);
    if (others.length === 0) valid.push(c);
    else errors.push(lineError(c.line, seen.get('rpps')!, `le numéro RPPS ${c.doctor.rpps} figure aussi ligne${others.length > 1 ? 's' : ''} ${others.join(', ')} : une seule ligne par médecin. Gardez la bonne et supprimez les autres.`));
  }
  errors.sort((a, b) => a.line - b.line);
  return { ok: true, encoding, separator, lines: dataRecords.length, rppsColumn: seen.get('rpps')!, valid, errors };
}

function toDoctor(values: Partial<Record<Field, unknown>>): ImportedDoctor {
  const text = (f: Field) => (values[f] as string | undefined) ?? '';
  const nullable = (f: Field) => (values[f] as string | null | undefined) ?? null;
  const birthName = text('birthName');
  const usage = nullable('usageName');
  const doctor: Omit<ImportedDoctor, 'searchText'> = {
    rpps: text('rpps'),
    birthName,
    // A usage name equal to the birth name says nothing more.
    usageName: usage && foldForSearch(usage) !== foldForSearch(birthName) ? usage : null,
    firstNames: text('firstNames'),
    birthDate: nullable('birthDate'),
    specialty: text('specialty'),
    departement: text('departement'),
    status: values.status as DoctorStatus,
    registeredOn: nullable('registeredOn'),
    proAddress: text('proAddress'),
    proPostalCode: text('proPostalCode'),
    proCity: text('proCity'),
    proPhone: nullable('proPhone'),
    proEmail: nullable('proEmail'),
    corrAddress: text('corrAddress'),
    corrPostalCode: text('corrPostalCode'),
    corrCity: text('corrCity'),
    corrPhone: nullable('corrPhone'),
    corrEmail: nullable('corrEmail'),
  };
  return { ...doctor, searchText: toSearchText(doctor) };
}

/** Rejects the lines whose RPPS is already in the register (an import only adds records). */
export function rejectRegistered(parsed: { valid: ParsedLine[]; errors: TImportLineError[]; rppsColumn: string }, registered: ReadonlySet<string>): void {
  const kept: ParsedLine[] = [];
  for (const line of parsed.valid) {
    if (!registered.has(line.doctor.rpps)) kept.push(line);
    else parsed.errors.push(registeredError(line, parsed.rppsColumn));
  }
  parsed.valid = kept;
  parsed.errors.sort((a, b) => a.line - b.line);
}

export function registeredError(line: ParsedLine, rppsColumn: string): TImportLineError {
  return lineError(line.line, rppsColumn, `le numéro RPPS ${line.doctor.rpps} est déjà inscrit au registre : un import ne fait qu’ajouter des fiches ; une fiche existante se modifie par une demande de changement. Retirez la ligne.`);
}
