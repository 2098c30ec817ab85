import { isDepartementCode } from './departements.js';
import { z, zEmail, zUuid } from './zod.js';

// The vocabulary of entraide ordinale (issue 11, docs/entraide.md), said once: the natures of a
// difficulty, who asks, how they wish to be contacted, the life of a case, what a commission decides,
// what Crésus does, and the helplines shown before any form. Seed 002 is the source of every default.

/** The natures of a difficulty, as seed 002 lists them; a request names one or more. */
export const ENTRAIDE_NATURES = ['sociale', 'professionnelle', 'personnelle', 'sante', 'financiere'] as const;
export type EntraideNature = (typeof ENTRAIDE_NATURES)[number];
export const ENTRAIDE_NATURE_LABELS: Record<EntraideNature, string> = {
  sociale: 'Sociale',
  professionnelle: 'Professionnelle',
  personnelle: 'Personnelle',
  sante: 'Santé',
  financiere: 'Financière',
};

/** How soon someone should call back; « immediate » also shows the emergency numbers again. */
export const ENTRAIDE_URGENCIES = ['normale', 'rapide', 'immediate'] as const;
export type EntraideUrgency = (typeof ENTRAIDE_URGENCIES)[number];
export const ENTRAIDE_URGENCY_LABELS: Record<EntraideUrgency, string> = {
  normale: 'Dans les prochains jours',
  rapide: 'Dans les 48 heures',
  immediate: "Aujourd'hui",
};

/** Who the person in difficulty is; eligibility follows seed 002 (doctors, their families, docteurs juniors). */
export const ENTRAIDE_BENEFICIARY_KINDS = ['medecin', 'docteur_junior', 'famille'] as const;
export type EntraideBeneficiaryKind = (typeof ENTRAIDE_BENEFICIARY_KINDS)[number];
export const ENTRAIDE_BENEFICIARY_LABELS: Record<EntraideBeneficiaryKind, string> = {
  medecin: 'Médecin inscrit au tableau',
  docteur_junior: 'Docteur junior',
  famille: "Membre de la famille d'un médecin",
};

/** How a request reached the commission. */
export const ENTRAIDE_SOURCES = ['espace_medecin', 'proche', 'appel_agent', 'appel_cde', 'ligne_ecoute', 'signalement'] as const;
export type EntraideSource = (typeof ENTRAIDE_SOURCES)[number];
export const ENTRAIDE_SOURCE_LABELS: Record<EntraideSource, string> = {
  espace_medecin: 'Demande du médecin depuis son espace',
  proche: "Demande d'un proche",
  appel_agent: "Appel reçu par un agent du conseil",
  appel_cde: "Appel reçu par un membre de la commission",
  ligne_ecoute: "Appel à une ligne d'écoute, transformé en dossier",
  signalement: "Proposée après un signalement d'escroquerie",
};

/** How the person agrees to be contacted; « aucun » means the commission may not call first. */
export const ENTRAIDE_CONTACT_MEANS = ['telephone', 'courriel', 'courrier', 'aucun'] as const;
export type EntraideContactMeans = (typeof ENTRAIDE_CONTACT_MEANS)[number];
export const ENTRAIDE_CONTACT_MEANS_LABELS: Record<EntraideContactMeans, string> = {
  telephone: 'Par téléphone',
  courriel: 'Par courriel',
  courrier: 'Par courrier',
  aucun: 'Ne pas me contacter : je rappellerai',
};

/**
 * The life of a case. Support is not limited in time: a closed case can be reopened, and reopening
 * puts it back « en_cours ». « transmis_cne » is the escalation (docs/entraide.md).
 */
export const ENTRAIDE_CASE_STATUSES = ['recu', 'en_cours', 'transmis_cne', 'clos'] as const;
export type EntraideCaseStatus = (typeof ENTRAIDE_CASE_STATUSES)[number];
export const ENTRAIDE_CASE_STATUS_LABELS: Record<EntraideCaseStatus, string> = {
  recu: 'Reçu, à attribuer',
  en_cours: 'Suivi en cours',
  transmis_cne: "Transmis à la commission nationale d'entraide",
  clos: 'Clos',
};

