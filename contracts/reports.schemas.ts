import { z, zEmail, zUuid } from './zod.js';
import { isDepartementCode } from './departements.js';
import { REPORT_CONSEQUENCES, type ReportConsequence } from './reports.guidance.js';
import { REPORT_CHANNELS, REPORT_STATUSES, REPORT_VERDICTS } from './report-vocabulary.js';

export { REPORT_CONSEQUENCES, type ReportConsequence };

/** Accepted copies of the exchanges, by the type read from their content (never their name). */
export const REPORT_MEDIA_TYPES = ['message/rfc822', 'application/vnd.ms-outlook', 'text/plain', 'application/pdf', 'image/png', 'image/jpeg'] as const;
export type ReportMediaType = (typeof REPORT_MEDIA_TYPES)[number];
export const ACCEPTED_UPLOADS_LABEL = 'courriel (.eml, .msg), texte (.txt), PDF, capture d’écran PNG ou JPEG';
/** The `accept` attribute of the file input: a hint for the picker; the server decides by content. */
export const UPLOAD_ACCEPT = '.eml,.msg,.txt,.pdf,.png,.jpg,.jpeg,message/rfc822,application/vnd.ms-outlook,text/plain,application/pdf,image/png,image/jpeg';

export const MAX_REPORT_LINKS = 20;
export const MAX_ORGANISATION_CHARS = 200;
export const MAX_CALLER_NUMBER_CHARS = 40;
export const MAX_SENDER_CHARS = 320;
export const MAX_DESCRIPTION_CHARS = 10_000;
export const MAX_PASTED_TEXT_CHARS = 100_000;
/** A file name as sent by the browser; the server keeps a neutralised one of at most 200 characters. */
export const MAX_RAW_FILE_NAME_CHARS = 1000;

