import { z, zUuid } from './zod.js';
import { FAMILY_LABELS } from '../analysis/messages/families.js';

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
export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
  actif: 'Actif',
  commun: 'Valeur commune (ne relie pas)',
  en_attente: 'En attente de décision',
  approuve: 'Approuvé',
  faux_positif: 'Faux positif',
  expire: 'Expiré',
};

export const SCAM_FAMILIES = Object.keys(FAMILY_LABELS) as [keyof typeof FAMILY_LABELS, ...(keyof typeof FAMILY_LABELS)[]];
export const SCAM_FAMILY_LABELS: Record<string, string> = FAMILY_LABELS;

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
  published: z.enum(['active', 'false_positive', 'expired']).nullable(),
});
export type TCampaignIndicator = z.infer<typeof ZCampaignIndicator>;

/** A report as shown on a campaign page: never the reporter's identity. */
export const ZCampaignReport = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  createdAt: z.string(),
  occurredOn: z.string().nullable(),
  channel: z.string(),
  departement: z.string().nullable(),
  status: z.string(),
  /** Placed by an agent: automatic grouping leaves it there. */
  pinned: z.boolean(),
  /** The viewer may open it (its département is the viewer's, or the viewer is national). */
  inScope: z.boolean(),
});
export type TCampaignReport = z.infer<typeof ZCampaignReport>;

export const ZCampaignPage = z.object({
  campaign: ZCampaignSummary.extend({ summary: z.string(), createdAt: z.string(), updatedAt: z.string() }),
  timeline: z.array(z.object({ day: z.string(), count: z.number().int() })),
  departements: z.array(z.object({ departement: z.string().nullable(), count: z.number().int() })),
  indicators: z.array(ZCampaignIndicator),
  reports: z.array(ZCampaignReport),
  /** Reports listed (most recent first) out of reportCount. */
  reportsShown: z.number().int(),
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
  campaigns: z.array(z.object({ id: z.string(), reference: z.string(), label: z.string() })),
});
export type THeldIndicator = z.infer<typeof ZHeldIndicator>;
export const ZHeldIndicatorList = z.object({ items: z.array(ZHeldIndicator), limit: z.number().int() });

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
