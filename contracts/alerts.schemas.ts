import { z, zUuid } from './zod.js';
import { isDepartementCode } from './departements.js';
import { officialSpecialtyOr } from './specialties.js';

export const ALERT_STATUSES = ['brouillon', 'a_approuver', 'en_diffusion', 'diffusee', 'retiree'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  brouillon: 'Brouillon',
  a_approuver: 'À approuver',
  en_diffusion: 'En diffusion',
  diffusee: 'Diffusée',
  retiree: 'Retirée',
};

/** The tabs of the alerts page: each status as a plural (« Brouillons »), then all. */
export const ALERT_STATUS_TAB_LABELS: Record<AlertStatus | '', string> = {
  brouillon: 'Brouillons',
  a_approuver: 'À approuver',
  en_diffusion: 'En diffusion',
  diffusee: 'Diffusées',
  retiree: 'Retirées',
  '': 'Toutes',
};

export const AUDIENCE_SCOPES = ['national', 'departements', 'specialites'] as const;
export type AudienceScope = (typeof AUDIENCE_SCOPES)[number];
export const AUDIENCE_SCOPE_LABELS: Record<AudienceScope, string> = {
  national: 'Tous les médecins (national)',
  departements: 'Les médecins de départements choisis',
  specialites: 'Les médecins de spécialités choisies',
};

export const MAX_ALERT_TITLE_CHARS = 200;
export const MAX_ALERT_TEXT_CHARS = 4000;
export const DEFAULT_VISIBLE_DAYS = 30;

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label} : ce champ est obligatoire.` })
    .max(max, { error: `${label} : ${max.toLocaleString('fr-FR')} caractères au plus.` });

const zAlertDepartement = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isDepartementCode, { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' });

export const ZAudience = z
  .strictObject({
    scope: z.enum(AUDIENCE_SCOPES, { error: 'Choisissez les destinataires : national, départements ou spécialités.' }),
    departements: z.array(zAlertDepartement).max(101).default([]),
    // An official specialty however spelled targets its official label; another (an imported spelling the list does not know) stays as written.
    specialties: z.array(z.string().trim().min(1).max(120).transform(officialSpecialtyOr)).max(50).default([]),
  })
  .superRefine((a, ctx) => {
    if (a.scope === 'departements' && a.departements.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['departements'], message: 'Choisissez au moins un département.' });
    }
    if (a.scope === 'specialites' && a.specialties.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['specialties'], message: 'Choisissez au moins une spécialité.' });
    }
    if (a.scope === 'national' && (a.departements.length > 0 || a.specialties.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'Une alerte nationale ne se restreint ni par département ni par spécialité.' });
    }
    if (a.scope === 'departements' && a.specialties.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['specialties'], message: 'Pour cibler des spécialités, choisissez « spécialités » (éventuellement dans des départements).' });
    }
  });
export type TAudience = z.infer<typeof ZAudience>;

/** A date (AAAA-MM-JJ): the alert stays on the public page through that whole day (Paris time). */
const zVisibleUntil = z.iso.date({ error: 'Date invalide (AAAA-MM-JJ).' });

export const ZAlertDraft = z.strictObject({
  title: text('Titre', MAX_ALERT_TITLE_CHARS),
  situation: text('Ce qui se passe', MAX_ALERT_TEXT_CHARS),
  whatToDo: text('Ce qu’il faut faire', MAX_ALERT_TEXT_CHARS),
  whatNotToDo: z.string().trim().max(MAX_ALERT_TEXT_CHARS, { error: `Ce qu’il ne faut pas faire : ${MAX_ALERT_TEXT_CHARS.toLocaleString('fr-FR')} caractères au plus.` }).default(''),
  audience: ZAudience,
  campaignId: zUuid.nullable().default(null),
  /** Null: visible 30 days from the approval. */
  visibleUntil: zVisibleUntil.nullable().default(null),
});
export type TAlertDraft = z.infer<typeof ZAlertDraft>;

export const ZAlertIdParams = z.strictObject({ id: zUuid });
export const ZCampaignIdParams = z.strictObject({ campaignId: zUuid });

export const ZAlertListQuery = z.strictObject({
  status: z.enum(ALERT_STATUSES).optional(),
});

export const ZAlertReturn = z.strictObject({
  comment: z.string().trim().min(5, { error: 'Expliquez en quelques mots ce qu’il faut revoir (5 caractères au moins).' }).max(2000),
});

export const ZAlertWithdraw = z.strictObject({
  reason: z.string().trim().min(10, { error: 'Indiquez le motif du retrait (10 caractères au moins).' }).max(500),
});

export const ZDeliveryCounts = z.object({
  total: z.number().int(),
  sent: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
});
export type TDeliveryCounts = z.infer<typeof ZDeliveryCounts>;

export const ZAudiencePreview = z.object({
  /** Distinct addresses the alert would be sent to. */
  recipients: z.number().int(),
  /** Doctors of the audience with no email address on their record. */
  withoutEmail: z.number().int(),
  /** Doctors of the audience whose record is frozen (contact details in dispute): not sent to. */
  frozen: z.number().int(),
});
export type TAudiencePreview = z.infer<typeof ZAudiencePreview>;

const ZPerson = z.object({ id: z.string(), displayName: z.string() });

export const ZAlertView = z.object({
  id: z.string(),
  title: z.string(),
  situation: z.string(),
  whatToDo: z.string(),
  whatNotToDo: z.string(),
  audience: z.object({ scope: z.enum(AUDIENCE_SCOPES), departements: z.array(z.string()), specialties: z.array(z.string()) }),
  campaign: z.object({ id: z.string(), reference: z.string(), label: z.string() }).nullable(),
  status: z.enum(ALERT_STATUSES),
  draftedBy: ZPerson,
  approvedBy: ZPerson.nullable(),
  reviewComment: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  broadcastFinishedAt: z.string().nullable(),
  visibleUntil: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  recipientsTotal: z.number().int(),
  deliveries: ZDeliveryCounts,
  /** Recipient count the audience would reach now (drafts and alerts awaiting approval only). */
  preview: ZAudiencePreview.nullable(),
  /** What the viewer may do now (the server checks again on every action). */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), withdraw: z.boolean() }),
});
export type TAlertView = z.infer<typeof ZAlertView>;

export const ZAlertSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ALERT_STATUSES),
  audience: z.object({ scope: z.enum(AUDIENCE_SCOPES), departements: z.array(z.string()), specialties: z.array(z.string()) }),
  draftedBy: ZPerson,
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  recipientsTotal: z.number().int(),
  /** A draft the second agent sent back with a comment. */
  returned: z.boolean(),
});
export type TAlertSummary = z.infer<typeof ZAlertSummary>;
export const ZAlertList = z.object({ items: z.array(ZAlertSummary) });

export const ZCampaignPrefill = z.object({
  id: z.string(),
  reference: z.string(),
  label: z.string(),
  scamFamily: z.string().nullable(),
  status: z.string(),
});

export const ZSpecialtyList = z.object({ items: z.array(z.string()) });

/** What anyone may read on « Alertes en cours »: the text, its date, nothing internal. */
export const ZPublicAlert = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: z.string(),
  situation: z.string(),
  whatToDo: z.string(),
  whatNotToDo: z.string(),
});
export type TPublicAlert = z.infer<typeof ZPublicAlert>;
export const ZPublicAlertList = z.object({ items: z.array(ZPublicAlert) });
