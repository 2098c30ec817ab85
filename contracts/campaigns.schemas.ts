import { z, zUuid } from './zod.js';
import { FAMILY_LABELS } from '../analysis/messages/families.js';
import { REPORT_CHANNELS, REPORT_STATUSES } from './report-vocabulary.js';

export const CAMPAIGN_STATUSES = ['ouverte', 'qualifiee', 'close'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { ouverte: 'Ouverte', qualifiee: 'Qualifiée', close: 'Close' };

export const INDICATOR_KINDS = ['phone', 'domain', 'url', 'email', 'organisation'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  phone: 'Numéro',
  domain: 'Domaine',
  url: 'Lien',
  email: 'Adresse électronique',
  organisation: 'Organisme',
};

export const INDICATOR_STATUSES = ['actif', 'commun', 'en_attente', 'approuve', 'faux_positif', 'expire'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];
/** The statuses of an indicator that links reports into campaigns (and may be published). */
export const LINKING_INDICATOR_STATUSES = ['actif', 'approuve'] as const satisfies readonly IndicatorStatus[];
export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
  actif: 'Actif',
  commun: 'Valeur commune (ne relie pas)',
  en_attente: 'En attente de décision',
  approuve: 'Approuvé',
  faux_positif: 'Faux positif',
  expire: 'Expiré',
};

// Scam families: the analysis engine's (analysis/messages/families.ts), with the label a doctor reads.
export type ScamFamily = keyof typeof FAMILY_LABELS;
export const SCAM_FAMILIES = Object.keys(FAMILY_LABELS) as [ScamFamily, ...ScamFamily[]];
export const SCAM_FAMILY_LABELS: Record<string, string> = FAMILY_LABELS;
/** The family as the first words of a campaign's working name (« Faux contrôle de certification — 09 70… »). */
export const SCAM_FAMILY_SHORT_LABELS: Readonly<Record<ScamFamily, string>> = {
  certification_periodique: 'Faux contrôle de certification',
  formation_droits: 'Fausse formation « grâce à vos droits »',
  mot_de_passe: 'Demande de code ou de mot de passe',
  assurance_maladie: 'Fausse Assurance Maladie',
  ecps: 'Fausse e-CPS',
  cotisation_ordre: 'Faux appel de cotisation ordinale',
  annuaire: 'Fausse facture d’annuaire',
  urssaf: 'Fausse URSSAF',
  conseiller_bancaire: 'Faux conseiller bancaire',
  colis: 'Faux avis de colis',
  amende: 'Fausse amende',
  coordonnees: 'Changement de coordonnées frauduleux',
  hameconnage: 'Hameçonnage',
};
export { isFamilyId as isScamFamily } from '../analysis/messages/families.js';

const zCampaignReference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CAMP-[0-9]{4}-[0-9]{4,}$/, { error: 'Référence de campagne attendue, par exemple CAMP-2026-0042.' });
const zLabel = z.string().trim().min(1, { error: 'Le libellé est obligatoire.' }).max(200, { error: 'Le libellé ne peut pas dépasser 200 caractères.' });

export const ZCampaignIdParams = z.strictObject({ id: zUuid });
export const ZCampaignReportParams = z.strictObject({ id: zUuid, reportId: zUuid });
export const ZIndicatorIdParams = z.strictObject({ id: zUuid });

