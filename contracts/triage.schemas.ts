import { z, zUuid } from './zod.js';
import { ZAnalysis } from './checks.schemas.js';
import { isDepartementCode } from './departements.js';
import { ATTACHMENT_ORIGINS, REPORT_CHANNELS, REPORT_STATUSES, REPORT_VERDICTS, SCAN_STATUSES, type ReportStatus } from './report-vocabulary.js';

// The back-office of signalements: the queue, a report's page, and what agents do with it (assign,
// move through the statuses, annotate, merge duplicates).

/** What the queue shows when no status is chosen: everything but reports whose address is unconfirmed. */
export const DEFAULT_QUEUE_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((s) => s !== 'en_attente_confirmation');

/** The statuses an agent moves a report to; `fusionne` comes only from a merge. */
export const TRIAGE_TARGET_STATUSES = ['en_cours', 'qualifie', 'classe_sans_suite'] as const;
export type TriageTargetStatus = (typeof TRIAGE_TARGET_STATUSES)[number];

export const QUEUE_PAGE_SIZE_DEFAULT = 25;
export const QUEUE_PAGE_SIZE_MAX = 100;
/** Value of the département filter for reports attached to no département (national accounts only). */
export const NO_DEPARTEMENT = 'aucun';

export const RECEIPT_NUMBER_PATTERN = /^SIG-[0-9]{4}-[0-9A-Z]{8}$/;

const zStatusFilter = z
  .union([z.enum(REPORT_STATUSES, { error: 'Statut inconnu.' }), z.array(z.enum(REPORT_STATUSES, { error: 'Statut inconnu.' })).max(REPORT_STATUSES.length)], {
    error: 'Statut inconnu.',
  })
  .transform((v) => (Array.isArray(v) ? v : [v]));

const zDepartementFilter = z
  .string()
  .trim()
  .refine((v) => v === NO_DEPARTEMENT || isDepartementCode(v.toUpperCase()), { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976, ou « aucun »).' })
  .transform((v) => (v === NO_DEPARTEMENT ? v : v.toUpperCase()));

const zDay = z.iso.date({ error: 'Date invalide (AAAA-MM-JJ).' });

export const ZTriageQueueQuery = z
  .strictObject({
    status: zStatusFilter.optional(),
    channel: z.enum(REPORT_CHANNELS, { error: 'Canal inconnu.' }).optional(),
    verdict: z.enum(REPORT_VERDICTS, { error: 'Verdict inconnu.' }).optional(),
    departement: zDepartementFilter.optional(),
    from: zDay.optional(),
    to: zDay.optional(),
    assigned: z.enum(['me', 'none'], { error: 'Choix inconnu.' }).optional(),
    campaignId: zUuid.optional(),
    q: z.string().trim().max(200, { error: 'La recherche ne peut pas dépasser 200 caractères.' }).optional(),
    page: z.coerce.number({ error: 'Numéro de page invalide.' }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number({ error: 'Taille de page invalide.' }).int().min(1).max(QUEUE_PAGE_SIZE_MAX, { error: `${QUEUE_PAGE_SIZE_MAX} résultats par page au plus.` }).default(QUEUE_PAGE_SIZE_DEFAULT),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: 'La date de fin précède la date de début.', path: ['to'] });
export type TTriageQueueQuery = z.infer<typeof ZTriageQueueQuery>;

const ZPerson = z.object({ id: z.string(), displayName: z.string() });

export const ZTriageQueueItem = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  createdAt: z.string(),
  source: z.enum(['formulaire', 'courriel']),
  channel: z.enum(REPORT_CHANNELS),
  verdict: z.enum(REPORT_VERDICTS).nullable(),
  organisationName: z.string(),
  departement: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  assignee: ZPerson.nullable(),
  campaign: z.object({ id: z.string(), reference: z.string() }).nullable(),
  /** The beginning of « what happened », as plain text (never the pasted copy of the exchanges). */
  excerpt: z.string(),
});
export type TTriageQueueItem = z.infer<typeof ZTriageQueueItem>;

