import { CsvError, parse, type InfoField } from 'csv-parse/sync';

// Reading a CSV file as people export it from a spreadsheet or the Annuaire Santé: which encoding,
// which separator, then records (quoted fields may hold separators, doubled quotes and line breaks).
// Pure; every refusal in French says how to save the file instead.

export type ImportEncoding = 'utf-8' | 'latin-1';
export type ImportSeparator = ';' | '|';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// Windows-1252 where it differs from ISO 8859-1 (Node's TextDecoder without full ICU reads « latin1 »
// as ISO 8859-1). 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay control characters.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

// « Ã© » for « é »: UTF-8 bytes read as Latin-1, then saved again as UTF-8.
const DOUBLE_ENCODED = /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€/;

/** Where the first control character is, tab and line breaks aside (Windows-1252's unassigned bytes read as such), or -1. */
function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), Latin-1 (Windows-1252) otherwise; or why neither. */
export function decodeImportFile(bytes: Uint8Array): { ok: true; text: string; encoding: ImportEncoding } | { ok: false; message: string } {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (bytes.length === 0) return { ok: false, message: 'Le fichier est vide.' };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return { ok: false, message: 'Le fichier est encodé en UTF-16 : enregistrez-le en « CSV UTF-8 » ou en Latin-1 (Windows), puis recommencez.' };
  }
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return { ok: false, message: 'Ce fichier est un classeur (Excel ou LibreOffice), pas un CSV : utilisez « Enregistrer sous » › « CSV UTF-8 (délimité par des points-virgules) ».' };
  }
  const hasBom = starts(...UTF8_BOM);
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  let encoding: ImportEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (hasBom) return { ok: false, message: 'Le fichier annonce l’encodage UTF-8 mais contient des caractères invalides : enregistrez-le de nouveau en « CSV UTF-8 ».' };
    text = decodeWindows1252(body);
    encoding = 'latin-1';
  }
  if (text.includes('\u0000')) {
    return { ok: false, message: 'Le fichier contient des caractères nuls (UTF-16 sans indication, ou fichier binaire) : enregistrez-le en « CSV UTF-8 ».' };
  }
  const control = firstControlCharacter(text);
  if (control >= 0) {
    const line = text.slice(0, control).split('\n').length;
    return { ok: false, message: `Encodage non reconnu : caractère de contrôle à la ligne ${line}. Enregistrez le fichier en « CSV UTF-8 » ou en Latin-1 (Windows-1252).` };
  }
  const doubled = DOUBLE_ENCODED.exec(text);
  if (doubled) {
    const line = text.slice(0, doubled.index).split('\n').length;
    return { ok: false, message: `Les accents sont abîmés dès la ligne ${line} (« ${doubled[0]} » au lieu d’une lettre accentuée) : le fichier a été converti deux fois en UTF-8. Repartez de l’export d’origine.` };
  }
  return { ok: true, text, encoding };
}

/** Counts separators outside quotes in the header line; only `;` and `|` are accepted, alone. */
export function detectSeparator(headerLine: string): { ok: true; separator: ImportSeparator } | { ok: false; message: string } {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === '|' || c === ',' || c === '\t')) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const semicolons = counts.get(';') ?? 0;
  const pipes = counts.get('|') ?? 0;
  if (semicolons > 0 && pipes > 0) return { ok: false, message: 'La ligne d’en-tête (ligne 1) mélange « ; » et « | » : utilisez un seul séparateur dans tout le fichier.' };
  if (semicolons > 0) return { ok: true, separator: ';' };
  if (pipes > 0) return { ok: true, separator: '|' };
  const other = (counts.get(',') ?? 0) >= (counts.get('\t') ?? 0) ? (counts.get(',') ? 'la virgule « , »' : null) : 'la tabulation';
  return {
    ok: false,
    message: other
      ? `Séparateur non accepté (ligne 1) : ${other}. Enregistrez le fichier avec le point-virgule « ; » (« CSV point-virgule ») ou la barre verticale « | ».`
      : 'Aucun séparateur dans la ligne d’en-tête (ligne 1) : elle doit nommer les colonnes, séparées par « ; » ou « | ».',
  };
}

export interface RawRecord {
  line: number;
  fields: string[];
  /** Why the record could not be split into fields. */
  problem?: string;
}