export const ZCampaignListQuery = z.strictObject({
  status: z.enum(CAMPAIGN_STATUSES, { error: 'Statut inconnu.' }).optional(),
  family: z.enum(SCAM_FAMILIES, { error: 'Famille inconnue.' }).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type TCampaignListQuery = z.infer<typeof ZCampaignListQuery>;

export const ZCampaignSummary = z.object({
  id: z.string(),
  reference: z.string(),
  label: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  scamFamily: z.string().nullable(),
  reportCount: z.number().int(),
  firstReportAt: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  qualifiedAt: z.string().nullable(),
});
export type TCampaignSummary = z.infer<typeof ZCampaignSummary>;

export const ZCampaignList = z.object({
  items: z.array(ZCampaignSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TCampaignList = z.infer<typeof ZCampaignList>;

export const ZCampaignIndicator = z.object({
  id: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  value: z.string(),
  /** As a French reader writes it (national format for a French number). */
  display: z.string(),
  status: z.enum(INDICATOR_STATUSES),
  /** Reports carrying it, all campaigns together. */
  sightings: z.number().int(),
  /** Reports of this campaign carrying it. */
  reportCount: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string().nullable(),
  /** State of the published value (what analyses and the registry see), null when never published. */
  published: z.enum(['active', 'false_positive', 'expired', 'withdrawn']).nullable(),
});
export type TCampaignIndicator = z.infer<typeof ZCampaignIndicator>;

/**
 * A value the campaign published (partners may have received it) that the indicator backfill withdrew:
 * no report carries it once read again with today's extraction rules.
 */
export const ZCampaignWithdrawnValue = z.object({
  kind: z.enum(INDICATOR_KINDS),
  value: z.string(),
  display: z.string(),
  withdrawnAt: z.string(),
  /** Why it is gone, in French (« Retrait automatique : plus lue dans les signalements relus le … »). */
  reason: z.string(),
});
export type TCampaignWithdrawnValue = z.infer<typeof ZCampaignWithdrawnValue>;

/** A report as shown on a campaign page: never the reporter's identity. */
export const ZCampaignReport = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  createdAt: z.string(),
  occurredOn: z.string().nullable(),
  channel: z.enum(REPORT_CHANNELS),
  departement: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  /** Placed by an agent: automatic grouping leaves it there. */
  pinned: z.boolean(),
  /** The viewer may open it (its département is the viewer's, or the viewer is national). */
  inScope: z.boolean(),
});
export type TCampaignReport = z.infer<typeof ZCampaignReport>;

/**
 * The name the public check page shows after « campagne » (never the agents' working label): an approved
 * public label, else the scam family's label, else none; and a proposal waiting for a second agent.
 */
export const ZCampaignPublicLabel = z.object({
  current: z.string().nullable(),
  source: z.enum(['approuve', 'famille']).nullable(),
  proposal: z.object({ label: z.string(), proposedAt: z.string(), proposedByMe: z.boolean() }).nullable(),
});
export type TCampaignPublicLabel = z.infer<typeof ZCampaignPublicLabel>;

export const ZCampaignPage = z.object({
  campaign: ZCampaignSummary.extend({ summary: z.string(), createdAt: z.string(), updatedAt: z.string() }),
  timeline: z.array(z.object({ day: z.string(), count: z.number().int() })),
  /** Every département whose reports the campaign holds, with how many (all readers see the counts). */
  departements: z.array(z.object({ departement: z.string().nullable(), count: z.number().int() })),
  /** For a départemental reader, only the indicators his département's reports carry. */
  indicators: z.array(ZCampaignIndicator),
  indicatorsOtherDepartements: z.number().int(),
  /**
   * « Valeurs retirées »: published values withdrawn by the indicator backfill, most recent first (at
   * most 200 listed out of `total`); a départemental reader gets those his département's reports carried.
   */
  withdrawn: z.object({ items: z.array(ZCampaignWithdrawnValue), total: z.number().int(), otherDepartements: z.number().int() }),
  /** For a départemental reader, only his département's reports; the others are counted, not shown. */
  reports: z.array(ZCampaignReport),
  reportsOtherDepartements: z.number().int(),
  /** Reports listed (most recent first) out of those the reader may see. */
  reportsShown: z.number().int(),
  /** Whether the reader may change the campaign, and if not, why (French, shown beside the actions). */
  access: z.object({ canChange: z.boolean(), reason: z.string().nullable() }),
  publicLabel: ZCampaignPublicLabel,
});
export type TCampaignPage = z.infer<typeof ZCampaignPage>;

export const ZCampaignUpdate = z
  .strictObject({
    label: zLabel.optional(),
    summary: z.string().trim().max(4000, { error: 'Le résumé ne peut pas dépasser 4 000 caractères.' }).optional(),
    scamFamily: z.enum(SCAM_FAMILIES, { error: 'Famille inconnue.' }).nullable().optional(),
  })
  .refine((v) => v.label !== undefined || v.summary !== undefined || v.scamFamily !== undefined, { error: 'Indiquez au moins un changement.' });
export type TCampaignUpdate = z.infer<typeof ZCampaignUpdate>;

export const ZCampaignSplit = z.strictObject({
  reportIds: z.array(zUuid).min(1, { error: 'Choisissez au moins un signalement.' }).max(500, { error: 'Au plus 500 signalements à la fois.' }),
  label: zLabel.optional(),
});
export type TCampaignSplit = z.infer<typeof ZCampaignSplit>;

export const ZCampaignMerge = z.strictObject({ reference: zCampaignReference });
export type TCampaignMerge = z.infer<typeof ZCampaignMerge>;

// C0 (line breaks and tabs included: a public name is one line), DEL and C1.
const isControlCharacter = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
const zPublicLabel = z
  .string()
  .trim()
  .min(1, { error: 'Le libellé public est obligatoire.' })
  .max(120, { error: 'Le libellé public ne peut pas dépasser 120 caractères.' })
  .refine((v) => [...v].every((ch) => !isControlCharacter(ch.codePointAt(0)!)), { error: 'Le libellé public tient sur une ligne, sans caractère de contrôle.' });

/** A public label proposed by one agent; it is shown only once a second agent approves it. */
export const ZCampaignPublicLabelProposal = z.strictObject({ label: zPublicLabel });
export type TCampaignPublicLabelProposal = z.infer<typeof ZCampaignPublicLabelProposal>;
/** The approver names the text he read, so a proposal changed meanwhile is not approved unseen. */
export const ZCampaignPublicLabelApproval = z.strictObject({ label: zPublicLabel });
export type TCampaignPublicLabelApproval = z.infer<typeof ZCampaignPublicLabelApproval>;
export const ZCampaignPublicLabelState = z.object({ campaign: ZCampaignSummary, publicLabel: ZCampaignPublicLabel });
export type TCampaignPublicLabelState = z.infer<typeof ZCampaignPublicLabelState>;

export const ZCampaignQualified = z.object({ campaign: ZCampaignSummary, published: z.number().int(), reportsQualified: z.number().int() });

export const ZHeldIndicator = z.object({
  id: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  value: z.string(),
  display: z.string(),
  status: z.enum(INDICATOR_STATUSES),
  sightings: z.number().int(),
  /** Reports it alone tied to a group nothing else linked them to (the over-correlation count). */
  soloLinks: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Campaigns holding it that the reader may open (at most five). */
  campaigns: z.array(z.object({ id: z.string(), reference: z.string(), label: z.string() })),
  /** False when its reach spans another département: only a national agent decides (CAMPAIGN_SHARED). */
  canDecide: z.boolean(),
});
export type THeldIndicator = z.infer<typeof ZHeldIndicator>;
export const ZHeldIndicatorList = z.object({ items: z.array(ZHeldIndicator), limit: z.number().int(), sharedReason: z.string() });

export const INDICATOR_DECISIONS = ['approuver', 'commun', 'faux_positif'] as const;
export const ZIndicatorDecision = z.strictObject({
  decision: z.enum(INDICATOR_DECISIONS, { error: 'Choisissez : approuver, valeur commune ou faux positif.' }),
  reason: z.string().trim().max(500, { error: 'Au plus 500 caractères.' }).optional(),
});
export type TIndicatorDecision = z.infer<typeof ZIndicatorDecision>;

export const ZIndicatorView = z.object({
  id: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  value: z.string(),
  status: z.enum(INDICATOR_STATUSES),
  sightings: z.number().int(),
  decidedAt: z.string().nullable(),
});
export type TIndicatorView = z.infer<typeof ZIndicatorView>;