/** What is written in a case's journal; the text of each entry is sealed like the identity. */
export const ENTRAIDE_EVENT_KINDS = ['note', 'entretien', 'decision', 'transmission_cne', 'consentement_cne', 'cloture', 'reouverture', 'orientation_cresus'] as const;
export type EntraideEventKind = (typeof ENTRAIDE_EVENT_KINDS)[number];
/** How the journal names each kind of entry, on the case page and in the right-of-access PDF. */
export const ENTRAIDE_EVENT_KIND_LABELS: Record<EntraideEventKind, string> = {
  note: 'Note',
  entretien: 'Entretien',
  decision: 'Décision',
  transmission_cne: 'Transmission à la commission nationale',
  consentement_cne: 'Accord de la personne pour que la commission nationale connaisse son identité',
  cloture: 'Clôture',
  reouverture: 'Réouverture',
  orientation_cresus: 'Orientation vers Crésus',
};

/** What the commission decides. A financial aid carries an amount, its form and the vote. */
export const ENTRAIDE_DECISION_KINDS = ['aide_financiere', 'orientation', 'accompagnement', 'refus'] as const;
export type EntraideDecisionKind = (typeof ENTRAIDE_DECISION_KINDS)[number];
export const ENTRAIDE_DECISION_LABELS: Record<EntraideDecisionKind, string> = {
  aide_financiere: 'Aide financière',
  orientation: 'Orientation vers un partenaire',
  accompagnement: 'Accompagnement par la commission',
  refus: "Pas d'aide accordée",
};
export const ENTRAIDE_AID_FORMS = ['secours', 'pret_d_honneur', 'prise_en_charge'] as const;
export type EntraideAidForm = (typeof ENTRAIDE_AID_FORMS)[number];
export const ENTRAIDE_AID_FORM_LABELS: Record<EntraideAidForm, string> = {
  secours: 'Secours (don)',
  pret_d_honneur: "Prêt d'honneur",
  prise_en_charge: 'Prise en charge directe de frais',
};

/** What Crésus does for a doctor, as seed 002 lists it; the referral's tracking records these. */
export const CRESUS_ACTIONS = ['bilan', 'contact_creanciers', 'recherche_aides', 'delai_grace', 'gestion_tresorerie', 'dossier_surendettement', 'procedures_judiciaires'] as const;
export type CresusAction = (typeof CRESUS_ACTIONS)[number];
export const CRESUS_ACTION_LABELS: Record<CresusAction, string> = {
  bilan: 'Bilan général de la situation',
  contact_creanciers: 'Contact rétabli avec les créanciers et partenaires',
  recherche_aides: "Recherche d'aides financières adaptées",
  delai_grace: "Demande d'un délai de grâce",
  gestion_tresorerie: 'Gestion de la trésorerie',
  dossier_surendettement: 'Dossier de surendettement (dernier recours)',
  procedures_judiciaires: 'Aide dans les démarches auprès des tribunaux judiciaires',
};

/** The two commissions; a CDE belongs to one département, the CNE is national. */
export const ENTRAIDE_COMMISSIONS = ['cde', 'cne'] as const;
export type EntraideCommission = (typeof ENTRAIDE_COMMISSIONS)[number];
export const ENTRAIDE_MEMBER_ROLES = ['president', 'membre'] as const;
export type EntraideMemberRole = (typeof ENTRAIDE_MEMBER_ROLES)[number];

/** A helpline shown before any form, without logging in (configurable per département). */
export interface Helpline {
  name: string;
  purpose: string;
  number: string;
  hours: string;
}

/** Seed 002's two lines, the national default every département starts with. */
export const DEFAULT_HELPLINES: readonly Helpline[] = [
  { name: 'SYNEXIAL', purpose: 'Assistants sociaux', number: '0800 288 038', hours: 'Du lundi au vendredi, de 9 h à 19 h (appel gratuit)' },
  { name: 'STIMULUS', purpose: 'Psychologues', number: '09 80 80 03 07', hours: '7 jours sur 7, 24 h sur 24, numéro non surtaxé' },
];

/** Shown above the helplines: an emergency is not a case for the commission. */
export const EMERGENCY_NUMBERS = [
  { number: '15', label: 'SAMU : urgence médicale' },
  { number: '3114', label: 'Numéro national de prévention du suicide, 24 h sur 24, gratuit' },
] as const;