const TEXT_AFTER_CLOSING_QUOTE = 'texte après un guillemet fermant : une valeur entre guillemets doit être suivie du séparateur ; doublez les guillemets à l’intérieur ("").';
// A well-formed quoted field as it stands in the file: what csv-parse trimmed before the opening quote, the
// quoted text (doubled quotes inside), then spaces or tabs at most. Written unrolled so it runs in linear time.
const QUOTED_FIELD = /^[^"]*"([^"]*(?:""[^"]*)*)"([ \t]*)$/;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Lines a stretch of the file moves on: each `\n`, and a record ended by a lone `\r`. csv-parse's own
 * `info.lines` counts a `\r\n` inside a quoted value twice, which would shift every later line number.
 */
function linesIn(bytes: Buffer, start: number, end: number): number {
  let lines = end > start && bytes[end - 1] === CR ? 1 : 0;
  for (let at = bytes.indexOf(LF, start); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) lines++;
  return lines;
}

/** A record and where its bytes lie, line break included. */
interface Span extends RawRecord {
  start: number;
  end: number;
}

interface Reading {
  records: Span[];
  /** The record a quote left open up to the end of the text: where it starts, and the quote's line. */
  unclosed?: { start: number; line: number; quoteLine: number };
}

/**
 * Reads records with csv-parse, relaxed so that a stray quote never stops the file: a quote opens a value
 * only at its start (spaces aside), and a closing quote followed by text is read as plain text. With
 * `checkQuotes`, each quoted value is compared with its bytes in the file to tell a value followed by text
 * (a problem) from one followed by spaces; that check costs a callback per field, so it runs only on the
 * records that need it.
 */
function readRecords(bytes: Buffer, separator: ImportSeparator, firstLine: number, checkQuotes: boolean): Reading {
  const records: Span[] = [];
  let recordLine = firstLine;
  let recordStart = 0;
  let fieldStart = 0;
  let problem: string | undefined;
  const checkField = (value: string, context: InfoField): string => {
    const start = fieldStart;
    // `bytes` is where the field ends: the separator, the line break, or the end of the text.
    fieldStart = context.bytes + 1;
    if (!context.quoting) return value;
    const quoted = QUOTED_FIELD.exec(bytes.toString('utf8', start, context.bytes));
    if (!quoted) {
      problem ??= TEXT_AFTER_CLOSING_QUOTE;
      return value;
    }
    // Spaces after the closing quote made csv-parse read `"x" ` as plain text: keep the quoted value.
    return quoted[2] ? quoted[1]!.replaceAll('""', '"') + quoted[2] : value;
  };
  try {
    parse(bytes, {
      delimiter: separator,
      record_delimiter: ['\r\n', '\n', '\r'],
      ltrim: true,
      relax_quotes: true,
      relax_column_count: true,
      ...(checkQuotes ? { cast: checkField } : {}),
      on_record: (fields, context) => {
        // `bytes` is where the next record starts, past this one's line break.
        records.push({ line: recordLine, fields, problem, start: recordStart, end: context.bytes });
        recordLine += linesIn(bytes, recordStart, context.bytes);
        recordStart = fieldStart = context.bytes;
        problem = undefined;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError) || error.code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    return { records, unclosed: { start: recordStart, line: recordLine, quoteLine: recordLine + linesIn(bytes, recordStart, fieldStart) } };
  }
  return { records };
}

/** Splits CSV text into records: quoted fields may hold separators, doubled quotes and line breaks. */
export function splitRecords(text: string, separator: ImportSeparator): { ok: true; records: RawRecord[] } | { ok: false; message: string } {
  // The file is already whole in memory (a JSON body of at most 20 MB): a streaming parser would not lower the peak.
  const bytes = Buffer.from(text, 'utf8');
  const reading = readRecords(bytes, separator, 1, false);
  if (reading.unclosed) {
    const { start, line } = reading.unclosed;
    const quoteLine = readRecords(bytes.subarray(start), separator, line, true).unclosed?.quoteLine ?? line;
    return { ok: false, message: `Guillemet ouvert à la ligne ${quoteLine} et jamais refermé : fermez-le ou doublez-le ("") s’il fait partie du texte.` };
  }
  const records = reading.records.map(({ line, fields, problem, start, end }): RawRecord => {
    // Only a value starting with a quote may hide text after a closing quote (csv-parse keeps the quote then).
    if (!fields.some((field) => field.startsWith('"'))) return { line, fields, problem };
    const checked = readRecords(bytes.subarray(start, end), separator, line, true).records[0]!;
    return { line, fields: checked.fields, problem: checked.problem };
  });
  return { ok: true, records };
}
