import { z } from './zod.js';
import { ZDoctorSearchResult } from './registry.schemas.js';

/** Results per page of the registry search. */
export const SEARCH_PAGE_SIZE = 25;
/** Counting stops here: beyond, the total reads « plus de 1 000 » and the user narrows the search. */
export const SEARCH_COUNT_CAP = 1000;

export const ZRegistrySearchPage = ZDoctorSearchResult.extend({
  /** True when there are more matches than `total` (= SEARCH_COUNT_CAP). */
  totalCapped: z.boolean(),
});
export type TRegistrySearchPage = z.infer<typeof ZRegistrySearchPage>;

/** A registry CSV file up to 20 MB (about 80,000 lines): split a national extract by département. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_LINES = 100_000;
/** The report lists at most this many rejected lines (the counts stay exact). */
export const MAX_REPORTED_ERRORS = 1000;

export const IMPORT_MODES = ['all_or_nothing', 'per_line'] as const;

export const ZRegistryImportRequest = z.strictObject({
  mode: z.enum(IMPORT_MODES, { error: 'Mode d’import : « all_or_nothing » (tout ou rien) ou « per_line » (ligne à ligne).' }),
  fileName: z.string().trim().min(1, { error: 'Indiquez le nom du fichier.' }).max(255),
  contentBase64: z
    .string()
    .min(1, { error: 'Le fichier est vide.' })
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, { error: 'Le fichier dépasse 20 Mo : découpez-le (par exemple par département).' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Le contenu du fichier doit être encodé en base64.' }),
});
export type TRegistryImportRequest = z.infer<typeof ZRegistryImportRequest>;

export const ZImportLineError = z.object({
  /** Line in the file, the header being line 1. */
  line: z.number().int(),
  /** The column's header as written in the file, or null for a problem with the whole line. */
  column: z.string().nullable(),
  /** French, names the line, the column and what to fix. */
  message: z.string(),
});
export type TImportLineError = z.infer<typeof ZImportLineError>;

export const ZRegistryImportReport = z.object({
  importId: z.string(),
  mode: z.enum(IMPORT_MODES),
  /** imported: every line; partial: valid lines only (per_line); rejected: nothing written. */
  outcome: z.enum(['imported', 'partial', 'rejected']),
  /** latin-1 is read as Windows-1252, its superset (€, œ, curly quotes), as Excel writes it. */
  encoding: z.enum(['utf-8', 'latin-1']),
  separator: z.enum([';', '|']),
  /** Data lines read (header and blank lines excluded). */
  lines: z.number().int(),
  inserted: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZImportLineError),
  /** True when more lines were rejected than `errors` lists. */
  errorsTruncated: z.boolean(),
});
export type TRegistryImportReport = z.infer<typeof ZRegistryImportReport>;
