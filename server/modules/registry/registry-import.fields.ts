import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { isDepartementCode } from '../../../contracts/departements.js';
import { DOCTOR_STATUSES, DOCTOR_STATUS_LABELS } from '../../../contracts/registry.schemas.js';
import type { IMPORT_LAYOUTS, TImportLineError, TRegistryImportReport } from '../../../contracts/registry-search-import.schemas.js';
import { isValidRpps } from '../../../contracts/rpps.js';
import { officialSpecialtyOr } from '../../../contracts/specialties.js';
import { zEmail } from '../../../contracts/zod.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { toSearchText } from './search-text.js';
import type { ImportEncoding, ImportSeparator } from './registry-import.csv.js';

// One value of an imported record, read and checked without I/O: shared by the two layouts the import
// reads (registry-import.parse.ts for Vigie's own columns, registry-import.rpps.ts for the public RPPS
// extraction), so a name, a phone or an RPPS number is held to the same rules whichever file brings it.

export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];

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
export type Field = Exclude<keyof ImportedDoctor, 'searchText'>;

export interface ParsedLine {
  /** Line in the file where the record starts (header = 1). */
  line: number;
  doctor: ImportedDoctor;
}

export type ParsedImport =
  | { ok: false; message: string }
  | {
      ok: true;
      layout: (typeof IMPORT_LAYOUTS)[number];
      encoding: ImportEncoding;
      separator: ImportSeparator;
      /** Data lines read (header and blank lines excluded). */
      lines: number;
      /** Doctors to import, skipped ones excluded (see the report's `doctors`). */
      doctors: number;
      /** Activity lines folded into a doctor begun earlier (RPPS layout). */
      merged: number;
      skipped: TRegistryImportReport['skipped'];
      /** The RPPS column's header as written in the file, for messages. */
      rppsColumn: string;
      valid: ParsedLine[];
      errors: ImportError[];
    };

export const NOTHING_SKIPPED: TRegistryImportReport['skipped'] = { professions: [], otherDepartement: { doctors: 0, lines: 0 }, noDepartement: { doctors: 0, lines: 0 } };

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

export function cleanText(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A département code as written (« 1 », « 2a », « 75 »), in its stored form, or null when there is none such. */
export function departementCode(value: string): string | null {
  // Spreadsheets drop the leading zero of « 01 ».
  const code = /^[0-9]$/.test(value) ? `0${value}` : value.toUpperCase();
  return isDepartementCode(code) ? code : null;
}

export type Check = { value: unknown } | { reason: string };

/** Reads one column's raw value into its stored form, or says what is wrong with it, in French. */
export function readField(field: Field, raw: string, today: string): Check {
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
      // A label naming an official specialty is stored as the list spells it (alerts target by it);
      // any other is kept as the file says: the register must not lose a qualification it does not know.
      return value.length > 120 ? { reason: '120 caractères au plus.' } : { value: officialSpecialtyOr(value) };
    case 'departement': {
      if (!value) return { reason: 'code département manquant.' };
      const code = departementCode(value);
      return code ? { value: code } : { reason: `code département « ${value.slice(0, 10)} » inconnu : 01 à 95, 2A, 2B, 971 à 976.` };
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

/**
 * A rejected line as reported, and the doctor it belongs to: `record` is that doctor's first line, so
 * that rejected doctors are counted once when several of their lines carry errors (RPPS layout).
 */
export interface ImportError extends TImportLineError {
  record: number;
}

export function lineError(line: number, column: string | null, reason: string, record = line): ImportError {
  return { line, column, message: column ? `Ligne ${line}, colonne « ${column} » : ${reason}` : `Ligne ${line} : ${reason}`, record };
}

/** The record as stored, search text computed; a usage name equal to the birth name is dropped. */
export function toDoctor(values: Partial<Record<Field, unknown>>): ImportedDoctor {
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
