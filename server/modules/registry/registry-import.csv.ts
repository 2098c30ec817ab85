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

/** Splits CSV text into records: quoted fields may hold separators, doubled quotes and line breaks. */
export function splitRecords(text: string, separator: ImportSeparator): { ok: true; records: RawRecord[] } | { ok: false; message: string } {
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let afterQuote = false;
  let problem: string | undefined;
  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields, problem });
    fields = [];
    problem = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === separator) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (c === '"' && field.trim() === '' && !afterQuote) {
      quoted = true;
      quoteLine = line;
      field = '';
    } else {
      if (afterQuote && c !== ' ' && c !== '\t') problem ??= 'texte après un guillemet fermant : une valeur entre guillemets doit être suivie du séparateur ; doublez les guillemets à l’intérieur ("").';
      field += c;
    }
  }
  if (quoted) return { ok: false, message: `Guillemet ouvert à la ligne ${quoteLine} et jamais refermé : fermez-le ou doublez-le ("") s’il fait partie du texte.` };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
