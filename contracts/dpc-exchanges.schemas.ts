import { DPC_ACTION_FORMATS, DPC_PRIORITIES } from './dpc.schemas.js';
import {
  DPC_DECISION_OUTCOMES,
  DPC_EXCHANGE_KINDS,
  DPC_PARTNERS,
  DPC_REPORTER_KINDS,
  DPC_SIGNALEMENT_KINDS,
  DPC_SIGNALEMENT_LIMITS,
  DPC_SUBJECT_KINDS,
  type DpcDecisionOutcome,
} from './dpc-signalements.schemas.js';
import { REGIONS } from './regions.js';
import { z, zUuid } from './zod.js';

// The exchanges with the ANDPC and the MIVILUDES (the package sent, what they answer) and the national
// statistics of DPC signalements (docs/dpc-signalements.md « Exchanges », « Statistics »).

/** The partners a package is prepared for, each by a decision outcome. */
export const DPC_TRANSMISSION_PARTNERS = ['andpc', 'miviludes'] as const;
export type DpcTransmissionPartner = (typeof DPC_TRANSMISSION_PARTNERS)[number];
export const DPC_TRANSMISSION_OUTCOMES: Record<DpcTransmissionPartner, DpcDecisionOutcome> = {
  andpc: 'transmission_andpc',
  miviludes: 'transmission_miviludes',
};
/** « Préparer le dossier pour l’ANDPC »: the partner as a sentence names it. */
export const DPC_TRANSMISSION_PARTNER_PHRASES: Record<DpcTransmissionPartner, string> = {
  andpc: 'l’ANDPC',
  miviludes: 'la MIVILUDES',
};

export const DPC_EXCHANGE_DIRECTIONS = ['sortant', 'entrant'] as const;
export type DpcExchangeDirection = (typeof DPC_EXCHANGE_DIRECTIONS)[number];
export const DPC_EXCHANGE_DIRECTION_LABELS: Record<DpcExchangeDirection, string> = {
  sortant: 'Envoyé par le conseil',
  entrant: 'Reçu du partenaire',
};
/** What an agent records by hand; an `envoi` is only made by preparing a package. */
export const DPC_RECORDED_EXCHANGE_KINDS = ['accuse_reception', 'reponse', 'mise_a_jour', 'relance'] as const;

