// The words of a signalement, said once: its channels, statuses, verdicts, sources and the origins of its
// files, with their French labels for each audience. Every page, mail, PDF, export and query reads them
// here; a new channel or status is added in this file and the compiler lists what else must follow
// (docs/architecture.md, « Adding a report channel »). Pure: no zod, no I/O.

/** How the doctor was solicited. */
export const REPORT_CHANNELS = ['telephone', 'sms', 'courriel', 'courrier', 'autre'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The analysis engine's message kinds (analysis/analysis.types.ts), restated so contracts stay free of the engine. */
export type ChannelMessageKind = 'call' | 'sms' | 'email';

/**
 * How the text of a report received on a channel is read by the analysis engine and by the grouping.
 * A letter or an « autre » copy is prose with a sender and maybe an address or a link: read as an email
 * body without headers (an SMS reading would drop the sender indicators). One map, used by filing,
 * grouping and test factories alike.
 */
export const MESSAGE_KIND_OF_CHANNEL: Readonly<Record<ReportChannel, ChannelMessageKind>> = {
  telephone: 'call',
  sms: 'sms',
  courriel: 'email',
  courrier: 'email',
  autre: 'email',
};

/** Agents' short label (tables, filters, badges). */
export const REPORT_CHANNEL_LABELS: Readonly<Record<ReportChannel, string>> = {
  telephone: 'Téléphone',
  sms: 'SMS',
  courriel: 'Courriel',
  courrier: 'Courrier',
  autre: 'Autre',
};

/** What the reporter picks in the form, and what formal documents (PDF dossier) print. */
export const REPORT_CHANNEL_REPORTER_LABELS: Readonly<Record<ReportChannel, string>> = {
  telephone: 'Appel téléphonique',
  sms: 'SMS',
  courriel: 'Courriel',
  courrier: 'Courrier postal',
  autre: 'Autre',
};

/** The channel inside a sentence (« Canal : appel téléphonique »). */
export const REPORT_CHANNEL_PHRASES: Readonly<Record<ReportChannel, string>> = {
  telephone: 'appel téléphonique',
  sms: 'SMS',
  courriel: 'courriel',
  courrier: 'courrier',
  autre: 'autre',
};

export const REPORT_STATUSES = ['en_attente_confirmation', 'nouveau', 'en_cours', 'qualifie', 'classe_sans_suite', 'fusionne'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Agents' label of a status (queue, report page, campaign, dossier). */
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  en_attente_confirmation: 'En attente de confirmation',
  nouveau: 'Nouveau',
  en_cours: 'En cours',
  qualifie: 'Qualifié',
  classe_sans_suite: 'Classé sans suite',
  fusionne: 'Fusionné (doublon)',
};

/** What the reporter reads about their report's progress. */
export const REPORT_STATUS_REPORTER_LABELS: Readonly<Record<ReportStatus, string>> = {
  en_attente_confirmation: 'En attente de la confirmation de votre adresse',
  nouveau: 'Reçu, en attente de traitement',
  en_cours: "En cours d'examen par le conseil",
  qualifie: 'Examiné : démarchage abusif confirmé',
  classe_sans_suite: 'Examiné : classé sans suite',
  fusionne: 'Regroupé avec un autre signalement identique',
};

export const REPORT_VERDICTS = ['fraude_probable', 'suspect', 'aucun_signal'] as const;
export type ReportVerdict = (typeof REPORT_VERDICTS)[number];
export const REPORT_VERDICT_LABELS: Readonly<Record<ReportVerdict, string>> = {
  fraude_probable: 'Fraude probable',
  suspect: 'Suspect',
  aucun_signal: 'Aucun signal',
};

/** What the reporter reads of the verdict (« Mes signalements », the follow page). */
export const REPORT_VERDICT_REPORTER_LABELS: Readonly<Record<ReportVerdict, string>> = {
  fraude_probable: 'Fraude probable',
  suspect: 'Suspect',
  aucun_signal: 'Aucun signal relevé',
};

/** How the report reached the council. */
export const REPORT_SOURCES = ['formulaire', 'courriel'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export const REPORT_SOURCE_LABELS: Readonly<Record<ReportSource, string>> = {
  formulaire: 'Formulaire',
  courriel: 'Courriel transféré',
};
/** The same, spelled out for a formal document. */
export const REPORT_SOURCE_DOSSIER_LABELS: Readonly<Record<ReportSource, string>> = {
  formulaire: 'Formulaire de signalement Vigie',
  courriel: "Courriel transféré à l'adresse de signalement de l'Ordre",
};

/** Where a file joined to a report came from. */
export const ATTACHMENT_ORIGINS = ['televersement', 'courriel_original', 'piece_jointe_courriel'] as const;
export type AttachmentOrigin = (typeof ATTACHMENT_ORIGINS)[number];
export const ATTACHMENT_ORIGIN_LABELS: Readonly<Record<AttachmentOrigin, string>> = {
  televersement: 'Fichier déposé',
  courriel_original: 'Courriel d’origine',
  piece_jointe_courriel: 'Pièce jointe du courriel',
};
/** The same inside a sentence of a formal document. */
export const ATTACHMENT_ORIGIN_PHRASES: Readonly<Record<AttachmentOrigin, string>> = {
  televersement: 'déposé par le déclarant',
  courriel_original: 'courriel original transféré',
  piece_jointe_courriel: 'pièce jointe du courriel transféré',
};

/** The antivirus' word on a stored file. */
export const SCAN_STATUSES = ['sain', 'non_analyse'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];
/** Agents' label of a file's scan (attachments table). */
export const SCAN_STATUS_LABELS: Readonly<Record<ScanStatus, string>> = {
  sain: 'Analysé, sain',
  non_analyse: 'Non analysé',
};
/** The same inside a sentence of a formal document. */
export const SCAN_STATUS_PHRASES: Readonly<Record<ScanStatus, string>> = {
  sain: 'aucun virus détecté',
  non_analyse: 'non analysé par l’antivirus',
};
