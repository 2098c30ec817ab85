import { MAX_EML_LABEL } from './checks.limits.js';

/**
 * Stable, machine-readable error codes and the French message a user reads for each. The server answers
 * every error as `{ error: { code, message, details?, requestId } }`.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: 'Certaines informations sont invalides. Corrigez les champs signalés.',
  MALFORMED_JSON: "La requête n'est pas un JSON valide.",
  BODY_TOO_LARGE: 'La requête est trop volumineuse.',
  EML_TOO_LARGE: `Le courriel dépasse ${MAX_EML_LABEL}, la limite de l’analyse. Enregistrez-le sans ses pièces jointes, ou copiez son texte dans la zone prévue.`,
  UNSUPPORTED_MEDIA_TYPE: "Ce type de contenu n'est pas accepté.",
  NOT_FOUND: "Cette ressource n'existe pas.",
  UNAUTHENTICATED: 'Vous devez être connecté.',
  SESSION_EXPIRED: 'Votre session a expiré. Reconnectez-vous.',
  FORBIDDEN: "Vous n'avez pas l'autorisation d'effectuer cette action.",
  CSRF_INVALID: 'La requête a été refusée par sécurité. Rechargez la page et réessayez.',
  RATE_LIMITED: 'Trop de tentatives. Patientez avant de réessayer.',
  AUDIT_EXPORT_TOO_LARGE: 'L’export du journal est limité à 50 000 entrées. Resserrez les filtres (période, personne, action) puis réessayez.',
  INVALID_CREDENTIALS: 'Adresse électronique ou mot de passe incorrect.',
  LOGIN_THROTTLED: 'Trop de tentatives de connexion. Réessayez dans quelques minutes.',
  ACCOUNT_DISABLED: 'Ce compte est désactivé. Contactez votre conseil départemental.',
  SECOND_FACTOR_INVALID: 'Code de vérification incorrect ou déjà utilisé.',
  SECOND_FACTOR_REQUIRED: 'La double authentification est obligatoire pour ce compte.',
  SECOND_FACTOR_ALREADY_ENABLED: 'La double authentification est déjà activée.',
  SECOND_FACTOR_NOT_ENABLED: "La double authentification n'est pas activée.",
  SECOND_FACTOR_SETUP_MISSING: "Commencez par générer un nouveau code secret d'authentification.",
  PASSWORD_TOO_WEAK:
    'Le mot de passe doit contenir au moins 12 caractères et ne pas reprendre votre adresse électronique.',
  PASSWORD_INCORRECT: 'Le mot de passe actuel est incorrect.',
  TOKEN_INVALID: 'Ce lien est invalide, expiré ou a déjà servi. Demandez-en un nouveau.',
  EMAIL_TAKEN: 'Un compte utilise déjà cette adresse électronique.',
  DEPARTEMENT_REQUIRED: 'Ce rôle exige un département.',
  DEPARTEMENT_NOT_ALLOWED: 'Ce rôle est national : il ne peut pas être rattaché à un département.',
  OUT_OF_SCOPE: 'Vous ne pouvez agir que sur les comptes de votre département.',
  CANNOT_CHANGE_OWN_ACCOUNT: 'Vous ne pouvez pas modifier votre propre rôle ou statut.',
  INVALID_STATE: "Cette demande n'est plus dans un état qui permet cette action.",
  FOUR_EYES_REQUIRED: "La revue doit être faite par un autre agent que celui qui a vérifié l'identité ou enregistré la demande.",
  IN_PERSON_CHECK_REQUIRED:
    "Cette demande ne peut être finalisée qu'en présence de la personne, après vérification de son passeport ou de sa carte nationale d'identité.",
  STEP_UP_REQUIRED: 'Confirmez votre identité avec un code de double authentification (valable 5 minutes).',
  SELF_SERVICE_REQUIRES_2FA:
    "Pour modifier vous-même vos coordonnées, activez d'abord la double authentification dans « Mon compte ». Sans elle, présentez-vous à votre conseil départemental avec une pièce d'identité.",
  NO_REGISTRY_RECORD: "Votre compte n'est rattaché à aucune fiche du tableau de l'Ordre.",
  MEDECIN_FROM_REGISTRY_ONLY:
    "Un compte médecin s'active uniquement depuis sa fiche du tableau (lien envoyé à l'adresse inscrite, ou code remis au guichet).",
  RECORD_FROZEN: 'Cette fiche est gelée : aucune modification avant levée du gel par le conseil départemental.',
  STALE_VERSION: "Quelqu'un d'autre a modifié cet élément entre-temps. Rechargez la page pour voir son état actuel, puis recommencez.",
  UPLOAD_REJECTED: 'Ce fichier ne peut pas être accepté.',
  UPLOADS_BUSY: 'Trop de dépôts de fichiers sont en cours. Réessayez dans une minute.',
  CAMPAIGN_SHARED:
    'Cette campagne regroupe des signalements de plusieurs départements : seul un agent national peut la modifier.',
  IDENTITY_DOCUMENT_INVALID:
    "La bande de lecture automatique (MRZ) de la pièce d'identité est illisible ou ses chiffres de contrôle sont faux. Ressaisissez-la ou scannez-la à nouveau.",
  IDENTITY_DOCUMENT_MISMATCH:
    "La pièce d'identité ne correspond pas à la fiche du tableau (nom ou date de naissance) : la demande ne peut pas être finalisée.",
  IDENTITY_DOCUMENT_EXPIRED: "Cette pièce d'identité est expirée : elle ne peut pas servir à vérifier l'identité.",
  SERVICE_UNAVAILABLE: 'Le service est momentanément indisponible. Réessayez dans un instant.',
  INTERNAL: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, contactez le support.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: { path: string; message: string }[]; retryAfterSeconds?: number };
    requestId: string;
  };
}
