import { z, zEmail, zUuid } from './zod.js';
import { DPC_PRIORITIES, ZDpcDriftFinding } from './dpc.schemas.js';
import {
  DPC_DECISION_OUTCOMES,
  DPC_REPORTER_KINDS,
  DPC_SIGNALEMENT_KINDS,
  DPC_SIGNALEMENT_LIMITS,
  DPC_SIGNALEMENT_STATUSES,
  DPC_SUBJECT_KINDS,
} from './dpc-signalements.schemas.js';

// The workflow of DPC signalements (docs/dpc-signalements.md « Workflow »): the queue, a signalement as
// the council reads it (never its reporter), triage, the expert reviewer's opinion, the contradictory
// step with the reported organisation, and the decision. The reporter's identity has its own schema,
// served by its own route only.

/** The journal's steps as staff read them (dpc_signalement_events.kind). */
export const DPC_SIGNALEMENT_EVENT_LABELS = {
  depose: 'Signalement reçu',
  trie: 'Signalement trié',
  relecteur_designe: 'Relecteur désigné',
  avis: 'Avis du relecteur',
  contradictoire_ouvert: 'Organisme invité à répondre',
  contradictoire_reponse: 'Réponse de l’organisme reçue',
  contradictoire_clos: 'Contradictoire clos sans réponse',
  decision: 'Décision',
  envoi: 'Dossier transmis',
  echange: 'Échange avec un partenaire',
  note: 'Note',
} as const;
export type DpcSignalementEventKind = keyof typeof DPC_SIGNALEMENT_EVENT_LABELS;

/** Lines per page of the queue (an agent's, or the reviewer's designated signalements). */
export const DPC_QUEUE_PAGE_SIZE = 25;

export const ZDpcSignalementParams = z.strictObject({ id: zUuid });
export const ZDpcEvidenceParams = z.strictObject({ id: zUuid, evidenceId: zUuid });
/** The contradictory link's token: 32 random bytes in base64url (43 characters). */
export const ZDpcContradictoryParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'Lien invalide.' }),
});

export const ZDpcQueueQuery = z.strictObject({
  status: z.enum(DPC_SIGNALEMENT_STATUSES, { error: 'Statut inconnu.' }).optional(),
  kind: z.enum(DPC_SIGNALEMENT_KINDS, { error: 'Type de signalement inconnu.' }).optional(),
  priority: z.enum(DPC_PRIORITIES, { error: 'Priorité : « haute », « moyenne », « basse » ou « aucune ».' }).optional(),
  page: z.coerce.number({ error: 'Numéro de page invalide.' }).int().min(1).max(1000).default(1),
});
export type TDpcQueueQuery = z.infer<typeof ZDpcQueueQuery>;

export const ZDpcQueueItem = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(DPC_SIGNALEMENT_KINDS),
  subjectKind: z.enum(DPC_SUBJECT_KINDS),
  subjectLabel: z.string(),
  departement: z.string().nullable(),
  status: z.enum(DPC_SIGNALEMENT_STATUSES),
  priority: z.enum(DPC_PRIORITIES),
  score: z.number().int(),
  reviewerName: z.string().nullable(),
  createdAt: z.string(),
});
export type TDpcQueueItem = z.infer<typeof ZDpcQueueItem>;

export const ZDpcQueuePage = z.object({
  items: z.array(ZDpcQueueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Signalements in the actor's scope by status, whatever the filters (the home page's counts). */
  counts: z.record(z.enum(DPC_SIGNALEMENT_STATUSES), z.number().int()),
});
export type TDpcQueuePage = z.infer<typeof ZDpcQueuePage>;

export const ZDpcReviewerList = z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) });
export type TDpcReviewerList = z.infer<typeof ZDpcReviewerList>;