export const ENTRAIDE_LIMITS = {
  name: 100,
  phone: 30,
  address: 300,
  message: 5_000,
  note: 10_000,
  reason: 500,
  /** One euro short of a million: an amount above is a typing error, never an aid. */
  amountCents: 99_999_999,
} as const;

const zNatures = z
  .array(z.enum(ENTRAIDE_NATURES, { error: 'Nature de difficulté inconnue.' }))
  .min(1, { error: 'Choisissez au moins une nature de difficulté.' })
  .max(ENTRAIDE_NATURES.length)
  .transform((natures) => [...new Set(natures)]);

const zDepartement = z
  .string()
  .trim()
  .refine(isDepartementCode, { error: 'Département inconnu.' });

const zContact = z.object({
  means: z.enum(ENTRAIDE_CONTACT_MEANS, { error: 'Moyen de contact inconnu.' }),
  consent: z.boolean({ error: 'Indiquez si la commission peut vous contacter.' }),
  phone: z.string().trim().max(ENTRAIDE_LIMITS.phone).optional(),
  email: zEmail.optional(),
  address: z.string().trim().max(ENTRAIDE_LIMITS.address).optional(),
}).superRefine((c, ctx) => {
  // A means of contact without its detail would leave the commission unable to call back. An email for
  // a doctor's own request comes from their account (requests.service.ts); a relative's is checked below.
  if (c.means === 'telephone' && !c.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Indiquez le numéro de téléphone où vous joindre.' });
  if (c.means === 'courrier' && !c.address) ctx.addIssue({ code: 'custom', path: ['address'], message: "Indiquez l'adresse postale où vous écrire." });
});

/** A request made by a doctor from their space: identity comes from the account, never from the body. */
export const ZEntraideOwnRequest = z.strictObject({
  natures: zNatures,
  urgency: z.enum(ENTRAIDE_URGENCIES, { error: "Degré d'urgence inconnu." }),
  message: z.string().trim().max(ENTRAIDE_LIMITS.message).default(''),
  contact: zContact,
});
export type TEntraideOwnRequest = z.infer<typeof ZEntraideOwnRequest>;

/** A request made for someone else (a relative, without an account) or recorded after a call. */
export const ZEntraideRequestFor = ZEntraideOwnRequest.extend({
  departement: zDepartement,
  beneficiary: z.strictObject({
    kind: z.enum(ENTRAIDE_BENEFICIARY_KINDS, { error: 'Bénéficiaire inconnu.' }),
    firstName: z.string().trim().min(1).max(ENTRAIDE_LIMITS.name),
    lastName: z.string().trim().min(1).max(ENTRAIDE_LIMITS.name),
    rpps: z.string().trim().regex(/^\d{11}$/, { error: 'Le numéro RPPS compte 11 chiffres.' }).optional(),
  }),
  requester: z
    .strictObject({
      firstName: z.string().trim().min(1).max(ENTRAIDE_LIMITS.name),
      lastName: z.string().trim().min(1).max(ENTRAIDE_LIMITS.name),
      relation: z.string().trim().min(1).max(ENTRAIDE_LIMITS.name),
    })
    .optional(),
}).superRefine((r, ctx) => {
  if (r.contact.means === 'courriel' && !r.contact.email) ctx.addIssue({ code: 'custom', path: ['contact', 'email'], message: "Indiquez l'adresse électronique où vous écrire." });
});
export type TEntraideRequestFor = z.infer<typeof ZEntraideRequestFor>;

/**
 * Every reveal of an identity states why; the reason goes to the audit journal. Its minimum length is
 * checked by the service, so that a reveal attempted without a reason is audited too.
 */
export const ZEntraideReveal = z.strictObject({
  reason: z.string().trim().max(ENTRAIDE_LIMITS.reason).default(''),
});
export const MIN_REVEAL_REASON_CHARS = 10;

/** A financial aid decided by the commission: amount, form, and the vote with its quorum. */
export const ZEntraideDecision = z
  .strictObject({
    kind: z.enum(ENTRAIDE_DECISION_KINDS, { error: 'Décision inconnue.' }),
    decidedOn: z.iso.date({ error: 'Date invalide.' }),
    amountCents: z.number().int().positive({ error: 'Le montant doit être positif.' }).max(ENTRAIDE_LIMITS.amountCents, { error: 'Montant invraisemblable.' }).optional(),
    aidForm: z.enum(ENTRAIDE_AID_FORMS, { error: "Forme d'aide inconnue." }).optional(),
    vote: z.strictObject({
      membersPresent: z.number().int().min(0).max(50),
      membersSeated: z.number().int().min(1).max(50),
      for: z.number().int().min(0).max(50),
      against: z.number().int().min(0).max(50),
      abstentions: z.number().int().min(0).max(50),
    }),
    note: z.string().trim().max(ENTRAIDE_LIMITS.note).default(''),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'aide_financiere' && (d.amountCents === undefined || d.aidForm === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amountCents'], message: "Une aide financière précise son montant et sa forme." });
    }
    if (d.vote.for + d.vote.against + d.vote.abstentions !== d.vote.membersPresent) {
      ctx.addIssue({ code: 'custom', path: ['vote'], message: 'Les voix ne correspondent pas au nombre de membres présents.' });
    }
    if (d.vote.membersPresent > d.vote.membersSeated) {
      ctx.addIssue({ code: 'custom', path: ['vote', 'membersPresent'], message: 'Plus de membres présents que de membres en exercice.' });
    }
  });
export type TEntraideDecision = z.infer<typeof ZEntraideDecision>;

/** A member's seat on a commission for one mandate (for example 2024–2027). */
export const ZEntraideMandate = z
  .strictObject({
    userId: zUuid,
    commission: z.enum(ENTRAIDE_COMMISSIONS),
    departement: zDepartement.nullable(),
    role: z.enum(ENTRAIDE_MEMBER_ROLES),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
  })
  .superRefine((m, ctx) => {
    if (m.endsOn < m.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'La fin du mandat précède son début.' });
    if ((m.commission === 'cde') !== (m.departement !== null)) {
      ctx.addIssue({ code: 'custom', path: ['departement'], message: 'Une commission départementale a un département ; la commission nationale n’en a pas.' });
    }
  });
