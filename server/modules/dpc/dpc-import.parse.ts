import { CsvError, parse } from 'csv-parse/sync';
import {
  DPC_IMPORT_COLUMNS,
  DPC_REQUIRED_COLUMNS,
  MAX_DPC_IMPORT_ROWS,
  ZDpcImportRow,
  type DpcImportField,
  type TDpcImportRow,
} from '../../../contracts/dpc.schemas.js';
import { foldForSearch } from '../../platform/text/fold.js';

// Reading a catalogue file (CSV or JSON) into validated rows, or the list of what is wrong with it, each
// error naming the line (CSV: the file's line, header = 1; JSON: the entry's number) and the field. Pure.

export interface ImportLineError {
  line: number;
  /** The column's header (CSV) or the field's key (JSON); null for a problem with the whole line. */
  field: string | null;
  message: string;
}

export interface ParsedRow {
  line: number;
  row: TDpcImportRow;
  /** How the file names the reference field, for a later error. */
  referenceField: string;
}

export type ParsedCatalogue = { ok: true; rows: ParsedRow[]; errors: ImportLineError[] } | { ok: false; message: string };

/** A row as read from the file, before validation: field → raw value. */
interface RawRow {
  line: number;
  values: Record<string, unknown>;
  /** How the file names each field, for the messages. */
  names: Partial<Record<DpcImportField, string>>;
}

const FIELDS = Object.keys(DPC_IMPORT_COLUMNS) as DpcImportField[];
const FIELD_OF_HEADER = new Map<string, DpcImportField>(FIELDS.flatMap((f) => [[foldForSearch(DPC_IMPORT_COLUMNS[f]), f], [foldForSearch(f), f]]));

/** Reads and validates a whole file; `ok: false` when the file itself cannot be read. */
export function parseCatalogue(bytes: Buffer, format: 'csv' | 'json'): ParsedCatalogue {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return decoded;
  const raw = format === 'csv' ? readCsv(decoded.text) : readJson(decoded.text);
  if (!raw.ok) return raw;
  if (raw.rows.length === 0) return { ok: false, message: 'Le fichier ne contient aucune action de formation.' };
  if (raw.rows.length > MAX_DPC_IMPORT_ROWS) {
    return { ok: false, message: `Le fichier contient ${raw.rows.length} actions ; la limite est de ${MAX_DPC_IMPORT_ROWS} par fichier : découpez le catalogue.` };
  }
  return { ok: true, ...validateRows(raw.rows, format) };
}

function decodeUtf8(bytes: Buffer): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: 'Le fichier est vide.' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes('\u0000')) return { ok: false, message: 'Le fichier contient des caractères nuls : enregistrez-le en UTF-8.' };
    return { ok: true, text };
  } catch {
    return { ok: false, message: 'Le fichier n’est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 » (ou en JSON UTF-8), puis recommencez.' };
  }
}

/** The separator of the header line, outside quotes: `;` (French spreadsheets), `,` or `|`. */
function detectSeparator(header: string): string | null {
  const counts: Record<string, number> = { ';': 0, ',': 0, '|': 0 };
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c]! += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : null;
}

function readCsv(original: string): { ok: true; rows: RawRow[] } | { ok: false; message: string } {
  // One kind of line break, so csv-parse's line count is the file's (it counts a quoted « \r\n » twice).
  const text = original.replace(/\r\n?/g, '\n');
  const separator = detectSeparator(text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')));
  if (!separator) return { ok: false, message: 'La ligne d’en-tête (ligne 1) doit nommer les colonnes, séparées par « ; », « , » ou « | ».' };
  const records: { record: string[]; info: { lines: number } }[] = [];
  try {
    parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], info) => {
        records.push({ record, info });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    return error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? { ok: false, message: `Un guillemet ouvert n’est jamais refermé (fin du fichier, ligne ${line}) : fermez-le, ou doublez-le ("") s’il fait partie du texte.` }
      : { ok: false, message: `Ligne ${line} : texte après un guillemet fermant. Une valeur entre guillemets doit être suivie du séparateur ; doublez les guillemets à l’intérieur ("").` };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, message: 'Le fichier est vide.' };
  const columns = header.record.map((name) => FIELD_OF_HEADER.get(foldForSearch(name)) ?? null);
  const unknown = header.record.filter((_, i) => columns[i] === null);
  if (unknown.length) return { ok: false, message: `Colonne inconnue à la ligne 1 : « ${unknown[0]} ». Colonnes attendues : ${Object.values(DPC_IMPORT_COLUMNS).join(', ')}.` };
  const missing = DPC_REQUIRED_COLUMNS.filter((f) => !columns.includes(f));
  if (missing.length) return { ok: false, message: `Colonne obligatoire absente de la ligne 1 : « ${DPC_IMPORT_COLUMNS[missing[0]!]} ».` };
  const names: Partial<Record<DpcImportField, string>> = {};
  columns.forEach((field, i) => (names[field!] = header.record[i]!));
  return {
    ok: true,
    rows: body.map(({ record, info }) => {
      // info.lines is the record's last line: a quoted value may span several.
      const line = info.lines - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
      const values: Record<string, unknown> = {};
      columns.forEach((field, i) => (values[field!] = record[i] ?? ''));
      if (record.length > columns.length) values[''] = record.slice(columns.length).join(separator);
      return { line, values, names };
    }),
  };
}

