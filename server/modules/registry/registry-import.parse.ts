import { MAX_IMPORT_LINES } from '../../../contracts/registry-search-import.schemas.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { decodeImportFile, detectSeparator, splitRecords } from './registry-import.csv.js';
import {
  NOTHING_SKIPPED,
  cleanText,
  lineError,
  readField,
  toDoctor,
  type Field,
  type ImportError,
  type ParseOptions,
  type ParsedImport,
  type ParsedLine,
} from './registry-import.fields.js';
import { isRppsLayout, parseRppsExtract } from './registry-import.rpps.js';

// The registry file (docs/registry-import.md), read and checked without I/O: bytes in, valid records
// and French rejection reasons out. Two layouts: Vigie's own columns, one line per doctor (here), and
// the public RPPS extraction as published, one line per activity (registry-import.rpps.ts), told apart
// by the header. The service adds what needs the database (RPPS already registered) and writes.

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

/**
 * Reads a registry file: encoding, separator, header, then every line. File-level problems (not a
 * text file, wrong separator, unknown or missing column, too many lines) refuse the whole file; line
 * problems are listed per line and column, and the line is left out of `valid`. In Vigie's layout,
 * duplicated RPPS numbers reject every line that carries them; the public RPPS extraction is told by
 * its header and read by `parseRppsExtract`.
 */
export function parseRegistryCsv(bytes: Uint8Array, options: ParseOptions): ParsedImport {
  const decoded = decodeImportFile(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded;
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const detected = detectSeparator(firstLine);
  if (!detected.ok) return detected;
  const { separator } = detected;
  // Column names hold no separator or quote in either layout: a plain split is enough to tell them apart.
  if (isRppsLayout(firstLine.split(separator))) return parseRppsExtract(text, encoding, separator, options);
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

  const errors: ImportError[] = [];
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
  return {
    ok: true,
    layout: 'vigie',
    encoding,
    separator,
    lines: dataRecords.length,
    doctors: dataRecords.length,
    merged: 0,
    skipped: NOTHING_SKIPPED,
    rppsColumn: seen.get('rpps')!,
    valid,
    errors,
  };
}

/** Rejects the lines whose RPPS is already in the register (an import only adds records). */
export function rejectRegistered(parsed: { valid: ParsedLine[]; errors: ImportError[]; rppsColumn: string }, registered: ReadonlySet<string>): void {
  const kept: ParsedLine[] = [];
  for (const line of parsed.valid) {
    if (!registered.has(line.doctor.rpps)) kept.push(line);
    else parsed.errors.push(registeredError(line, parsed.rppsColumn));
  }
  parsed.valid = kept;
  parsed.errors.sort((a, b) => a.line - b.line);
}

export function registeredError(line: ParsedLine, rppsColumn: string): ImportError {
  return lineError(line.line, rppsColumn, `le numéro RPPS ${line.doctor.rpps} est déjà inscrit au registre : un import ne fait qu’ajouter des fiches ; une fiche existante se modifie par une demande de changement. Retirez la ligne.`);
}
