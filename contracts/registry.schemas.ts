import { z, zEmail, zUuid } from './zod.js';
import { isDepartementCode } from './departements.js';
import { isValidRpps } from './rpps.js';
import { zSpecialtyChoice } from './specialties.js';

// The register's words, said once with their French labels (habit 12): a record's statuses and the fields
// people read, how a change request arrived, its kind and status, the identity documents, and the sources
// of a record's history. The server, its mails and the web read them here; the database types derive from them.

export const DOCTOR_STATUSES = ['inscrit', 'suspendu', 'radie', 'transfere', 'etudiant_3e_cycle'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];
export const DOCTOR_STATUS_LABELS: Readonly<Record<DoctorStatus, string>> = {
  inscrit: 'Inscrit',
  suspendu: 'Suspendu',
  radie: 'Radié',
  transfere: 'Transféré',
  etudiant_3e_cycle: 'Étudiant de 3e cycle',
};

/** How a change request reached the council: an agent records the first four, the doctor uses their own space. */
export const CHANGE_CHANNELS = ['guichet', 'telephone', 'courriel', 'courrier', 'espace_medecin'] as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number];
/** The channels an agent records a request from: every one but the doctor's own space. */
export const AGENT_CHANGE_CHANNELS = ['guichet', 'telephone', 'courriel', 'courrier'] as const satisfies readonly Exclude<ChangeChannel, 'espace_medecin'>[];
export type AgentChangeChannel = (typeof AGENT_CHANGE_CHANNELS)[number];
export const CHANGE_CHANNEL_LABELS: Readonly<Record<ChangeChannel, string>> = {
  guichet: 'Au guichet',
  telephone: 'Par téléphone',
  courriel: 'Par courriel',
  courrier: 'Par courrier',
  espace_medecin: 'Espace médecin (double authentification)',
};

export const CHANGE_KINDS = ['contact_change', 'transfer', 'registration'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  contact_change: 'Modification de coordonnées',
  transfer: 'Transfert de département',
  registration: 'Inscription',
};