export type TEntraideMandate = z.infer<typeof ZEntraideMandate>;

/** Categories of a budget line, for the reste-à-vivre tool (docs/entraide.md). */
export const BUDGET_LINE_KINDS = ['revenu', 'charge_fixe', 'dette'] as const;
export type BudgetLineKind = (typeof BUDGET_LINE_KINDS)[number];

const zCents = z.number().int({ error: 'Montant en centimes entiers.' }).min(0, { error: 'Un montant ne peut pas être négatif.' }).max(ENTRAIDE_LIMITS.amountCents, { error: 'Montant invraisemblable.' });

/**
 * One budget as Crésus reads it: itemised monthly income, fixed charges and debt instalments (with what
 * is left to repay), and the household, for the reste à vivre per consumption unit.
 */
export const ZBudget = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        kind: z.enum(BUDGET_LINE_KINDS, { error: 'Type de ligne inconnu.' }),
        label: z.string().trim().min(1, { error: 'Nommez la ligne.' }).max(ENTRAIDE_LIMITS.name),
        monthlyCents: zCents,
        remainingCents: zCents.optional(),
      }),
    )
    .min(1, { error: 'Saisissez au moins une ligne.' })
    .max(100),
  household: z.strictObject({
    // The OECD-modified scale INSEE uses: 1 for the first person, 0.5 per other person aged 14 or more,
    // 0.3 per child under 14.
    personsFrom14: z.number().int().min(1, { error: 'Le foyer compte au moins une personne de 14 ans ou plus.' }).max(20),
    childrenUnder14: z.number().int().min(0).max(20),
  }),
});
export type TBudget = z.infer<typeof ZBudget>;