export const ZTriageQueuePage = z.object({
  items: z.array(ZTriageQueueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TTriageQueuePage = z.infer<typeof ZTriageQueuePage>;

export const ZTriageReportParams = z.strictObject({ id: zUuid });
export const ZTriageAttachmentParams = z.strictObject({ id: zUuid, attachmentId: zUuid });

/** What the actor may do next with the report, computed by the server's state machine. */
export const ZTriageActions = z.object({
  statuses: z.array(z.object({ status: z.enum(TRIAGE_TARGET_STATUSES), reasonRequired: z.boolean() })),
  canAssign: z.boolean(),
  canMerge: z.boolean(),
});

/** The state of a report after a change: enough for the page to update without reading it again. */
export const ZTriageReportState = z.object({
  id: z.string(),
  status: z.enum(REPORT_STATUSES),
  version: z.number().int(),
  assignee: ZPerson.nullable(),
  mergedInto: z.object({ id: z.string(), receiptNumber: z.string() }).nullable(),
  qualifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  actions: ZTriageActions,
});
export type TTriageReportState = z.infer<typeof ZTriageReportState>;

export const ZTriageAttachment = z.object({
  id: z.string(),
  /** The report holding the file: this one, or a duplicate merged into it. */
  reportId: z.string(),
  receiptNumber: z.string(),
  fromDuplicate: z.boolean(),
  origin: z.enum(ATTACHMENT_ORIGINS),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  scanStatus: z.enum(SCAN_STATUSES),
  createdAt: z.string(),
});

export const ZTriageNote = z.object({
  id: z.string(),
  author: ZPerson,
  body: z.string(),
  createdAt: z.string(),
});
export type TTriageNote = z.infer<typeof ZTriageNote>;

/** A status change answers the new state and, when a reason was given, the note that keeps it. */
export const ZStatusChangeResult = ZTriageReportState.extend({ note: ZTriageNote.nullable() });
export type TStatusChangeResult = z.infer<typeof ZStatusChangeResult>;

export const ZTriageReportDetail = ZTriageReportState.extend({
  receiptNumber: z.string(),
  source: z.enum(['formulaire', 'courriel']),
  channel: z.enum(REPORT_CHANNELS),
  occurredOn: z.string().nullable(),
  organisationName: z.string(),
  callerNumber: z.string(),
  sender: z.string(),
  links: z.array(z.string()),
  description: z.string(),
  pastedText: z.string(),
  departement: z.string().nullable(),
  /** Visible to the council only; reading it is written to the audit log. */
  reporter: z.object({
    name: z.string(),
    email: z.string().nullable(),
    pseudonymous: z.boolean(),
    account: z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: z.string() }).nullable(),
    confirmedAt: z.string().nullable(),
  }),
  verdict: z.enum(REPORT_VERDICTS).nullable(),
  scamFamily: z.string().nullable(),
  analysis: ZAnalysis.nullable(),
  campaign: z.object({ id: z.string(), reference: z.string(), label: z.string(), status: z.string() }).nullable(),
  campaignPinned: z.boolean(),
  duplicates: z.array(z.object({ id: z.string(), receiptNumber: z.string(), channel: z.enum(REPORT_CHANNELS), createdAt: z.string() })),
  attachments: z.array(ZTriageAttachment),
  notes: z.array(ZTriageNote),
  createdAt: z.string(),
});
export type TTriageReportDetail = z.infer<typeof ZTriageReportDetail>;

const zVersion = z.number({ error: 'Version du signalement manquante.' }).int().min(1);
const zReason = z.string().trim().min(10, { error: 'Le motif doit contenir au moins 10 caractères.' }).max(1000, { error: 'Le motif ne peut pas dépasser 1 000 caractères.' });

export const ZAssignment = z.strictObject({
  /** null: nobody. */
  assigneeId: zUuid.nullable(),
  version: zVersion,
});
export type TAssignment = z.infer<typeof ZAssignment>;

export const ZStatusChange = z.strictObject({
  status: z.enum(TRIAGE_TARGET_STATUSES, { error: 'Choisissez « en cours », « qualifié » ou « classé sans suite ».' }),
  /** Required to class a report without follow-up and to reopen one. Kept as a note and in the audit log. */
  reason: zReason.optional(),
  version: zVersion,
});
export type TStatusChange = z.infer<typeof ZStatusChange>;

export const ZNoteCreate = z.strictObject({
  body: z.string().trim().min(1, { error: 'La note est vide.' }).max(4000, { error: 'La note ne peut pas dépasser 4 000 caractères.' }),
});

export const ZMerge = z.strictObject({
  /** The report this one duplicates, by its receipt number. */
  targetReceiptNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(RECEIPT_NUMBER_PATTERN, { error: 'Numéro de signalement invalide (SIG-AAAA-XXXXXXXX).' }),
  version: zVersion,
});
export type TMerge = z.infer<typeof ZMerge>;

export const ZAssignees = z.object({ items: z.array(ZPerson.extend({ departement: z.string().nullable() })) });