export const ZDpcSignalementDetail = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(DPC_SIGNALEMENT_KINDS),
  subjectKind: z.enum(DPC_SUBJECT_KINDS),
  subjectLabel: z.string(),
  practitionerRpps: z.string().nullable(),
  departement: z.string().nullable(),
  occurredOn: z.string().nullable(),
  facts: z.string(),
  findings: z.array(ZDpcDriftFinding),
  score: z.number().int(),
  priority: z.enum(DPC_PRIORITIES),
  lexiconVersion: z.string(),
  concernsHealth: z.boolean(),
  status: z.enum(DPC_SIGNALEMENT_STATUSES),
  statusBeforeContradictory: z.enum(DPC_SIGNALEMENT_STATUSES).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  reviewer: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  organisation: z.object({ name: z.string(), registrationNumber: z.string(), contactEmail: z.string().nullable() }).nullable(),
  action: z
    .object({
      id: z.string(),
      reference: z.string(),
      title: z.string(),
      programme: z.string(),
      /** `screenedText` is what the screening read (title, then programme): the findings' offsets point into it. */
      screening: z.object({ score: z.number().int(), priority: z.enum(DPC_PRIORITIES), lexiconVersion: z.string(), findings: z.array(ZDpcDriftFinding), screenedText: z.string() }).nullable(),
    })
    .nullable(),
  evidence: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), scanStatus: z.enum(['sain', 'non_analyse']) })),
  events: z.array(z.object({ id: z.string(), kind: z.enum(Object.keys(DPC_SIGNALEMENT_EVENT_LABELS) as [DpcSignalementEventKind, ...DpcSignalementEventKind[]]), actorName: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
  reviews: z.array(
    z.object({
      id: z.string(),
      reviewerName: z.string(),
      opinion: z.string(),
      recommendedOutcomes: z.array(z.enum(DPC_DECISION_OUTCOMES)),
      confirmedRuleIds: z.array(z.string()),
      createdAt: z.string(),
    }),
  ),
  invitations: z.array(
    z.object({
      id: z.string(),
      recipientEmail: z.string(),
      statement: z.string(),
      dueOn: z.string(),
      invitedAt: z.string(),
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
  decision: z.object({ outcomes: z.array(z.enum(DPC_DECISION_OUTCOMES)), reason: z.string().nullable(), decidedAt: z.string().nullable(), decidedByName: z.string().nullable() }).nullable(),
  /** What the actor may do now (the server decides again on each action). */
  can: z.object({
    triage: z.boolean(),
    review: z.boolean(),
    invite: z.boolean(),
    closeContradictory: z.boolean(),
    decide: z.boolean(),
    /** Transmissions and saisine need a reviewer's opinion first; classement does not. */
    decideTransmission: z.boolean(),
    revealReporter: z.boolean(),
  }),
});
export type TDpcSignalementDetail = z.infer<typeof ZDpcSignalementDetail>;

/** Who reported: served by the reporter route only, each read audited. */
export const ZDpcReporter = z.object({
  reporterKind: z.enum(DPC_REPORTER_KINDS),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  profession: z.string().nullable(),
  relation: z.string().nullable(),
});
export type TDpcReporter = z.infer<typeof ZDpcReporter>;

/** What a change answers: where the signalement now stands. */
export const ZDpcSignalementState = z.object({ id: z.string(), reference: z.string(), status: z.enum(DPC_SIGNALEMENT_STATUSES), version: z.number().int() });
export type TDpcSignalementState = z.infer<typeof ZDpcSignalementState>;

const zVersion = z.number({ error: 'Version manquante : rechargez la page.' }).int().min(1);
const zText = (max: number, label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, { error: `${label} est obligatoire.` })
    .max(max, { error: `${label} ne peut pas dépasser ${max} caractères.` });

/** Outcomes: at least one, each once, and « classement » stands alone. */
const zOutcomes = z
  .array(z.enum(DPC_DECISION_OUTCOMES, { error: 'Issue inconnue.' }), { error: 'Choisissez au moins une issue.' })
  .min(1, { error: 'Choisissez au moins une issue.' })
  .max(DPC_DECISION_OUTCOMES.length)
  .refine((outcomes) => new Set(outcomes).size === outcomes.length, { error: 'Chaque issue ne peut être choisie qu’une fois.' })
  .refine((outcomes) => !outcomes.includes('classement') || outcomes.length === 1, {
    error: 'Le classement sans suite ne se combine avec aucune transmission ni saisine.',
  });

export const ZDpcTriage = z.strictObject({
  version: zVersion,
  kind: z.enum(DPC_SIGNALEMENT_KINDS, { error: 'Type de signalement inconnu.' }).optional(),
  reviewerId: zUuid,
  note: zText(4000, 'La note').optional(),
});
export type TDpcTriage = z.infer<typeof ZDpcTriage>;

export const ZDpcReview = z.strictObject({
  version: zVersion,
  opinion: zText(DPC_SIGNALEMENT_LIMITS.review, 'L’avis'),
  recommendedOutcomes: zOutcomes,
  confirmedRuleIds: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
});
export type TDpcReview = z.infer<typeof ZDpcReview>;

export const ZDpcContradictoryInvite = z.strictObject({
  version: zVersion,
  statement: zText(DPC_SIGNALEMENT_LIMITS.statement, 'Le texte adressé à l’organisme'),
  recipientEmail: zEmail.optional(),
  dueOn: z.iso.date({ error: 'Saisissez une date réelle (AAAA-MM-JJ).' }).optional(),
});
export type TDpcContradictoryInvite = z.infer<typeof ZDpcContradictoryInvite>;

export const ZDpcVersion = z.strictObject({ version: zVersion });

export const ZDpcDecision = z.strictObject({
  version: zVersion,
  outcomes: zOutcomes,
  reason: zText(DPC_SIGNALEMENT_LIMITS.decisionReason, 'Le motif'),
});
export type TDpcDecision = z.infer<typeof ZDpcDecision>;

/** What the reported organisation reads through its link: never the facts, findings, reporter or reviewer. */
export const ZDpcContradictoryView = z.object({
  reference: z.string(),
  subjectLabel: z.string(),
  statement: z.string(),
  dueOn: z.string(),
  state: z.enum(['ouvert', 'repondu', 'clos']),
});
export type TDpcContradictoryView = z.infer<typeof ZDpcContradictoryView>;

export const ZDpcContradictoryAnswer = z.strictObject({ answer: zText(DPC_SIGNALEMENT_LIMITS.answer, 'La réponse') });
export type TDpcContradictoryAnswer = z.infer<typeof ZDpcContradictoryAnswer>;
export const ZDpcContradictoryAnswered = z.object({ reference: z.string(), answeredAt: z.string() });