export const CHANGE_STATUSES = ['attente_presence', 'attente_codes', 'en_revue', 'appliquee', 'rejetee', 'gelee'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CHANGE_STATUS_LABELS: Readonly<Record<ChangeStatus, string>> = {
  attente_presence: 'À finaliser en présence',
  attente_codes: 'En attente des codes de vérification',
  en_revue: 'En revue par un second agent',
  appliquee: 'Appliquée',
  rejetee: 'Refusée',
  gelee: 'Gelée (fraude suspectée)',
};

/** The tabs of the agents' list of requests: the statuses they act on, as plurals where a list reads so. */
export const CHANGE_STATUS_TAB_LABELS: Readonly<Partial<Record<ChangeStatus | '', string>>> = {
  attente_presence: CHANGE_STATUS_LABELS.attente_presence,
  en_revue: 'En revue',
  gelee: 'Gelées',
  appliquee: 'Appliquées',
  '': 'Toutes',
};

/** A request's status as the doctor reads it: the hold reasons and agents stay with the council. */
export const CHANGE_STATUS_DOCTOR_LABELS: Readonly<Record<ChangeStatus, string>> = {
  attente_presence: 'À finaliser au conseil, en votre présence',
  attente_codes: CHANGE_STATUS_LABELS.attente_codes,
  en_revue: 'En attente de vérification par votre conseil',
  appliquee: 'Enregistrée',
  rejetee: 'Refusée',
  gelee: 'Bloquée par votre conseil',
};

export const DOCUMENT_TYPES = ['passeport', 'carte_nationale_identite'] as const;
export type IdentityDocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Readonly<Record<IdentityDocumentType, string>> = {
  passeport: 'Passeport',
  carte_nationale_identite: "Carte nationale d'identité",
};

export const DOCTOR_HISTORY_SOURCES = ['import', 'change_request', 'self_service', 'freeze', 'unfreeze', 'normalisation'] as const;
export type DoctorHistorySource = (typeof DOCTOR_HISTORY_SOURCES)[number];
export const DOCTOR_HISTORY_SOURCE_LABELS: Readonly<Record<DoctorHistorySource, string>> = {
  import: 'Import du tableau',
  change_request: 'Demande vérifiée en présence',
  self_service: 'Espace médecin',
  freeze: 'Gel de la fiche',
  unfreeze: 'Levée du gel',
  normalisation: 'Harmonisation des libellés',
};

/** A record's fields as a heading or a table reads them (history, requested changes); keyed by the record's camelCase names. */
export const DOCTOR_FIELD_LABELS: Readonly<Record<string, string>> = {
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

/** The fields a change may write, inside a sentence: the mail that tells the previous channels what changed. */
export const DOCTOR_FIELD_PHRASES: Readonly<Record<string, string>> = {
  corrAddress: 'adresse de correspondance',
  corrPostalCode: 'code postal de correspondance',
  corrCity: 'ville de correspondance',
  corrEmail: 'adresse électronique de correspondance',
  corrPhone: 'téléphone de correspondance',
  proAddress: "adresse d'exercice",
  proPostalCode: "code postal d'exercice",
  proCity: "ville d'exercice",
  proEmail: 'adresse électronique professionnelle',
  proPhone: 'téléphone professionnel',
  departement: "département d'inscription (transfert)",
};

export const zRpps = z
  .string()
  .trim()
  .regex(/^[0-9]{11}$/, { error: 'Le numéro RPPS comporte 11 chiffres.' })
  .refine(isValidRpps, { error: 'Numéro RPPS invalide : le dernier chiffre (clé de contrôle) ne correspond pas.' });

export const zDepartementCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isDepartementCode, { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' });

const zPostalCode = z.string().trim().regex(/^([0-9]{5})?$/, { error: 'Le code postal comporte 5 chiffres.' });
/** A French or international phone number as typed; the server normalises it to E.164. */
export const zPhoneInput = z.string().trim().min(6, { error: 'Numéro de téléphone trop court.' }).max(30);

/** The contact details a change request may set; every field optional, at least one present. */
export const ZContactChanges = z
  .strictObject({
    corrAddress: z.string().trim().max(300).optional(),
    corrPostalCode: zPostalCode.optional(),
    corrCity: z.string().trim().max(100).optional(),
    corrEmail: zEmail.nullable().optional(),
    corrPhone: zPhoneInput.nullable().optional(),
    proAddress: z.string().trim().max(300).optional(),
    proPostalCode: zPostalCode.optional(),
    proCity: z.string().trim().max(100).optional(),
    proEmail: zEmail.nullable().optional(),
    proPhone: zPhoneInput.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'Indiquez au moins une coordonnée à modifier.' });
export type TContactChanges = z.infer<typeof ZContactChanges>;

export const ZRegistrySearchQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  rpps: z.string().trim().regex(/^[0-9]{1,11}$/, { error: 'Le numéro RPPS ne contient que des chiffres.' }).optional(),
  city: z.string().trim().max(100).optional(),
  departement: zDepartementCode.optional(),
  status: z.enum(DOCTOR_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type TRegistrySearchQuery = z.infer<typeof ZRegistrySearchQuery>;

export const ZDoctorSummary = z.object({
  id: z.string(),
  rpps: z.string(),
  displayName: z.string(),
  specialty: z.string(),
  departement: z.string(),
  status: z.enum(DOCTOR_STATUSES),
  proCity: z.string(),
  frozen: z.boolean(),
});
export const ZDoctorSearchResult = z.object({ items: z.array(ZDoctorSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZDoctorIdParams = z.strictObject({ id: zUuid });
export const ZChangeRequestIdParams = z.strictObject({ id: zUuid });

export const ZChangeRequestCreate = z.strictObject({
  doctorId: zUuid,
  kind: z.enum(['contact_change', 'transfer'] as const satisfies readonly ChangeKind[]),
  channel: z.enum(AGENT_CHANGE_CHANNELS, { error: 'Indiquez comment la demande a été reçue.' }),
  changes: ZContactChanges.optional(),
  targetDepartement: zDepartementCode.optional(),
}).refine((v) => (v.kind === 'transfer' ? v.targetDepartement !== undefined : v.changes !== undefined), {
  error: 'Une modification de coordonnées indique les nouvelles coordonnées ; un transfert, le département d’arrivée.',
  path: ['changes'],
});
export type TChangeRequestCreate = z.infer<typeof ZChangeRequestCreate>;

/**
 * The in-person check. With « conforme », the document is read from its machine-readable zone (MRZ),
 * typed or scanned: type, number and expiry come from it and the server verifies its check digits and
 * compares it with the record (docs/identity-checks.md). The typed document fields exist only for a
 * suspected fraud whose MRZ cannot be read.
 */
export const ZIdentityCheck = z
  .strictObject({
    mrz: z.string().trim().max(200, { error: 'La bande MRZ compte au plus 3 lignes de 44 caractères.' }).optional(),
    place: z.string().trim().min(2, { error: 'Indiquez le lieu de la vérification.' }).max(200),
    outcome: z.enum(['conforme', 'fraude_suspectee']),
    notes: z.string().trim().max(1000).optional(),
    documentType: z.enum(DOCUMENT_TYPES, { error: 'Seuls le passeport et la carte nationale d’identité sont acceptés.' }).optional(),
    documentExpiry: z.iso.date({ error: 'Date d’expiration invalide (AAAA-MM-JJ).' }).optional(),
    documentNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6,20}$/, { error: 'Numéro du titre : 6 à 20 lettres ou chiffres, sans espace.' })
      .optional(),
  })
  .superRefine((check, ctx) => {
    if (check.outcome !== 'conforme') return;
    for (const path of ['documentType', 'documentExpiry', 'documentNumber'] as const) {
      if (check[path] !== undefined) ctx.addIssue({ code: 'custom', path: [path], message: 'Pour un titre conforme, le type, le numéro et l’expiration sont lus dans la bande MRZ : ne les saisissez pas.' });
    }
  });
export type TIdentityCheck = z.infer<typeof ZIdentityCheck>;

export const ZReviewDecision = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(5, { error: 'Indiquez le motif de la décision.' }).max(500),
});

const ZContactBlock = z.object({
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const ZDoctorRecord = z.object({
  id: z.string(),
  rpps: z.string(),
  displayName: z.string(),
  birthName: z.string(),
  usageName: z.string().nullable(),
  firstNames: z.string(),
  /** YYYY-MM-DD when the register knows it; compared with the identity document at the counter. */
  birthDate: z.string().nullable(),
  specialty: z.string(),
  departement: z.string(),
  status: z.enum(DOCTOR_STATUSES),
  pro: ZContactBlock,
  corr: ZContactBlock,
  frozen: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
  /** Until then, new contact details do not count for sensitive operations. */
  coolingUntil: z.string().nullable(),
  hasAccount: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TDoctorRecord = z.infer<typeof ZDoctorRecord>;

export const ZHoldReason = z.object({ code: z.string(), field: z.string(), message: z.string() });

export const ZChangeRequestView = z.object({
  id: z.string(),
  reference: z.string(),
  doctorId: z.string().nullable(),
  kind: z.enum(CHANGE_KINDS),
  channel: z.enum(CHANGE_CHANNELS),
  status: z.enum(CHANGE_STATUSES),
  departement: z.string(),
  requested: z.record(z.string(), z.string().nullable()),
  holdReasons: z.array(ZHoldReason),
  createdBy: z.string().nullable(),
  checkedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
});
export type TChangeRequestView = z.infer<typeof ZChangeRequestView>;

export const ZDoctorRecordPage = z.object({
  doctor: ZDoctorRecord,
  history: z.array(
    z.object({
      version: z.number().int(),
      source: z.string(),
      actorId: z.string().nullable(),
      changeRequestId: z.string().nullable(),
      changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
      occurredAt: z.string(),
    }),
  ),
  requests: z.array(ZChangeRequestView),
});

export const ZChangeRequestListQuery = z.strictObject({
  status: z.enum(CHANGE_STATUSES).optional(),
});

export const ZNotMe = z.strictObject({ token: z.string().trim().min(20).max(200) });
export const ZReason = z.strictObject({
  reason: z.string().trim().min(10, { error: 'Indiquez le motif (10 caractères au moins).' }).max(500),
});

export const EXPORT_PURPOSES = ['emission_carte', 'autre'] as const;
export const ZExportRequest = z.strictObject({
  departement: zDepartementCode,
  purpose: z.enum(EXPORT_PURPOSES, { error: 'Indiquez la finalité de l’export.' }),
  reason: z.string().trim().min(10, { error: 'Un export en masse exige un motif (10 caractères au moins).' }).max(500),
});

export const ZStepUpRequest = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { error: 'Le code doit comporter 6 chiffres.' }) });
export const ZStepUpGrant = z.object({ stepUpToken: z.string(), expiresAt: z.string() });

export const ZSelfContactChange = z.strictObject({
  stepUpToken: z.string().trim().min(20, { error: 'Confirmez d’abord votre identité avec un code de double authentification.' }).max(200),
  changes: z
    .strictObject({
      corrAddress: z.string().trim().min(3).max(300).optional(),
      corrPostalCode: z.string().trim().regex(/^[0-9]{5}$/, { error: 'Le code postal comporte 5 chiffres.' }).optional(),
      corrCity: z.string().trim().min(1).max(100).optional(),
      corrEmail: zEmail.optional(),
      corrPhone: zPhoneInput.optional(),
    })
    .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'Indiquez au moins une coordonnée à modifier.' }),
});
export const ZSelfContactVerify = z.strictObject({
  emailCode: z.string().trim().regex(/^\d{6}$/, { error: 'Le code doit comporter 6 chiffres.' }).optional(),
  phoneCode: z.string().trim().regex(/^\d{6}$/, { error: 'Le code doit comporter 6 chiffres.' }).optional(),
});

/** What a doctor sees of their own requests: no agent ids, no review notes, no other record's data. */
export const ZOwnChangeRequest = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(CHANGE_KINDS),
  channel: z.enum(CHANGE_CHANNELS),
  status: z.enum(CHANGE_STATUSES),
  requested: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
});
export type TOwnChangeRequest = z.infer<typeof ZOwnChangeRequest>;

