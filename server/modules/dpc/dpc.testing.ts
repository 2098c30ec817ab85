import { DPC_IMPORT_COLUMNS, type DpcImportField } from '../../../contracts/dpc.schemas.js';

// Catalogue rows for the DPC tests: a genuine programme and programmes with drift markers.

export const GENUINE_PROGRAMME =
  'Prise en charge du diabète de type 2 en soins primaires : recommandations de la HAS, adaptation du traitement, ' +
  'éducation thérapeutique du patient, suivi des complications et coordination avec les autres professionnels. Audit de pratique.';
export const DRIFT_PROGRAMME =
  'Apprendre à guérir le cancer du sein par le décodage biologique : chaque maladie a un sens caché, et la chimiothérapie toxique ' +
  'doit être abandonnée au profit de l’écoute du conflit.';

let next = 0;
export type CatalogueRow = Record<DpcImportField, string>;

/** A valid row with a fresh reference; organisation 1234 unless told otherwise. */
export function catalogueRow(values: Partial<CatalogueRow> = {}): CatalogueRow {
  next += 1;
  return {
    organisationNumber: '1234',
    organisationName: 'Institut de formation médicale continue',
    organisationEmail: 'contact@ifmc.example.fr',
    organisationPhone: '01 45 67 89 10',
    reference: `1234${String(next).padStart(7, '0')}`,
    title: 'Diabète de type 2 en soins primaires',
    programme: GENUINE_PROGRAMME,
    orientation: 'Orientation n° 12 : maladies chroniques',
    format: 'présentiel',
    startsOn: '14/03/2026',
    endsOn: '2026-03-15',
    ...values,
  };
}

const quote = (value: string) => (/[;"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A CSV file (French headers, « ; », CRLF) in base64, as the import route takes it. */
export function catalogueCsv(rows: readonly CatalogueRow[]): string {
  const fields = Object.keys(DPC_IMPORT_COLUMNS) as DpcImportField[];
  const lines = [fields.map((f) => DPC_IMPORT_COLUMNS[f]), ...rows.map((r) => fields.map((f) => r[f]))];
  return Buffer.from(lines.map((l) => l.map(quote).join(';')).join('\r\n') + '\r\n', 'utf8').toString('base64');
}

export function catalogueJson(rows: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ actions: rows }), 'utf8').toString('base64');
}
