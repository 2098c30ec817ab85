import { z, zUuid } from './zod.js';

/** What an agent can follow: a phone number, a domain, a département or a scam family. */
export const WATCH_KINDS = ['phone', 'domain', 'departement', 'scam_family'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const WATCH_KIND_LABELS: Record<WatchKind, string> = {
  phone: 'Numéro de téléphone',
  domain: 'Nom de domaine',
  departement: 'Département',
  scam_family: "Famille d'escroquerie",
};

/** Subscriptions an agent may hold; beyond, the list stops being read. */
export const MAX_WATCHES_PER_AGENT = 200;

export const ZWatchCreate = z.strictObject({
  kind: z.enum(WATCH_KINDS, { error: 'Choisissez ce que vous voulez suivre.' }),
  value: z.string().trim().min(1, { error: 'Indiquez la valeur à suivre.' }).max(253, { error: 'Valeur trop longue (253 caractères au plus).' }),
});
export type TWatchCreate = z.infer<typeof ZWatchCreate>;

export const ZWatchIdParams = z.strictObject({ id: zUuid });

export const ZWatchView = z.object({
  id: z.string(),
  kind: z.enum(WATCH_KINDS),
  /** Normalised: E.164, registrable domain, département code, family id. */
  value: z.string(),
  /** What a person reads: the family's label, « 75 », the number as stored. */
  label: z.string(),
  createdAt: z.string(),
});
export type TWatchView = z.infer<typeof ZWatchView>;

export const ZWatchList = z.object({ items: z.array(ZWatchView), max: z.number().int() });
export type TWatchList = z.infer<typeof ZWatchList>;
