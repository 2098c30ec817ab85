import { FAMILY_LABELS } from '../analysis/messages/families.js';
import { ALERT_STATUS_LABELS } from './alerts.schemas.js';
import { CAMPAIGN_STATUS_LABELS, INDICATOR_STATUS_LABELS } from './campaigns.schemas.js';
import { DPC_SIGNALEMENT_STATUS_LABELS, DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS } from './dpc-signalements.schemas.js';
import { ENTRAIDE_CASE_STATUS_LABELS } from './entraide.schemas.js';
import { CHANGE_CHANNEL_LABELS, CHANGE_STATUS_LABELS, DOCTOR_STATUS_LABELS } from './registry.schemas.js';
import { REPORT_CHANNEL_LABELS, REPORT_STATUS_LABELS, REPORT_STATUS_REPORTER_LABELS } from './report-vocabulary.js';

// The product's words, each said one way (issue 13). The domain's closed lists — channels, statuses,
// families — have their labels in their own contracts file; this file names the words that cross
// modules and the synonyms the product does not use, and lists the label maps that are the only place
// a channel, a status or a family is written (contracts/glossary.test.ts holds the app to both).

export const GLOSSARY = {
  /** What a reporter receives: a number to quote. Never « récépissé ». */
  receipt: 'reçu',
  /** The register of doctors. Never shortened to « le tableau » beside the statistics. */
  register: 'Tableau de l’Ordre',
  /** The agents' figures (the dashboard). Never « tableau de bord », which reads as the register. */
  statistics: 'Statistiques',
  /** What a doctor sends about a scam, and about a training (« signalement DPC »). */
  report: 'signalement',
  /** A group of signalements of one scam. */
  campaign: 'campagne',
  /** A message of the Ordre to doctors about a scam. */
  alert: 'alerte',
  /** Confidential support for doctors in difficulty. */
  mutualAid: 'entraide',
} as const;

/** Words the product does not use, with the one it uses instead. */
export const GLOSSARY_FORBIDDEN: readonly { word: RegExp; instead: string }[] = [
  { word: /récépissé/i, instead: GLOSSARY.receipt },
  { word: /tableau de bord/i, instead: GLOSSARY.statistics },
];

/** The label maps of channels, statuses and families: their labels are written nowhere else. */
export const GLOSSARY_LABEL_MAPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  REPORT_CHANNEL_LABELS,
  REPORT_STATUS_LABELS,
  REPORT_STATUS_REPORTER_LABELS,
  CHANGE_CHANNEL_LABELS,
  CHANGE_STATUS_LABELS,
  DOCTOR_STATUS_LABELS,
  CAMPAIGN_STATUS_LABELS,
  INDICATOR_STATUS_LABELS,
  ALERT_STATUS_LABELS,
  ENTRAIDE_CASE_STATUS_LABELS,
  DPC_SIGNALEMENT_STATUS_LABELS,
  DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS,
  FAMILY_LABELS,
};