export const ZOwnRecord = z.object({
  doctor: ZDoctorRecord,
  secondFactorEnabled: z.boolean(),
  requests: z.array(ZOwnChangeRequest),
});

export const ZActivation = z.union([
  z.strictObject({ token: z.string().trim().min(20).max(200), password: z.string().min(12, { error: 'Le mot de passe doit contenir au moins 12 caractères.' }).max(128) }),
  z.strictObject({
    rpps: zRpps,
    code: z.string().trim().min(10).max(20),
    password: z.string().min(12, { error: 'Le mot de passe doit contenir au moins 12 caractères.' }).max(128),
  }),
]);
export const ZCounterCode = z.object({ code: z.string(), expiresAt: z.string() });

export const ZSecurityOverview = z.object({
  threshold: z.number().int(),
  /** Per agent, changes applied after an in-person check they recorded (30 days); docs/identity-checks.md. */
  inPersonRates: z.object({
    appliedChanges: z.number().int(),
    floor: z.number().int(),
    factor: z.number(),
    agents: z.array(
      z.object({
        agentId: z.string(),
        displayName: z.string(),
        inPersonChanges: z.number().int(),
        share: z.number(),
        othersMedian: z.number(),
        flagged: z.boolean(),
        auditEntryIds: z.array(z.number().int()),
      }),
    ),
  }),
  unusualAgents: z.array(z.object({ agentId: z.string(), displayName: z.string(), changes: z.number().int(), auditEntryIds: z.array(z.number().int()) })),
  busyRecords: z.array(z.object({ doctorId: z.string(), rpps: z.string(), changes: z.number().int(), auditEntryIds: z.array(z.number().int()) })),
  changesFollowedByExport: z.array(
    z.object({ changeRequestId: z.string(), reference: z.string(), appliedAt: z.string(), exportAt: z.string(), auditEntryIds: z.array(z.number().int()) }),
  ),
});

/** A new registration (or a third-cycle student's record), completed only by the in-person check. */
export const ZRegistrationCreate = z.strictObject({
  channel: z.enum(AGENT_CHANGE_CHANNELS, { error: 'Indiquez comment la demande a été reçue.' }),
  rpps: zRpps,
  birthName: z.string().trim().min(1, { error: 'Indiquez le nom de naissance.' }).max(100),
  usageName: z.string().trim().min(1).max(100).optional(),
  firstNames: z.string().trim().min(1, { error: 'Indiquez le ou les prénoms.' }).max(150),
  specialty: zSpecialtyChoice.default(''),
  status: z.enum(['inscrit', 'etudiant_3e_cycle'] as const satisfies readonly DoctorStatus[], { error: 'Une inscription crée un médecin inscrit ou un étudiant de 3e cycle.' }),
  corrAddress: z.string().trim().max(300).default(''),
  corrPostalCode: z.string().trim().regex(/^([0-9]{5})?$/, { error: 'Le code postal comporte 5 chiffres.' }).default(''),
  corrCity: z.string().trim().max(100).default(''),
  corrEmail: zEmail.optional(),
  corrPhone: zPhoneInput.optional(),
});
export type TRegistrationCreate = z.infer<typeof ZRegistrationCreate>;
