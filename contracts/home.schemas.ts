import { z } from './zod.js';
import { REPORT_STATUSES } from './report-vocabulary.js';

// The home page's « À traiter »: what waits for the actor, counted by each module's own scoped list,
// each count linking to that list filtered the same way (issue 13, « daily use »).

export const HOME_WORK_KEYS = [
  'alerts_to_approve',
  'alerts_returned',
  'reports_new',
  'reports_unassigned',
  'reports_mine',
  'campaigns_open',
  'indicators_held',
  'changes_in_person',
  'changes_review',
] as const;
export type HomeWorkKey = (typeof HOME_WORK_KEYS)[number];

/** How each count reads: none, one, several (the number is put in front). */
const HOME_WORK_WORDS: Readonly<Record<HomeWorkKey, { none: string; one: string; many: string }>> = {
  alerts_to_approve: { none: 'Aucune alerte n’attend votre approbation', one: 'alerte attend votre approbation', many: 'alertes attendent votre approbation' },
  alerts_returned: { none: 'Aucune alerte ne vous a été renvoyée', one: 'alerte vous a été renvoyée', many: 'alertes vous ont été renvoyées' },
  reports_new: { none: 'Aucun nouveau signalement', one: 'nouveau signalement', many: 'nouveaux signalements' },
  reports_unassigned: { none: 'Aucun signalement ouvert sans attribution', one: 'signalement ouvert non attribué', many: 'signalements ouverts non attribués' },
  reports_mine: { none: 'Aucun signalement ouvert qui vous est attribué', one: 'signalement ouvert vous est attribué', many: 'signalements ouverts vous sont attribués' },
  campaigns_open: { none: 'Aucune campagne à qualifier', one: 'campagne à qualifier', many: 'campagnes à qualifier' },
  indicators_held: { none: 'Aucun indicateur en attente de décision', one: 'indicateur en attente de décision', many: 'indicateurs en attente de décision' },
  changes_in_person: {
    none: 'Aucune demande de coordonnées à finaliser en présence',
    one: 'demande de coordonnées à finaliser en présence du médecin',
    many: 'demandes de coordonnées à finaliser en présence du médecin',
  },
  changes_review: { none: 'Aucune demande de coordonnées à revoir', one: 'demande de coordonnées attend la revue d’un second agent', many: 'demandes de coordonnées attendent la revue d’un second agent' },
};

/** « 12 nouveaux signalements », « 1 alerte attend votre approbation », « Aucun nouveau signalement ». */
export function homeWorkLabel(key: HomeWorkKey, count: number): string {
  const words = HOME_WORK_WORDS[key];
  if (count === 0) return words.none;
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? words.many : words.one}`;
}

export const ZHomeWorkItem = z.object({
  key: z.enum(HOME_WORK_KEYS),
  label: z.string(),
  count: z.number().int(),
  /** The web path, with its query, of the list this count is the total of. */
  to: z.string(),
});
export type THomeWorkItem = z.infer<typeof ZHomeWorkItem>;

/** Where a doctor's register record stands, as their home says it. */
export const CONTACT_STATES = ['a_jour', 'en_attente_presence', 'en_attente_codes', 'en_revue', 'gelee', 'sans_fiche'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];
export const CONTACT_STATE_LABELS: Readonly<Record<ContactState, string>> = {
  a_jour: 'Vos coordonnées sont à jour : aucune modification en attente.',
  en_attente_presence: 'Une modification de vos coordonnées attend votre passage au conseil, muni de votre titre d’identité.',
  en_attente_codes: 'Une modification de vos coordonnées attend les codes de vérification envoyés à vos nouvelles coordonnées.',
  en_revue: 'Une modification de vos coordonnées est en cours de vérification par le conseil.',
  gelee: 'Votre fiche est gelée : une modification suspecte a été bloquée. Contactez votre conseil départemental.',
  sans_fiche: 'Votre compte n’est rattaché à aucune fiche du tableau. Contactez votre conseil départemental.',
};

export const ZDoctorHome = z.object({
  reports: z.array(z.object({ receiptNumber: z.string(), createdAt: z.string(), status: z.enum(REPORT_STATUSES), statusLabel: z.string() })),
  reportsTotal: z.number().int(),
  contact: z.enum(CONTACT_STATES),
  alerts: z.object({ total: z.number().int(), latest: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.string() })) }),
});
export type TDoctorHome = z.infer<typeof ZDoctorHome>;

export const ZHomeWork = z.object({
  items: z.array(ZHomeWorkItem),
  /** A doctor's own reports, alerts and record; null for every other role. */
  doctor: ZDoctorHome.nullable(),
});
export type THomeWork = z.infer<typeof ZHomeWork>;

/** How many of a doctor's reports and current alerts the home shows. */
export const HOME_LATEST_REPORTS = 5;
export const HOME_LATEST_ALERTS = 3;