function readJson(text: string): { ok: true; rows: RawRow[] } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'Le fichier n’est pas un JSON valide.' };
  }
  const entries = Array.isArray(parsed) ? parsed : (parsed as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(entries)) return { ok: false, message: 'Le JSON doit être une liste d’actions, ou un objet { "actions": [...] }.' };
  const names = Object.fromEntries(FIELDS.map((f) => [f, f]));
  return {
    ok: true,
    rows: entries.map((entry, i) => ({
      line: i + 1,
      values: entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : { '': entry },
      names,
    })),
  };
}

/** How a message names a place in the file: lines and columns of a CSV, entries and fields of a JSON list. */
const WORDING = {
  csv: { place: 'Ligne', atPlace: 'à la ligne', field: 'colonne' },
  json: { place: 'Entrée', atPlace: 'à l’entrée', field: 'champ' },
} as const;

function lineError(format: 'csv' | 'json', line: number, field: string | null, message: string): ImportLineError {
  const w = WORDING[format];
  return { line, field, message: `${w.place} ${line}${field ? `, ${w.field} « ${field} »` : ''} : ${message}` };
}

/** Every row checked; a reference twice in the file, or an organisation described two ways, is an error. */
function validateRows(raw: readonly RawRow[], format: 'csv' | 'json'): { rows: ParsedRow[]; errors: ImportLineError[] } {
  const rows: ParsedRow[] = [];
  const errors: ImportLineError[] = [];
  const referenceLine = new Map<string, number>();
  const organisationSeen = new Map<string, { line: number; name: string }>();
  for (const { line, values, names } of raw) {
    const nameOf = (f: DpcImportField) => names[f] ?? f;
    if ('' in values) {
      const why = format === 'csv' ? 'plus de valeurs que de colonnes (un séparateur dans une valeur sans guillemets ?).' : 'chaque entrée doit être un objet.';
      errors.push(lineError(format, line, null, why));
      continue;
    }
    const result = ZDpcImportRow.safeParse(values);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = issue.path[0] as DpcImportField | undefined;
        const message = issue.code === 'unrecognized_keys' ? `champ inconnu « ${issue.keys.join(', ')} ».` : issue.message;
        errors.push(lineError(format, line, key ? nameOf(key) : null, message));
      }
      continue;
    }
    const row = result.data;
    const earlier = referenceLine.get(row.reference);
    if (earlier !== undefined) {
      errors.push(lineError(format, line, nameOf('reference'), `la référence ${row.reference} figure déjà ${WORDING[format].atPlace} ${earlier}.`));
      continue;
    }
    const organisation = organisationSeen.get(row.organisationNumber);
    if (organisation && organisation.name !== row.organisationName) {
      const why = `l’organisme ${row.organisationNumber} est nommé « ${organisation.name} » ${WORDING[format].atPlace} ${organisation.line}.`;
      errors.push(lineError(format, line, nameOf('organisationName'), why));
      continue;
    }
    referenceLine.set(row.reference, line);
    if (!organisation) organisationSeen.set(row.organisationNumber, { line, name: row.organisationName });
    rows.push({ line, row, referenceField: nameOf('reference') });
  }
  return { rows, errors };
}

/** The error for a reference already in the catalogue. */
export function alreadyCatalogued(parsed: ParsedRow, format: 'csv' | 'json'): ImportLineError {
  return lineError(format, parsed.line, parsed.referenceField, `l’action ${parsed.row.reference} est déjà au catalogue.`);
}