/** What `GET /api/entraide/helplines` answers: emergency numbers first, then the helplines in force. */
export const ZHelpline = z.object({ name: z.string(), purpose: z.string(), number: z.string(), hours: z.string() });
export const ZHelplines = z.object({
  departement: z.string().nullable(),
  /** True when the département set no list of its own and the national default applies. */
  nationalDefault: z.boolean(),
  emergency: z.array(z.object({ number: z.string(), label: z.string() })),
  helplines: z.array(ZHelpline),
});
export type THelplines = z.infer<typeof ZHelplines>;
export const ZHelplinesQuery = z.strictObject({ departement: zDepartement.optional() });

/** A département's own list (replaces the national default); an empty list goes back to the default. */
export const ZHelplinesUpdate = z.strictObject({
  helplines: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, { error: 'Nommez la ligne.' }).max(100),
        purpose: z.string().trim().min(1, { error: 'Dites à quoi sert la ligne.' }).max(200),
        number: z.string().trim().regex(/^[0-9][0-9 ]{1,19}$/, { error: 'Numéro de téléphone invalide (chiffres et espaces).' }),
        hours: z.string().trim().min(1, { error: 'Indiquez les horaires.' }).max(200),
      }),
    )
    .max(10, { error: '10 lignes au plus.' }),
});
export const ZDepartementParams = z.strictObject({ departement: zDepartement });

/** The receipt of a request: the pseudonym only, and the helplines to call meanwhile. */
export const ZEntraideReceipt = z.object({
  reference: z.string(),
  status: z.enum(ENTRAIDE_CASE_STATUSES),
  helplines: ZHelplines,
});
export type TEntraideReceipt = z.infer<typeof ZEntraideReceipt>;

/** A doctor's own requests, as their space lists them. */
export const ZMyEntraideRequests = z.object({
  requests: z.array(
    z.object({
      reference: z.string(),
      status: z.enum(ENTRAIDE_CASE_STATUSES),
      natures: z.array(z.enum(ENTRAIDE_NATURES)),
      openedAt: z.string(),
    }),
  ),
});
export type TMyEntraideRequests = z.infer<typeof ZMyEntraideRequests>;

