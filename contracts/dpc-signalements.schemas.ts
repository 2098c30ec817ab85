// The vocabulary of DPC signalements (issue 12, docs/dpc-signalements.md), said once: what is reported,
// by whom, about what, how a signalement moves, what can be decided and with whom it is exchanged.
// Every page, mail, PDF and export reads these labels from here.

/** What the reporter saw (the four kinds the ANDPC–MIVILUDES convention names). */
export const DPC_SIGNALEMENT_KINDS = ['situation_a_risque', 'formation_sans_contenu_scientifique', 'derive_therapeutique', 'derive_sectaire'] as const;
export type DpcSignalementKind = (typeof DPC_SIGNALEMENT_KINDS)[number];
export const DPC_SIGNALEMENT_KIND_LABELS: Record<DpcSignalementKind, string> = {
  situation_a_risque: 'Situation à risque',
  formation_sans_contenu_scientifique: 'Formation sans contenu scientifique',
  derive_therapeutique: 'Dérive thérapeutique',
  derive_sectaire: 'Dérive sectaire',
};

/** Who reports; each has its own form. `agent` and `relecteur` are council staff recording or raising one. */
export const DPC_REPORTER_KINDS = ['participant', 'professionnel', 'proche', 'agent', 'relecteur'] as const;
export type DpcReporterKind = (typeof DPC_REPORTER_KINDS)[number];
export const DPC_REPORTER_KIND_LABELS: Record<DpcReporterKind, string> = {
  participant: 'Participant à la formation',
  professionnel: 'Autre professionnel de santé',
  proche: 'Proche d’un patient',
  agent: 'Agent du conseil',
  relecteur: 'Relecteur expert',
};
/** The kinds a member of the public (no account) may report as: a patient's relative. */
export const DPC_PUBLIC_REPORTER_KINDS = ['proche'] as const satisfies readonly DpcReporterKind[];
/** The kinds a doctor reports as from their space. */
export const DPC_DOCTOR_REPORTER_KINDS = ['participant', 'professionnel', 'proche'] as const satisfies readonly DpcReporterKind[];

/** What the signalement is about. */
export const DPC_SUBJECT_KINDS = ['action', 'organisation', 'praticien'] as const;
export type DpcSubjectKind = (typeof DPC_SUBJECT_KINDS)[number];
export const DPC_SUBJECT_KIND_LABELS: Record<DpcSubjectKind, string> = {
  action: 'Une action de formation',
  organisation: 'Un organisme de formation',
  praticien: 'Un praticien ou un intervenant',
};

/**
 * Where a signalement stands. `nouveau` → `en_revue` (triaged, a designated reviewer examines it) →
 * `avis_rendu` (the reviewer's opinion is in) → `decide`. `contradictoire` while the reported
 * organisation has been invited to answer; it goes back to the status it left when the answer comes or
 * the delay ends. A signalement may be classed without review at triage (→ `decide`, outcome
 * `classement`).
 */
export const DPC_SIGNALEMENT_STATUSES = ['nouveau', 'en_revue', 'avis_rendu', 'contradictoire', 'decide'] as const;
export type DpcSignalementStatus = (typeof DPC_SIGNALEMENT_STATUSES)[number];
export const DPC_SIGNALEMENT_STATUS_LABELS: Record<DpcSignalementStatus, string> = {
  nouveau: 'Reçu, à trier',
  en_revue: 'En cours d’examen par un relecteur',
  avis_rendu: 'Avis du relecteur rendu',
  contradictoire: 'Organisme invité à répondre',
  decide: 'Décision prise',
};
/** What the reporter is told of the status, in plain words (they never see the workflow's details). */
export const DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS: Record<DpcSignalementStatus, string> = {
  nouveau: 'Reçu',
  en_revue: 'En cours d’examen',
  avis_rendu: 'En cours d’examen',
  contradictoire: 'En cours d’examen',
  decide: 'Traité',
};

/**
 * The outcomes of a decision. `classement` stands alone; the others may be combined (a drift may go
 * both to the ANDPC and to the MIVILUDES, and to the disciplinary chamber).
 */
export const DPC_DECISION_OUTCOMES = ['classement', 'transmission_andpc', 'transmission_miviludes', 'saisine_chambre'] as const;
export type DpcDecisionOutcome = (typeof DPC_DECISION_OUTCOMES)[number];
export const DPC_DECISION_OUTCOME_LABELS: Record<DpcDecisionOutcome, string> = {
  classement: 'Classement sans suite',
  transmission_andpc: 'Transmission à l’ANDPC',
  transmission_miviludes: 'Transmission à la MIVILUDES',
  saisine_chambre: 'Saisine de la chambre disciplinaire',
};

/** Who a signalement is exchanged with. */
export const DPC_PARTNERS = ['andpc', 'miviludes', 'organisme'] as const;
export type DpcPartner = (typeof DPC_PARTNERS)[number];
export const DPC_PARTNER_LABELS: Record<DpcPartner, string> = {
  andpc: 'ANDPC (Agence nationale du DPC)',
  miviludes: 'MIVILUDES',
  organisme: 'Organisme signalé',
};

/** One line of the exchange log. Outgoing: a package sent. Incoming: what a partner answered. */
export const DPC_EXCHANGE_KINDS = ['envoi', 'accuse_reception', 'reponse', 'mise_a_jour', 'relance'] as const;
export type DpcExchangeKind = (typeof DPC_EXCHANGE_KINDS)[number];
export const DPC_EXCHANGE_KIND_LABELS: Record<DpcExchangeKind, string> = {
  envoi: 'Envoi du dossier',
  accuse_reception: 'Accusé de réception',
  reponse: 'Réponse',
  mise_a_jour: 'Mise à jour de statut',
  relance: 'Relance',
};

/** A signalement's reference as people say it: « DPC-2026-00042 ». */
export function formatDpcSignalementReference(year: number, sequence: number): string {
  return `DPC-${year}-${String(sequence).padStart(5, '0')}`;
}

export const DPC_SIGNALEMENT_LIMITS = {
  facts: 20_000,
  subjectLabel: 300,
  practitionerName: 200,
  fullName: 200,
  profession: 120,
  review: 10_000,
  decisionReason: 4_000,
  statement: 6_000,
  answer: 20_000,
  exchangeSummary: 4_000,
  /** Evidence files per signalement, each within the reports' upload rules. */
  evidenceFiles: 5,
  /** The organisation's default delay to answer the contradictory step, in days. */
  contradictoryDays: 15,
} as const;
