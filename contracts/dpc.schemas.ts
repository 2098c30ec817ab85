import { DRIFT_FAMILY_IDS } from '../analysis/dpc/drift-families.js';
import { SCREENED_KINDS, type ScreenedKind } from '../analysis/dpc/rules/drift-rule.js';
import { z, zEmail, zUuid } from './zod.js';

// The DPC catalogue's vocabulary (issue 12), said once: what an organisation and a training action are,
// the columns of an import file, the screening priorities and their French labels.
//
// An ODPC (organisme de DPC) is registered with the ANDPC under a registration number and offers
// training actions; each action has a reference, a title, a programme text (what the screening reads),
// an orientation (a national priority orientation, as the ANDPC words it), a format and dates.

/** How an action is delivered. */
export const DPC_ACTION_FORMATS = ['presentiel', 'non_presentiel', 'mixte'] as const;
export type DpcActionFormat = (typeof DPC_ACTION_FORMATS)[number];
export const DPC_ACTION_FORMAT_LABELS: Record<DpcActionFormat, string> = {
  presentiel: 'Présentiel',
  non_presentiel: 'Non présentiel (e-learning, classe virtuelle)',
  mixte: 'Mixte',
};

/**
 * How the drift screening ranks a programme, lowest first (the order is the rank: a rise is a move to
 * the right). « moyenne » and « haute » go to a reviewer; « basse » is a marker alone, kept visible.
 */
export const DPC_PRIORITIES = ['aucune', 'basse', 'moyenne', 'haute'] as const;
export type DpcPriority = (typeof DPC_PRIORITIES)[number];
export const DPC_PRIORITY_LABELS: Record<DpcPriority, string> = {
  aucune: 'Aucun marqueur',
  basse: 'Priorité basse',
  moyenne: 'Priorité moyenne',
  haute: 'Priorité haute',
};

export function priorityRank(priority: DpcPriority): number {
  return DPC_PRIORITIES.indexOf(priority);
}

export const DPC_LIMITS = {
  registrationNumber: 12,
  organisationName: 300,
  phone: 30,
  reference: 40,
  title: 300,
  programme: 20_000,
  orientation: 300,
} as const;

/** One import file: at most 20 MB and 50,000 actions (split a national catalogue into several files). */
export const MAX_DPC_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_DPC_IMPORT_ROWS = 50_000;
/** A refused import lists at most this many errors. */
export const MAX_DPC_IMPORT_ERRORS = 100;

/**
 * The fields of one imported row, as JSON keys, and the column headers a CSV file names them with.
 * A CSV file may use either (headers are compared without case or accents).
 */
export const DPC_IMPORT_COLUMNS = {
  organisationNumber: 'Numéro ODPC',
  organisationName: 'Organisme',
  organisationEmail: 'Courriel de contact',
  organisationPhone: 'Téléphone de contact',
  reference: 'Référence',
  title: 'Titre',
  programme: 'Programme',
  orientation: 'Orientation',
  format: 'Format',
  startsOn: 'Date de début',
  endsOn: 'Date de fin',
} as const;
export type DpcImportField = keyof typeof DPC_IMPORT_COLUMNS;
export const DPC_REQUIRED_COLUMNS: readonly DpcImportField[] = ['organisationNumber', 'organisationName', 'reference', 'title', 'programme', 'format'];

const fold = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Words a catalogue uses for each format, folded. */
const FORMAT_WORDS: Record<string, DpcActionFormat> = {
  presentiel: 'presentiel',
  'non presentiel': 'non_presentiel',
  non_presentiel: 'non_presentiel',
  distanciel: 'non_presentiel',
  'e learning': 'non_presentiel',
  elearning: 'non_presentiel',
  'classe virtuelle': 'non_presentiel',
  mixte: 'mixte',
};