/** The identifier of the package format, so a partner's import can tell versions apart. */
export const DPC_PACKAGE_FORMAT = 'vigie-dpc-signalement/1';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} doit être du texte.` })
    .trim()
    .min(1, { error: `${label} est obligatoire.` })
    .max(max, { error: `${label} ne peut pas dépasser ${max.toLocaleString('fr-FR')} caractères.` });
const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

export const ZDpcSignalementIdParams = z.strictObject({ id: zUuid });
export const ZDpcExchangeIdParams = z.strictObject({ exchangeId: zUuid });

export const ZDpcPackageCreate = z.strictObject({
  partner: z.enum(DPC_TRANSMISSION_PARTNERS, { error: 'Destinataire : « andpc » ou « miviludes ».' }),
  sharedFacts: text('Les faits à transmettre', DPC_SIGNALEMENT_LIMITS.facts),
});
export type TDpcPackageCreate = z.infer<typeof ZDpcPackageCreate>;

export const ZDpcExchangeCreate = z.strictObject({
  partner: z.enum(DPC_PARTNERS, { error: 'Partenaire inconnu.' }),
  direction: z.enum(DPC_EXCHANGE_DIRECTIONS, { error: 'Sens : « entrant » ou « sortant ».' }),
  kind: z.enum(DPC_RECORDED_EXCHANGE_KINDS, { error: 'Nature de l’échange : accusé de réception, réponse, mise à jour ou relance.' }),
  summary: text('Le résumé de l’échange', DPC_SIGNALEMENT_LIMITS.exchangeSummary),
  partnerReference: z.preprocess(blankToUndefined, text('La référence du partenaire', 100).optional()),
  /** When it happened (not in the future: checked by the service against its clock); default now. */
  occurredAt: z.preprocess(blankToUndefined, z.iso.datetime({ offset: true, error: 'Date et heure invalides.' }).optional()),
  /** The outgoing package this acknowledgement is for (kind `accuse_reception` only). */
  acknowledges: z.preprocess(blankToUndefined, zUuid.optional()),
});
export type TDpcExchangeCreate = z.infer<typeof ZDpcExchangeCreate>;

/** One line of the log, as agents read it. */
export const ZDpcExchangeEntry = z.object({
  id: z.string(),
  partner: z.enum(DPC_PARTNERS),
  partnerLabel: z.string(),
  direction: z.enum(DPC_EXCHANGE_DIRECTIONS),
  kind: z.enum(DPC_EXCHANGE_KINDS),
  kindLabel: z.string(),
  summary: z.string().nullable(),
  partnerReference: z.string().nullable(),
  occurredAt: z.string(),
  recordedBy: z.string(),
  /** An outgoing package: its fingerprint and the name its files download under (without extension). */
  package: z.object({ sha256: z.string(), fileBaseName: z.string() }).nullable(),
  /** For an `envoi`: whether an acknowledgement points to it; null for other entries. */
  acknowledged: z.boolean().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** For an acknowledgement: the `envoi` it acknowledges. */
  acknowledges: z.string().nullable(),
});
export type TDpcExchangeEntry = z.infer<typeof ZDpcExchangeEntry>;

export const ZDpcPendingTransmission = z.object({
  partner: z.enum(DPC_TRANSMISSION_PARTNERS),
  partnerLabel: z.string(),
  outcome: z.enum(DPC_DECISION_OUTCOMES),
  /** The signalement's facts, to pre-fill the text the agent rewrites for sharing (agents only). */
  draftFacts: z.string(),
});

export const ZDpcExchangeLog = z.object({
  signalementId: z.string(),
  reference: z.string(),
  entries: z.array(ZDpcExchangeEntry),
  pending: z.array(ZDpcPendingTransmission),
});
export type TDpcExchangeLog = z.infer<typeof ZDpcExchangeLog>;

const ZPackageFinding = z.object({
  ruleId: z.string(),
  family: z.string(),
  familyLabel: z.string(),
  explanation: z.string(),
  evidence: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })),
});
const ZPackageScreening = z.object({
  lexiconVersion: z.string(),
  score: z.number().int(),
  priority: z.enum(DPC_PRIORITIES),
  priorityLabel: z.string(),
  findings: z.array(ZPackageFinding),
});
const ZLabelledOutcome = z.object({ outcome: z.enum(DPC_DECISION_OUTCOMES), label: z.string() });

/**
 * What is sent to the ANDPC or the MIVILUDES, as JSON and as the PDF made from it. Nothing of the
 * reporter: not their identity, not the account that filed it, not the facts as they wrote them.
 */
export const ZDpcPackage = z.object({
  format: z.literal(DPC_PACKAGE_FORMAT),
  generatedAt: z.string(),
  sender: z.string(),
  recipient: z.object({ partner: z.enum(DPC_TRANSMISSION_PARTNERS), label: z.string() }),
  reference: z.string(),
  kind: z.enum(DPC_SIGNALEMENT_KINDS),
  kindLabel: z.string(),
  subject: z.object({
    kind: z.enum(DPC_SUBJECT_KINDS),
    kindLabel: z.string(),
    label: z.string(),
    practitionerRpps: z.string().nullable(),
    action: z
      .object({
        reference: z.string(),
        title: z.string(),
        orientation: z.string().nullable(),
        format: z.enum(DPC_ACTION_FORMATS),
        formatLabel: z.string(),
        startsOn: z.string().nullable(),
        endsOn: z.string().nullable(),
      })
      .nullable(),
    organisation: z.object({ registrationNumber: z.string(), name: z.string() }).nullable(),
  }),
  departement: z.string().nullable(),
  region: z.object({ region: z.enum(REGIONS), label: z.string() }).nullable(),
  occurredOn: z.string().nullable(),
  sharedFacts: z.string(),
  /** The screening of the shared facts; evidence offsets point into sharedFacts. */
  screening: ZPackageScreening,
  /** The screening of the action's programme as the catalogue stored it. */
  programmeScreening: ZPackageScreening.nullable(),
  opinions: z.array(z.object({ givenAt: z.string(), opinion: z.string(), recommendedOutcomes: z.array(ZLabelledOutcome), confirmedRuleIds: z.array(z.string()) })),
  decision: z.object({ outcomes: z.array(ZLabelledOutcome), reason: z.string().nullable(), decidedAt: z.string().nullable() }),
  evidence: z.object({ count: z.number().int(), files: z.array(z.object({ mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string() })) }),
  contradictory: z.array(
    z.object({ invitedAt: z.string(), dueOn: z.string(), statement: z.string(), answered: z.boolean(), answer: z.string().nullable(), answeredAt: z.string().nullable() }),
  ),
});
export type TDpcPackage = z.infer<typeof ZDpcPackage>;

// Statistics.

/** Signalements not decided yet, counted as an outcome of their own. */
export const DPC_OUTCOME_PENDING = 'en_cours';
export const DPC_OUTCOME_PENDING_LABEL = 'En cours';
/** Signalements whose screening found no marker. */
export const DPC_PRACTICE_NONE_LABEL = 'Aucun marqueur';
export const DPC_REGION_UNKNOWN_LABEL = 'Non précisée';

const zDay = z.iso.date({ error: 'Saisissez une date réelle (AAAA-MM-JJ).' });
export const ZDpcStatsQuery = z
  .strictObject({ from: zDay.optional(), to: zDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'La date de début doit précéder la date de fin.', path: ['to'] });
export type TDpcStatsQuery = z.infer<typeof ZDpcStatsQuery>;

const zCount = z.number().int();
export const ZDpcStats = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: zCount,
  byKind: z.array(z.object({ kind: z.enum(DPC_SIGNALEMENT_KINDS), label: z.string(), count: zCount })),
  /** Per drift family found (a signalement may show several); `family` null: no marker. */
  byPractice: z.array(z.object({ family: z.string().nullable(), label: z.string(), count: zCount })),
  byRegion: z.array(z.object({ region: z.enum(REGIONS).nullable(), label: z.string(), count: zCount })),
  /** Each decided outcome (a decision may hold several), and the undecided as `en_cours`. */
  byOutcome: z.array(z.object({ outcome: z.union([z.enum(DPC_DECISION_OUTCOMES), z.literal(DPC_OUTCOME_PENDING)]), label: z.string(), count: zCount })),
  byReporterKind: z.array(z.object({ reporterKind: z.enum(DPC_REPORTER_KINDS), label: z.string(), count: zCount })),
  byMonth: z.array(z.object({ month: z.string(), count: zCount })),
  healthShare: z.object({ concerning: zCount, total: zCount, percent: z.number() }),
});
export type TDpcStats = z.infer<typeof ZDpcStats>;
