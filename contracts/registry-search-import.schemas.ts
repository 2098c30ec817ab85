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

/**
 * A file sent through the web: up to 20 MB (about 80,000 lines in Vigie's layout, 50,000 activity lines
 * of the public RPPS extraction — a département's doctors). docs/registry-import.md says how to cut
 * the national extract.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data lines of a file in Vigie's own layout (one line per doctor). */
export const MAX_IMPORT_LINES = 100_000;
/**
 * Doctors of a public RPPS extraction kept for one import, once their activity lines are merged and
 * the lines of other professions and départements left out: every doctor practising in France fits.
 */
export const MAX_IMPORT_RPPS_DOCTORS = 300_000;
/** The report lists at most this many rejected lines (the counts stay exact). */
export const MAX_REPORTED_ERRORS = 1000;

export const IMPORT_MODES = ['all_or_nothing', 'per_line'] as const;
/** vigie: the documented columns, one line per doctor; rpps_personne_activite: the public RPPS extraction as published. */
export const IMPORT_LAYOUTS = ['vigie', 'rpps_personne_activite'] as const;

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
  layout: z.enum(IMPORT_LAYOUTS),
  /** Data lines read (header and blank lines excluded). */
  lines: z.number().int(),
  /**
   * Doctors to import: one per line in Vigie's layout; in the RPPS layout, doctors once their activity
   * lines are merged, skipped ones excluded (a line too broken to tell whose it is counts as one).
   */
  doctors: z.number().int(),
  /** RPPS layout: activity lines folded into a doctor begun on an earlier line (0 in Vigie's layout). */
  merged: z.number().int(),
  /** RPPS layout: lines left out on purpose, not errors (all empty in Vigie's layout). */
  skipped: z.object({
    /** Other professions (pharmaciens, infirmiers…): lines by profession, most frequent first. */
    professions: z.array(z.object({ code: z.string(), label: z.string(), lines: z.number().int() })),
    /** Doctors whose main activity is in another département than the departmental importer's. */
    otherDepartement: z.object({ doctors: z.number().int(), lines: z.number().int() }),
    /** Doctors with no activity whose département can be told (abroad, or no code at all). */
    noDepartement: z.object({ doctors: z.number().int(), lines: z.number().int() }),
  }),
  inserted: z.number().int(),
  /** Doctors rejected (lines in Vigie's layout); a doctor with several errors counts once. */
  rejected: z.number().int(),
  errors: z.array(ZImportLineError),
  /** True when more lines were rejected than `errors` lists. */
  errorsTruncated: z.boolean(),
});
export type TRegistryImportReport = z.infer<typeof ZRegistryImportReport>;