/** Empty cells and JSON nulls are « not given ». */
const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} doit être du texte.` })
    .trim()
    .min(1, { error: `${label} est obligatoire.` })
    .max(max, { error: `${label} ne peut pas dépasser ${max.toLocaleString('fr-FR')} caractères.` });

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** « 2026-03-14 » or « 14/03/2026 », a real calendar day; stored as ISO. */
const zDay = (label: string) =>
  z
    .string({ error: `${label} doit être une date.` })
    .trim()
    .transform((value, ctx) => {
      const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
      const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : value;
      const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
      if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) {
        ctx.addIssue({ code: 'custom', message: `${label} doit être une date au format JJ/MM/AAAA ou AAAA-MM-JJ.` });
        return z.NEVER;
      }
      return iso;
    });

export const zDpcRegistrationNumber = z
  .string({ error: 'Le numéro ODPC doit être du texte.' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{1,12}$/, { error: 'Le numéro ODPC compte 1 à 12 chiffres ou lettres, sans espace.' });

export const zDpcReference = z
  .string({ error: 'La référence doit être du texte.' })
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._/-]{0,39}$/, { error: 'La référence compte 1 à 40 caractères : chiffres, lettres, « . », « _ », « / » ou « - ».' });

const zFormat = z
  .string({ error: 'Le format doit être du texte.' })
  .transform((value, ctx) => {
    const format = FORMAT_WORDS[fold(value)] ?? FORMAT_WORDS[value.trim()];
    if (!format) {
      ctx.addIssue({ code: 'custom', message: 'Format inconnu : « présentiel », « non présentiel » (ou « e-learning ») ou « mixte ».' });
      return z.NEVER;
    }
    return format;
  });

/** One training action of an import file, with its organisation (a flat row, as a spreadsheet has it). */
export const ZDpcImportRow = z
  .strictObject({
    organisationNumber: zDpcRegistrationNumber,
    organisationName: text('Le nom de l’organisme', DPC_LIMITS.organisationName),
    organisationEmail: optional(zEmail),
    organisationPhone: optional(
      z
        .string({ error: 'Le téléphone doit être du texte.' })
        .trim()
        .regex(/^\+?[0-9 .()-]{6,30}$/, { error: 'Le téléphone ne contient que des chiffres, espaces, points, tirets et un « + » initial.' }),
    ),
    reference: zDpcReference,
    title: text('Le titre', DPC_LIMITS.title),
    programme: text('Le programme', DPC_LIMITS.programme),
    orientation: optional(text('L’orientation', DPC_LIMITS.orientation)),
    format: zFormat,
    startsOn: optional(zDay('La date de début')),
    endsOn: optional(zDay('La date de fin')),
  })
  .refine((row) => !row.startsOn || !row.endsOn || row.endsOn >= row.startsOn, {
    path: ['endsOn'],
    message: 'La date de fin précède la date de début.',
  });
export type TDpcImportRow = z.infer<typeof ZDpcImportRow>;

export const DPC_IMPORT_FORMATS = ['csv', 'json'] as const;

export const ZDpcImportRequest = z.strictObject({
  format: z.enum(DPC_IMPORT_FORMATS, { error: 'Format de fichier : « csv » ou « json ».' }),
  fileName: z.string().trim().min(1, { error: 'Indiquez le nom du fichier.' }).max(255),
  contentBase64: z
    .string()
    .min(1, { error: 'Le fichier est vide.' })
    .max(Math.ceil(MAX_DPC_IMPORT_BYTES / 3) * 4, { error: 'Le fichier dépasse 20 Mo : découpez le catalogue en plusieurs fichiers.' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Le contenu du fichier doit être encodé en base64.' }),
});
export type TDpcImportRequest = z.infer<typeof ZDpcImportRequest>;

const ZPriorityCounts = z.object({ aucune: z.number().int(), basse: z.number().int(), moyenne: z.number().int(), haute: z.number().int() });

export const ZDpcImportReport = z.object({
  importId: z.string(),
  format: z.enum(DPC_IMPORT_FORMATS),
  actionsImported: z.number().int(),
  /** Organisations new to the catalogue; the others had their name and contacts updated. */
  organisationsCreated: z.number().int(),
  organisationsUpdated: z.number().int(),
  lexiconVersion: z.string(),
  /** How the imported actions were screened, by priority. */
  priorities: ZPriorityCounts,
});
export type TDpcImportReport = z.infer<typeof ZDpcImportReport>;

export const DPC_SEARCH_PAGE_SIZE = 25;

export const ZDpcActionSearchQuery = z.strictObject({
  q: z.string().trim().max(200, { error: 'La recherche ne peut pas dépasser 200 caractères.' }).optional(),
  organisation: zDpcRegistrationNumber.optional(),
  priority: z.enum(DPC_PRIORITIES, { error: 'Priorité : « haute », « moyenne », « basse » ou « aucune ».' }).optional(),
  page: z.coerce.number({ error: 'Numéro de page invalide.' }).int().min(1).max(1000).default(1),
});
export type TDpcActionSearchQuery = z.infer<typeof ZDpcActionSearchQuery>;

export const ZDpcActionSummary = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  organisation: z.object({ registrationNumber: z.string(), name: z.string() }),
  orientation: z.string().nullable(),
  format: z.enum(DPC_ACTION_FORMATS),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  screening: z.object({
    lexiconVersion: z.string(),
    score: z.number().int(),
    priority: z.enum(DPC_PRIORITIES),
    /** Rule ids of the markers found (the evidence is on the action's own page, GET /api/dpc/actions/:id). */
    markers: z.array(z.string()),
    screenedAt: z.string(),
  }),
});
export type TDpcActionSummary = z.infer<typeof ZDpcActionSummary>;

export const ZDpcActionPage = z.object({
  items: z.array(ZDpcActionSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TDpcActionPage = z.infer<typeof ZDpcActionPage>;

/** A run of the screening over the catalogue after a lexicon change. */
export const ZDpcRescreening = z.object({
  id: z.string(),
  lexiconVersion: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Actions screened again by this run. */
  rescreened: z.number().int(),
  /** Actions whose priority rose (from « aucune », or higher). */
  newlyMatching: z.number().int(),
  /** True when every action was already screened with this lexicon: nothing was done. */
  upToDate: z.boolean(),
});
export type TDpcRescreening = z.infer<typeof ZDpcRescreening>;

/** The latest runs, newest first. */
export const ZDpcRescreeningList = z.object({ items: z.array(ZDpcRescreening) });
export const DPC_RESCREENINGS_LISTED = 20;

export const ZDpcRescreeningParams = z.strictObject({ id: zUuid });
export const ZDpcRescreenMatchesQuery = z.strictObject({
  page: z.coerce.number({ error: 'Numéro de page invalide.' }).int().min(1).max(1000).default(1),
});

export const ZDpcRescreenMatch = z.object({
  action: ZDpcActionSummary,
  previousPriority: z.enum(DPC_PRIORITIES),
  previousScore: z.number().int(),
});
export const ZDpcRescreenMatchesPage = z.object({
  rescreening: ZDpcRescreening,
  items: z.array(ZDpcRescreenMatch),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TDpcRescreenMatchesPage = z.infer<typeof ZDpcRescreenMatchesPage>;

/** A drift marker found in a text, with the passages behind it (analysis/dpc's DriftFinding). */
export const ZDpcDriftFinding = z.object({
  ruleId: z.string(),
  family: z.string(),
  familyLabel: z.string(),
  explanation: z.string(),
  /** Offsets in the screened text (UTF-16 code units), with the passage itself. */
  evidence: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })),
  weight: z.number(),
});
export type TDpcDriftFinding = z.infer<typeof ZDpcDriftFinding>;

export const ZDpcActionParams = z.strictObject({ id: zUuid });

/** One training action as its own page shows it: the action, its organisation and its stored screening. */
export const ZDpcActionDetail = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  programme: z.string(),
  orientation: z.string().nullable(),
  format: z.enum(DPC_ACTION_FORMATS),
  formatLabel: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  organisation: z.object({
    registrationNumber: z.string(),
    name: z.string(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
  }),
  screening: z.object({
    lexiconVersion: z.string(),
    score: z.number().int(),
    priority: z.enum(DPC_PRIORITIES),
    findings: z.array(ZDpcDriftFinding),
    /** The text exactly as the screening read it (title, then programme): the evidence offsets point into it. */
    screenedText: z.string(),
    screenedAt: z.string(),
  }),
  /** How many DPC signalements name this action (a count only: nothing of them is shown here). */
  signalementCount: z.number().int(),
});
export type TDpcActionDetail = z.infer<typeof ZDpcActionDetail>;

// The awareness page (issue 12, the convention's first axis): what the drift screening looks for, in plain
// French, generated from the lexicon of analysis/dpc (driftFamilies, DRIFT_REFERRALS), and where to refer.

/** The kinds of text a marker may be restricted to, as the page words them (« compté seulement dans … »). */
export const DRIFT_SCREENED_KIND_LABELS: Record<ScreenedKind, string> = {
  programme: 'les programmes de formation',
  signalement: 'les signalements écrits par une personne',
};

export const ZDpcDriftMarker = z.object({
  ruleId: z.string(),
  description: z.string(),
  explanation: z.string(),
  /** The phrases the rule looks for, readable (« guéri… » for a prefix). */
  phrases: z.array(z.string()),
  /** Sentences the rule recognises. */
  examples: z.array(z.string()),
  /** Present when the marker only counts in these kinds of text. */
  onlyIn: z.array(z.enum(SCREENED_KINDS)).optional(),
});

/** A public source the rules are written from; its date is part of its title or publisher, as cited. */
export const ZDpcDriftSource = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  url: z.string(),
});

export const ZDpcDriftFamily = z.object({
  id: z.enum(DRIFT_FAMILY_IDS),
  label: z.string(),
  explanation: z.string(),
  markers: z.array(ZDpcDriftMarker),
  sources: z.array(ZDpcDriftSource),
});

/** Where to refer a family or a patient (seed 004). */
export const ZDpcReferral = z.object({
  body: z.string(),
  what: z.string(),
  url: z.string(),
  email: z.string(),
});

export const ZDpcVigilance = z.object({
  /** The version of the lexicon that both this page and the catalogue's screening use. */
  lexiconVersion: z.string(),
  families: z.array(ZDpcDriftFamily),
  referrals: z.array(ZDpcReferral),
});
export type TDpcVigilance = z.infer<typeof ZDpcVigilance>;
export type TDpcDriftFamily = z.infer<typeof ZDpcDriftFamily>;
