// Filing a DPC signalement and following one's own (issue 12, docs/dpc-signalements.md « Filing »): the
// bodies of the two filing doors (an account, a patient's relative without one), the receipt, the
// doctor's list and the catalogue suggestions the form searches. Shared by the server and the web form.
import { isDepartementCode } from './departements.js';
import { DPC_PRIORITIES } from './dpc.schemas.js';
import {
  DPC_REPORTER_KINDS,
  DPC_SIGNALEMENT_KINDS,
  DPC_SIGNALEMENT_LIMITS,
  DPC_SIGNALEMENT_STATUSES,
} from './dpc-signalements.schemas.js';
import { isValidRpps } from './rpps.js';
import { z, zEmail, zUuid } from './zod.js';

const L = DPC_SIGNALEMENT_LIMITS;

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label} : ${max.toLocaleString('fr-FR')} caractères au plus.` });
const required = (max: number, label: string) => trimmed(max, label).min(1, { error: `${label} : champ obligatoire.` });

export const DPC_FACTS_REQUIRED = 'Décrivez les faits.';
export const DPC_RPPS_INVALID = 'Le numéro RPPS compte 11 chiffres, le dernier étant une clé de contrôle.';

/** The practitioner's RPPS number when the reporter knows it: 11 digits, Luhn key checked. */
export const zDpcRpps = z
  .string()
  .trim()
  .refine(isValidRpps, { error: DPC_RPPS_INVALID });

/** What the signalement is about: a catalogue action, an organisation (from the catalogue or named), or a person named. */
export const ZDpcSignalementSubject = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('action'), actionId: zUuid }),
    // From the catalogue (its id), or typed when the reporter cannot find it there (its name).
    z
      .strictObject({ kind: z.literal('organisation'), organisationId: zUuid.optional(), name: required(L.subjectLabel, 'Nom de l’organisme').optional() })
      .refine((s) => (s.organisationId === undefined) !== (s.name === undefined), { error: 'Indiquez le nom de l’organisme.', path: ['name'] }),
    z.strictObject({
      kind: z.literal('praticien'),
      name: required(L.practitionerName, 'Nom du praticien ou de l’intervenant'),
      rpps: zDpcRpps.optional(),
    }),
  ],
  { error: 'Choisissez une action du catalogue, un organisme ou un praticien.' },
);
export type TDpcSignalementSubject = z.infer<typeof ZDpcSignalementSubject>;

const zPhone = z
  .string()
  .trim()
  .regex(/^[0-9+ ().-]{6,30}$/, { error: 'Numéro de téléphone invalide (6 à 30 chiffres, espaces ou « + »).' });

/**
 * Who reports, as typed in the form. From an account: a doctor or a reviewer types only a phone or a
 * profession (name and address are the account's); an agent recording a signalement received by phone
 * or mail types the reporter's identity (the service requires the name).
 */
export const ZDpcReporterInput = z.strictObject({
  fullName: required(L.fullName, 'Nom et prénom').optional(),
  email: zEmail.optional(),
  phone: zPhone.optional(),
  profession: required(L.profession, 'Profession').optional(),
  relation: required(200, 'Lien avec le patient').optional(),
});

const commonFields = {
  kind: z.enum(DPC_SIGNALEMENT_KINDS, { error: 'Choisissez la nature du signalement.' }),
  subject: ZDpcSignalementSubject,
  departement: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isDepartementCode, { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' })
    .nullable()
    .optional(),
  occurredOn: z.iso.date({ error: 'Date invalide (attendu : AAAA-MM-JJ).' }).nullable().optional(),
  facts: z
    .string()
    .trim()
    .min(1, { error: DPC_FACTS_REQUIRED })
    .max(L.facts, { error: `Les faits : ${L.facts.toLocaleString('fr-FR')} caractères au plus.` }),
  concernsHealth: z.boolean({ error: 'Indiquez si des patients ou leur santé sont concernés.' }),
};

/** POST /api/dpc/signalements (JSON, or the same fields as multipart parts with evidence files). */
export const ZDpcSignalementCreate = z.strictObject({
  ...commonFields,
  reporterKind: z.enum(DPC_REPORTER_KINDS, { error: 'Indiquez à quel titre vous signalez.' }),
  reporter: ZDpcReporterInput.default({}),
});
export type TDpcSignalementCreate = z.infer<typeof ZDpcSignalementCreate>;

/** POST /api/dpc/signalements/public: a patient's relative, who must leave a name and an address to be contacted. */
export const ZDpcPublicSignalementCreate = z.strictObject({
  ...commonFields,
  reporterKind: z.literal('proche', {
    error: 'Sans compte, vous pouvez signaler en tant que proche d’un patient. Médecins : connectez-vous pour signaler une formation suivie.',
  }),
  reporter: z.strictObject({
    fullName: required(L.fullName, 'Nom et prénom'),
    email: zEmail,
    phone: zPhone.optional(),
    relation: required(200, 'Lien avec le patient'),
  }),
});
export type TDpcPublicSignalementCreate = z.infer<typeof ZDpcPublicSignalementCreate>;

/** The receipt of a filing: the reference to quote and the screening's outcome in two figures. */
export const ZDpcSignalementFiled = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(DPC_SIGNALEMENT_STATUSES),
  publicStatusLabel: z.string(),
  screened: z.object({ priority: z.enum(DPC_PRIORITIES), findingsCount: z.number().int() }),
});
export type TDpcSignalementFiled = z.infer<typeof ZDpcSignalementFiled>;

export const DPC_MY_SIGNALEMENTS_PAGE_SIZE = 20;
export const ZDpcMySignalementsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
/** One line of « Mes signalements DPC »: what the reporter may know, nothing of the workflow. */
export const ZDpcMySignalement = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(DPC_SIGNALEMENT_KINDS),
  kindLabel: z.string(),
  subjectLabel: z.string(),
  publicStatusLabel: z.string(),
  createdAt: z.string(),
});
export const ZDpcMySignalements = z.object({
  items: z.array(ZDpcMySignalement),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TDpcMySignalements = z.infer<typeof ZDpcMySignalements>;

export const DPC_SUGGESTIONS_MAX = 10;
export const DPC_SUGGESTIONS_MIN_CHARS = 3;
export const ZDpcCatalogueSuggestionsQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(DPC_SUGGESTIONS_MIN_CHARS, { error: `Tapez au moins ${DPC_SUGGESTIONS_MIN_CHARS} caractères.` })
    .max(100, { error: 'Recherche : 100 caractères au plus.' }),
});
/** A catalogue action as the public form proposes it: nothing of its programme or its screening. */
export const ZDpcCatalogueSuggestion = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  organisationName: z.string(),
});
export const ZDpcCatalogueSuggestions = z.object({ items: z.array(ZDpcCatalogueSuggestion) });
export type TDpcCatalogueSuggestion = z.infer<typeof ZDpcCatalogueSuggestion>;

/** What every reporter is told of their protection: on the form, the receipt and the acknowledgement mail. */
export const DPC_REPORTER_PROTECTION =
  'Votre identité n’est connue que des personnes chargées d’examiner le signalement ; elle n’est jamais transmise à l’organisme, à l’ANDPC ni à la MIVILUDES.';