/** A case as a commission member's list shows it: the pseudonym and the workflow's facts, no identity. */
export const ZEntraideCaseSummary = z.object({
  id: zUuid,
  reference: z.string(),
  departement: z.string(),
  status: z.enum(ENTRAIDE_CASE_STATUSES),
  natures: z.array(z.enum(ENTRAIDE_NATURES)),
  urgency: z.enum(ENTRAIDE_URGENCIES),
  source: z.enum(ENTRAIDE_SOURCES),
  beneficiaryKind: z.enum(ENTRAIDE_BENEFICIARY_KINDS),
  referentName: z.string().nullable(),
  openedAt: z.string(),
  lastActivityAt: z.string(),
});
export const ZEntraideCaseList = z.object({ cases: z.array(ZEntraideCaseSummary), total: z.number().int() });
export const ZEntraideCaseListQuery = z.strictObject({
  status: z.enum(ENTRAIDE_CASE_STATUSES, { error: 'Statut inconnu.' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const ZEntraideCaseParams = z.strictObject({ id: zUuid });

/** A decision as recorded, with its vote: the case page lists them, the right-of-access export hands them over. */
export const ZEntraideCaseDecision = z.object({
  kind: z.enum(ENTRAIDE_DECISION_KINDS),
  decidedOn: z.string(),
  amountCents: z.number().int().nullable(),
  aidForm: z.enum(ENTRAIDE_AID_FORMS).nullable(),
  vote: z.object({ membersSeated: z.number().int(), membersPresent: z.number().int(), for: z.number().int(), against: z.number().int(), abstentions: z.number().int() }),
  quorumReached: z.boolean(),
  commission: z.enum(ENTRAIDE_COMMISSIONS),
});
export type TEntraideCaseDecision = z.infer<typeof ZEntraideCaseDecision>;

/** A case opened by a member: the journal (free text opened for the commission), never the identity. */
export const ZEntraideCaseDetail = ZEntraideCaseSummary.extend({
  contactMeans: z.enum(ENTRAIDE_CONTACT_MEANS),
  contactConsent: z.boolean(),
  identityVisibleToCne: z.boolean(),
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  journal: z.array(z.object({ kind: z.enum(ENTRAIDE_EVENT_KINDS), occurredAt: z.string(), authorName: z.string().nullable(), text: z.string().nullable() })),
  /** Oldest first. */
  decisions: z.array(ZEntraideCaseDecision),
});
export type TEntraideCaseDetail = z.infer<typeof ZEntraideCaseDetail>;

/** What a reveal answers: who the person is and how to reach them. */
export const ZEntraideIdentity = z.object({
  reference: z.string(),
  beneficiary: z.object({ kind: z.enum(ENTRAIDE_BENEFICIARY_KINDS), firstName: z.string(), lastName: z.string(), rpps: z.string().optional() }),
  requester: z.object({ firstName: z.string(), lastName: z.string(), relation: z.string() }).nullable(),
  contact: z.object({ means: z.enum(ENTRAIDE_CONTACT_MEANS), consent: z.boolean(), phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() }),
  message: z.string(),
});
export type TEntraideIdentity = z.infer<typeof ZEntraideIdentity>;

/** A journal entry written by a member: a note or a meeting, dated (a meeting may be recorded after it). */
export const ZEntraideJournalEntry = z.strictObject({
  kind: z.enum(['note', 'entretien'], { error: "Type d'entrée inconnu (note ou entretien)." }),
  text: z.string().trim().min(1, { error: 'Le texte est vide.' }).max(ENTRAIDE_LIMITS.note),
  occurredAt: z.iso.datetime({ offset: true, error: 'Date et heure invalides.' }).optional(),
});

/** The referent: a member of the case's CDE with a current mandate (null: nobody). */
export const ZEntraideAssign = z.strictObject({ referentId: zUuid.nullable() });

/** Transmission to the CNE, with or without the person's consent to share their identity with it. */
export const ZEntraideEscalate = z.strictObject({
  identityConsent: z.boolean({ error: "Indiquez si la personne consent à ce que la commission nationale connaisse son identité." }),
  reason: z.string().trim().min(10, { error: 'Dites pourquoi le dossier est transmis (10 caractères au moins).' }).max(ENTRAIDE_LIMITS.reason),
});

/**
 * The person's consent, obtained after a transmission without it, to let the CNE know who they are (so
 * that it may reveal the identity and refer them to Crésus by name). The note goes to the journal, sealed.
 */
export const ZEntraideCneConsent = z.strictObject({
  consent: z.literal(true, { error: 'La personne doit avoir consenti à ce que la commission nationale connaisse son identité.' }),
  note: z.string().trim().max(ENTRAIDE_LIMITS.note, { error: `La note compte ${ENTRAIDE_LIMITS.note} caractères au plus.` }).default(''),
});
export type TEntraideCneConsent = z.infer<typeof ZEntraideCneConsent>;

/** Closure or reopening, with what is written in the journal. */
export const ZEntraideStatusChange = z.strictObject({
  text: z.string().trim().min(1, { error: 'Le texte est vide.' }).max(ENTRAIDE_LIMITS.note),
});

/** A seat as the administrators' list shows it. */
export const ZEntraideMandateView = z.object({
  id: zUuid,
  userId: zUuid,
  memberName: z.string(),
  commission: z.enum(ENTRAIDE_COMMISSIONS),
  departement: z.string().nullable(),
  role: z.enum(ENTRAIDE_MEMBER_ROLES),
  startsOn: z.string(),
  endsOn: z.string(),
  inForce: z.boolean(),
});
export const ZEntraideMandateList = z.object({ mandates: z.array(ZEntraideMandateView) });

/** A call to a helpline or to the council, logged without identity (it may become a case later). */
export const ZEntraideCallLog = z.strictObject({
  departement: zDepartement,
  receivedOn: z.iso.date({ error: 'Date invalide.' }),
  natures: z.array(z.enum(ENTRAIDE_NATURES, { error: 'Nature de difficulté inconnue.' })).max(ENTRAIDE_NATURES.length).transform((n) => [...new Set(n)]),
  urgency: z.enum(ENTRAIDE_URGENCIES, { error: "Degré d'urgence inconnu." }),
  /** Free text, sealed for the département's CDE; it becomes the case's first note on conversion. */
  summary: z.string().trim().max(ENTRAIDE_LIMITS.note).default(''),
});
export type TEntraideCallLog = z.infer<typeof ZEntraideCallLog>;
export const ZEntraideCall = z.object({
  id: zUuid,
  departement: z.string(),
  receivedOn: z.string(),
  natures: z.array(z.enum(ENTRAIDE_NATURES)),
  urgency: z.enum(ENTRAIDE_URGENCIES),
  caseReference: z.string().nullable(),
});
export const ZEntraideCallList = z.object({ calls: z.array(ZEntraideCall) });
export const ZEntraideCallListQuery = z.strictObject({ departement: zDepartement.optional() });

// ——— Crésus and the budget tool (docs/entraide.md § Crésus) ———

export const CRESUS_REFERRAL_STATUSES = ['orientee', 'en_accompagnement', 'terminee'] as const;
export type CresusReferralStatus = (typeof CRESUS_REFERRAL_STATUSES)[number];
export const CRESUS_REFERRAL_STATUS_LABELS: Record<CresusReferralStatus, string> = {
  orientee: 'Orientée vers Crésus',
  en_accompagnement: 'Accompagnement en cours',
  terminee: 'Accompagnement terminé',
};

/**
 * A referral to Crésus: only with the person's consent, and only the contact details they agreed to
 * hand over. The service seals name, the chosen contact details, the natures and the latest reste à vivre.
 */
export const ZCresusReferral = z.strictObject({
  consent: z.literal(true, { error: 'La personne doit avoir consenti à son orientation vers Crésus.' }),
  sharePhone: z.boolean().default(false),
  shareEmail: z.boolean().default(false),
  note: z.string().trim().max(ENTRAIDE_LIMITS.note).default(''),
});
export type TCresusReferral = z.infer<typeof ZCresusReferral>;

/** What Crésus did, as the commission records it; may move the referral's status on. */
export const ZCresusActionEntry = z.strictObject({
  action: z.enum(CRESUS_ACTIONS, { error: 'Action de Crésus inconnue.' }),
  occurredOn: z.iso.date({ error: 'Date invalide.' }),
  note: z.string().trim().max(ENTRAIDE_LIMITS.note).default(''),
  status: z.enum(CRESUS_REFERRAL_STATUSES, { error: "Statut d'accompagnement inconnu." }).optional(),
});
export type TCresusActionEntry = z.infer<typeof ZCresusActionEntry>;

/** The referral as the commission reads it (the sealed payload opened), or null before any referral. */
export const ZCresusReferralView = z.object({
  id: zUuid,
  status: z.enum(CRESUS_REFERRAL_STATUSES),
  consentRecordedAt: z.string(),
  referredAt: z.string(),
  /** Exactly what was handed to Crésus. */
  shared: z.object({
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    natures: z.array(z.enum(ENTRAIDE_NATURES)),
    resteAVivreCents: z.number().int().nullable(),
  }),
  actions: z.array(z.object({ id: zUuid, action: z.enum(CRESUS_ACTIONS), occurredOn: z.string(), note: z.string(), recordedByName: z.string().nullable() })),
});
export type TCresusReferralView = z.infer<typeof ZCresusReferralView>;
export const ZCresusReferralAnswer = z.object({ referral: ZCresusReferralView.nullable() });

/** A budget snapshot to record: the budget itself and the day it describes (today by default). */
export const ZBudgetSnapshotInput = ZBudget.extend({
  recordedOn: z.iso.date({ error: 'Date invalide.' }).optional(),
});
export type TBudgetSnapshotInput = z.infer<typeof ZBudgetSnapshotInput>;

/** The computed reste à vivre of one snapshot (server/modules/entraide/reste-a-vivre.ts). */
export const ZResteAVivre = z.object({
  incomeCents: z.number().int(),
  fixedChargesCents: z.number().int(),
  debtInstalmentsCents: z.number().int(),
  resteAVivreCents: z.number().int(),
  consumptionUnits: z.number(),
  perUnitCents: z.number().int(),
  outstandingDebtCents: z.number().int(),
  belowRsaFloor: z.boolean(),
  debtRatio: z.number().nullable(),
});
export type TResteAVivre = z.infer<typeof ZResteAVivre>;

/** A case's budget history, oldest first, for the table and the chart. */
export const ZBudgetHistory = z.object({
  rsaFloorCents: z.number().int(),
  snapshots: z.array(z.object({ id: zUuid, recordedOn: z.string(), budget: ZBudget, result: ZResteAVivre, recordedByName: z.string().nullable() })),
});
export type TBudgetHistory = z.infer<typeof ZBudgetHistory>;

// ——— Data protection, mandates' end, members (docs/entraide.md § Data protection) ———

/** Retention of closed cases, in months after closure (GDPR art. 9 data: health and finances). */
export const ENTRAIDE_RETENTION_MONTHS = { min: 6, max: 240, default: 60 } as const;
export const ZEntraideSettings = z.strictObject({
  retentionMonths: z
    .number({ error: 'Durée de conservation en mois.' })
    .int({ error: 'Durée de conservation en mois entiers.' })
    .min(ENTRAIDE_RETENTION_MONTHS.min, { error: `La conservation dure au moins ${ENTRAIDE_RETENTION_MONTHS.min} mois.` })
    .max(ENTRAIDE_RETENTION_MONTHS.max, { error: `La conservation dure au plus ${ENTRAIDE_RETENTION_MONTHS.max} mois.` }),
});
export type TEntraideSettings = z.infer<typeof ZEntraideSettings>;

/** Ending a seat before its term (resignation, loss of office): from the day after `endsOn`, no access. */
export const ZEntraideMandateEnd = z.strictObject({
  endsOn: z.iso.date({ error: 'Date invalide.' }),
  reason: z.string().trim().min(10, { error: 'Dites pourquoi le mandat prend fin (10 caractères au moins).' }).max(ENTRAIDE_LIMITS.reason),
});
export const ZEntraideMandateParams = z.strictObject({ id: zUuid });

/** Members of a commission in office today, to choose a referent (no mandate detail). */
export const ZEntraideMembers = z.object({ members: z.array(z.object({ userId: zUuid, name: z.string(), role: z.enum(ENTRAIDE_MEMBER_ROLES) })) });

/** Cells under this count are not shown in anonymised statistics (null, « moins de 5 »). */
export const ENTRAIDE_STATS_MIN_CELL = 5;
/** A count in anonymised statistics: null when it is under ENTRAIDE_STATS_MIN_CELL (and not zero). */
const zCell = z.number().int().nullable();
export const ZEntraideStatsQuery = z.strictObject({
  from: z.iso.date({ error: 'Date invalide.' }).optional(),
  to: z.iso.date({ error: 'Date invalide.' }).optional(),
});
export const ZEntraideStats = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: zCell,
  byNature: z.array(z.object({ nature: z.enum(ENTRAIDE_NATURES), count: zCell })),
  byStatus: z.array(z.object({ status: z.enum(ENTRAIDE_CASE_STATUSES), count: zCell })),
  byOutcome: z.array(z.object({ outcome: z.enum(ENTRAIDE_DECISION_KINDS), count: zCell })),
  byDepartement: z.array(z.object({ departement: z.string(), count: zCell })),
  byMonth: z.array(z.object({ month: z.string(), count: zCell })),
  /** Median days from opening to closure of closed cases; null under the minimum cell. */
  medianDurationDays: z.number().nullable(),
  escalatedToCne: zCell,
  cresusReferrals: zCell,
});
export type TEntraideStats = z.infer<typeof ZEntraideStats>;

/** The right of access (GDPR art. 15): everything held about the person of a case, with a reason. */
export const ZEntraideAccessExportRequest = z.strictObject({
  format: z.enum(['json', 'pdf'], { error: 'Format inconnu (json ou pdf).' }).default('json'),
  reason: z.string().trim().min(10, { error: "Dites pourquoi vous exportez ce dossier (10 caractères au moins)." }).max(ENTRAIDE_LIMITS.reason),
});
export const ZEntraideAccessExport = z.object({
  exportedAt: z.string(),
  case: ZEntraideCaseDetail,
  identity: ZEntraideIdentity,
  decisions: z.array(ZEntraideCaseDecision),
  cresus: ZCresusReferralView.nullable(),
  budgets: ZBudgetHistory.shape.snapshots,
});
export type TEntraideAccessExport = z.infer<typeof ZEntraideAccessExport>;