/** « 10 Mo », « 512 Ko »: the limit as a French reader expects it. */
export function formatByteLimit(bytes: number): string {
  const fmt = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${fmt(bytes / (1024 * 1024))} Mo`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} Ko`;
  return `${bytes} octets`;
}

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label} : ${max.toLocaleString('fr-FR')} caractères au plus.` });

export const zReportDepartement = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isDepartementCode, { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' });

/**
 * Files travel as parts of a multipart/form-data request (one part named « attachments » per file), streamed
 * to storage. A JSON body carries the text fields only: base64 files in JSON are refused with this message.
 */
export const REPORT_FILE_FIELD = 'attachments';
/** Multipart text fields that repeat (one part per value); every other field is sent once. */
export const REPORT_LIST_FIELDS = ['links', 'consequences'] as const;
export const JSON_ATTACHMENTS_REFUSED =
  'Les fichiers ne sont plus acceptés en base64 dans un corps JSON : envoyez le signalement en multipart/form-data, un fichier par partie « attachments » (voir la documentation de l’API).';

const filingFields = {
  channel: z.enum(REPORT_CHANNELS, { error: 'Choisissez le canal : téléphone, SMS, courriel, courrier ou autre.' }),
  occurredOn: z.iso.date({ error: 'Date invalide (attendu : AAAA-MM-JJ).' }).nullable().optional(),
  organisationName: trimmed(MAX_ORGANISATION_CHARS, "Nom de l'organisme").default(''),
  callerNumber: trimmed(MAX_CALLER_NUMBER_CHARS, 'Numéro').default(''),
  sender: trimmed(MAX_SENDER_CHARS, 'Expéditeur').default(''),
  links: z
    .array(z.string().trim().min(1, { error: 'Lien vide.' }).max(2048, { error: 'Lien trop long (2 048 caractères au plus).' }))
    .max(MAX_REPORT_LINKS, { error: `${MAX_REPORT_LINKS} liens au plus.` })
    .default([]),
  description: trimmed(MAX_DESCRIPTION_CHARS, 'Description').default(''),
  pastedText: z
    .string()
    .max(MAX_PASTED_TEXT_CHARS, { error: `Copie des échanges : ${MAX_PASTED_TEXT_CHARS.toLocaleString('fr-FR')} caractères au plus.` })
    .default(''),
  consequences: z.array(z.enum(REPORT_CONSEQUENCES, { error: 'Conséquence inconnue.' })).max(REPORT_CONSEQUENCES.length).default([]),
  pseudonymous: z.boolean().default(false),
};

const anonymousFields = {
  email: zEmail,
  name: trimmed(120, 'Nom').default(''),
  departement: zReportDepartement.nullable().optional(),
};

// An empty list stays accepted, so a client that always sent `attachments: []` keeps working.
const noJsonAttachments = z.array(z.unknown()).max(0, { error: JSON_ATTACHMENTS_REFUSED }).optional();

/** The refusal of a filing with nothing to read: no description, no copy of the exchanges, no file. */
export const REPORT_CONTENT_REQUIRED = 'Décrivez ce qui s’est passé, collez la copie des échanges ou joignez un fichier.';
const hasContent = (v: { description: string; pastedText: string }) => v.description !== '' || v.pastedText.trim() !== '';
const CONTENT_REQUIRED = { error: REPORT_CONTENT_REQUIRED, path: ['description'] };

/**
 * The text fields of a multipart filing (doctor), once the parts are gathered: the same rules as JSON.
 * Whether there is content (text or a file) is checked by the service, which counts the files.
 */
export const ZReportFormFields = z.strictObject(filingFields);
/** The text fields of a multipart filing without an account. */
export const ZAnonymousReportFormFields = z.strictObject({ ...filingFields, ...anonymousFields });

/** A report filed by a logged-in doctor as JSON (text only): the département is the account's. */
export const ZReportCreate = z.strictObject({ ...filingFields, attachments: noJsonAttachments }).refine(hasContent, CONTENT_REQUIRED);
export type TReportCreate = z.infer<typeof ZReportCreate>;

/** A report filed without an account: the address is confirmed by a link before the report counts. */
export const ZAnonymousReportCreate = z
  .strictObject({ ...filingFields, ...anonymousFields, attachments: noJsonAttachments })
  .refine(hasContent, CONTENT_REQUIRED);
export type TAnonymousReportCreate = z.infer<typeof ZAnonymousReportCreate>;

/**
 * Every field of a filing, whatever door it came through (JSON, multipart form, forwarded email): the one
 * validation the filing service applies, made of the same rules as the routes' bodies above. The routes
 * add what only a door knows (a doctor sends no département, no base64 file); the service adds what only
 * it sees: whether there is anything to read (text, a file or a message) and the date against the clock.
 */
export const ZReportFiling = z.object({
  ...filingFields,
  /** The reporter's address when they file without an account. */
  email: zEmail.optional(),
  name: anonymousFields.name,
  /** Absent: the reporting account's département; null: national or unknown. */
  departement: anonymousFields.departement,
});
export type TReportFilingInput = z.input<typeof ZReportFiling>;
export type TReportFiling = z.output<typeof ZReportFiling>;

export const ZGuidanceItem = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  link: z.object({ href: z.string(), label: z.string() }).optional(),
  urgent: z.boolean(),
});

export const ZReportFiled = z.object({
  reportId: zUuid,
  receiptNumber: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  channel: z.enum(REPORT_CHANNELS),
  /** True when a confirmation link was mailed (report filed without an account). */
  confirmationRequired: z.boolean(),
  guidance: z.array(ZGuidanceItem),
  /** What the reporter ticked as having happened to them: the receipt offers entraide after a loss or an identity theft. */
  consequences: z.array(z.enum(REPORT_CONSEQUENCES)),
});
export type TReportFiled = z.infer<typeof ZReportFiled>;

export const ZReportConfirm = z.strictObject({
  token: z.string().trim().min(16, { error: 'Lien de confirmation invalide.' }).max(200, { error: 'Lien de confirmation invalide.' }),
});

export const ZReportFollowQuery = z.strictObject({
  recu: z.string().trim().max(40),
  jeton: z.string().trim().max(200),
});

export const ZReportSummary = z.object({
  receiptNumber: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  channel: z.enum(REPORT_CHANNELS),
  channelLabel: z.string(),
  occurredOn: z.string().nullable(),
  organisationName: z.string(),
  verdict: z.enum(REPORT_VERDICTS).nullable(),
  attachmentCount: z.number().int(),
  pseudonymous: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReportSummary = z.infer<typeof ZReportSummary>;

/** A doctor reopens a report they sent: what they sent, its status and the guidance (never agents' work). */
export const ZOwnReportParams = z.strictObject({
  receiptNumber: z.string().trim().regex(/^SIG-\d{4}-[0-9A-Z]{8}$/, { error: 'Numéro de reçu invalide (SIG-AAAA-XXXXXXXX).' }),
});
export const ZOwnReport = ZReportSummary.extend({
  description: z.string(),
  pastedText: z.string(),
  callerNumber: z.string(),
  sender: z.string(),
  links: z.array(z.string()),
  attachments: z.array(z.object({ fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() })),
  guidance: z.array(ZGuidanceItem),
});
export type TOwnReport = z.infer<typeof ZOwnReport>;

export const ZMyReportsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export const ZMyReports = z.object({
  items: z.array(ZReportSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TMyReports = z.infer<typeof ZMyReports>;

export const ZReportLimits = z.object({
  maxFileBytes: z.number().int(),
  maxFileLabel: z.string(),
  maxFiles: z.number().int(),
  acceptedLabel: z.string(),
  accept: z.string(),
});
export type TReportLimits = z.infer<typeof ZReportLimits>;
