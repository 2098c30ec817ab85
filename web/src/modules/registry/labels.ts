import type { CHANGE_CHANNELS, CHANGE_KINDS, DOCUMENT_TYPES } from '../../../../contracts/registry.schemas.js';
import type { ChangeStatus } from './registry.api.js';

export { DOCTOR_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';

export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  attente_presence: 'À finaliser en présence',
  attente_codes: 'En attente des codes de vérification',
  en_revue: 'En revue par un second agent',
  appliquee: 'Appliquée',
  rejetee: 'Refusée',
  gelee: 'Gelée (fraude suspectée)',
};

/** The badge colour of a status: done, stopped, or still waiting. */
export function changeStatusTone(status: ChangeStatus): string {
  if (status === 'appliquee') return 'badge badge--success';
  if (status === 'gelee' || status === 'rejetee') return 'badge badge--danger';
  return 'badge badge--warning';
}

export const CHANNEL_LABELS: Record<(typeof CHANGE_CHANNELS)[number], string> = {
  guichet: 'Au guichet',
  telephone: 'Par téléphone',
  courriel: 'Par courriel',
  courrier: 'Par courrier',
  espace_medecin: 'Espace médecin (double authentification)',
};

export const KIND_LABELS: Record<(typeof CHANGE_KINDS)[number], string> = {
  contact_change: 'Modification de coordonnées',
  transfer: 'Transfert de département',
  registration: 'Inscription',
};

export const DOCUMENT_TYPE_LABELS: Record<(typeof DOCUMENT_TYPES)[number], string> = {
  passeport: 'Passeport',
  carte_nationale_identite: "Carte nationale d'identité",
};

/** Record fields as a person reads them (history, requested changes). */
export const FIELD_LABELS: Record<string, string> = {
  corrAddress: 'Adresse de correspondance',
  corrPostalCode: 'Code postal de correspondance',
  corrCity: 'Ville de correspondance',
  corrEmail: 'Adresse électronique de correspondance',
  corrPhone: 'Téléphone de correspondance',
  proAddress: "Adresse d'exercice",
  proPostalCode: "Code postal d'exercice",
  proCity: "Ville d'exercice",
  proEmail: 'Adresse électronique professionnelle',
  proPhone: 'Téléphone professionnel',
  departement: "Département d'inscription",
  frozenAt: 'Gel de la fiche',
  frozenReason: 'Motif du gel',
  contactsTrustedFrom: 'Nouvelles coordonnées utilisables à partir du',
  searchText: 'Texte de recherche',
  rpps: 'Numéro RPPS',
  birthName: 'Nom de naissance',
  usageName: "Nom d'usage",
  firstNames: 'Prénoms',
  specialty: 'Spécialité',
  status: 'Statut',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export const HISTORY_SOURCE_LABELS: Record<string, string> = {
  import: 'Import du tableau',
  change_request: 'Demande vérifiée en présence',
  self_service: 'Espace médecin',
  freeze: 'Gel de la fiche',
  unfreeze: 'Levée du gel',
};
