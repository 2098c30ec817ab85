import {
  ENTRAIDE_LIMITS,
  ENTRAIDE_NATURES,
  ZEntraideOwnRequest,
  ZEntraideRequestFor,
  type EntraideBeneficiaryKind,
  type EntraideContactMeans,
  type EntraideNature,
  type EntraideUrgency,
} from '../../../../contracts/entraide.schemas.js';
import { isDepartementCode } from '../../../../contracts/departements.js';
import type { z } from '../../../../contracts/zod.js';
import { zEmail } from '../../../../contracts/zod.js';

// The request forms' values as typed, the checks made before sending (worded for someone in a hurry,
// then the contract's own schema as a last net, so nothing the server would refuse leaves the page),
// and the bodies sent. Field names are flat (« phone », « beneficiaryFirstName »): the server's paths
// (« contact.phone », « beneficiary.firstName ») are mapped onto them.

export type TOwnRequestBody = z.input<typeof ZEntraideOwnRequest>;
export type TRequestForBody = z.input<typeof ZEntraideRequestFor>;

/** What any request asks: the difficulty, how soon, a message, and whether and how to be contacted. */
export interface NeedValues {
  natures: EntraideNature[];
  urgency: EntraideUrgency;
  message: string;
  /** '' until chosen: being contacted is a choice the person makes, never a default. */
  means: EntraideContactMeans | '';
  phone: string;
  email: string;
  address: string;
}

/** A request for someone else: a relative's, or one recorded by staff after a call. */
export interface RequestForValues extends NeedValues {
  departement: string;
  beneficiaryKind: EntraideBeneficiaryKind | '';
  beneficiaryFirstName: string;
  beneficiaryLastName: string;
  beneficiaryRpps: string;
  /** Staff only: whether the caller was the person in difficulty or a relative (a relative always is one). */
  callerIsRelative: boolean;
  requesterFirstName: string;
  requesterLastName: string;
  requesterRelation: string;
}

export type FieldErrors = Record<string, string>;

/** The nature named in the page's address (« ?nature=financiere » from a fraud report), if it is one. */
export function natureFromQuery(value: string | null): EntraideNature[] {
  return value !== null && (ENTRAIDE_NATURES as readonly string[]).includes(value) ? [value as EntraideNature] : [];
}

export function initialNeed(natures: EntraideNature[] = []): NeedValues {
  return { natures, urgency: 'normale', message: '', means: '', phone: '', email: '', address: '' };
}

export function initialRequestFor(options: { departement?: string; natures?: EntraideNature[]; urgency?: EntraideUrgency; callerIsRelative: boolean }): RequestForValues {
  return {
    ...initialNeed(options.natures ?? []),
    urgency: options.urgency ?? 'normale',
    departement: options.departement ?? '',
    beneficiaryKind: '',
    beneficiaryFirstName: '',
    beneficiaryLastName: '',
    beneficiaryRpps: '',
    callerIsRelative: options.callerIsRelative,
    requesterFirstName: '',
    requesterLastName: '',
    requesterRelation: '',
  };
}

/** Only the contact detail that matches the chosen means is sent: a number typed, then changed for « courriel », stays here. */
function toContact(v: NeedValues): TOwnRequestBody['contact'] {
  const means = v.means === '' ? 'aucun' : v.means;
  return {
    means,
    // Choosing a way to be contacted is the consent; « ne pas me contacter » is its refusal.
    consent: means !== 'aucun',
    ...(means === 'telephone' ? { phone: v.phone.trim() } : {}),
    ...(means === 'courriel' ? { email: v.email.trim() } : {}),
    ...(means === 'courrier' ? { address: v.address.trim() } : {}),
  };
}

export function toOwnRequestBody(v: NeedValues): TOwnRequestBody {
  return { natures: v.natures, urgency: v.urgency, message: v.message.trim(), contact: toContact(v) };
}

export function toRequestForBody(v: RequestForValues): TRequestForBody {
  const rpps = v.beneficiaryRpps.replace(/\s/g, '');
  return {
    ...toOwnRequestBody(v),
    departement: v.departement,
    beneficiary: {
      kind: v.beneficiaryKind === '' ? 'medecin' : v.beneficiaryKind,
      firstName: v.beneficiaryFirstName.trim(),
      lastName: v.beneficiaryLastName.trim(),
      ...(rpps ? { rpps } : {}),
    },
    ...(v.callerIsRelative
      ? { requester: { firstName: v.requesterFirstName.trim(), lastName: v.requesterLastName.trim(), relation: v.requesterRelation.trim() } }
      : {}),
  };
}

/** The server's field paths → the form's field names. */
const PATH_FIELDS: Record<string, string> = {
  'contact.means': 'means',
  'contact.consent': 'means',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'contact.address': 'address',
  'beneficiary.kind': 'beneficiaryKind',
  'beneficiary.firstName': 'beneficiaryFirstName',
  'beneficiary.lastName': 'beneficiaryLastName',
  'beneficiary.rpps': 'beneficiaryRpps',
  beneficiary: 'beneficiaryFirstName',
  requester: 'requesterFirstName',
  'requester.firstName': 'requesterFirstName',
  'requester.lastName': 'requesterLastName',
  'requester.relation': 'requesterRelation',
};

/** « natures.0 » → « natures »; « contact.phone » → « phone ». */
export function fieldOfPath(path: string): string {
  if (PATH_FIELDS[path]) return PATH_FIELDS[path];
  const [first = path, second] = path.split('.');
  if (second !== undefined && PATH_FIELDS[`${first}.${second}`]) return PATH_FIELDS[`${first}.${second}`]!;
  return first;
}

/** The server's field errors under the form's field names (the first message per field). */
export function toFieldErrors(fields: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) errors[fieldOfPath(path)] ??= message;
  return errors;
}

const PHONE = /^\+?[0-9][0-9 .()-]{5,28}$/;

function checkNeed(v: NeedValues, who: 'self' | 'other'): FieldErrors {
  const errors: FieldErrors = {};
  if (v.natures.length === 0) errors.natures = 'Choisissez au moins une nature de difficulté.';
  if (v.means === '') errors.means = who === 'self' ? 'Indiquez si la commission peut vous contacter, et comment.' : 'Indiquez si la commission peut contacter la personne, et comment.';
  if (v.means === 'telephone') {
    if (v.phone.trim() === '') errors.phone = 'Indiquez le numéro auquel la commission peut appeler.';
    else if (!PHONE.test(v.phone.trim())) errors.phone = 'Numéro de téléphone invalide : chiffres et espaces, par exemple 06 12 34 56 78.';
  }
  if (v.means === 'courriel') {
    if (v.email.trim() === '') errors.email = "Indiquez l'adresse électronique à laquelle la commission peut écrire.";
    else if (!zEmail.safeParse(v.email).success) errors.email = 'Adresse électronique invalide.';
  }
  if (v.means === 'courrier' && v.address.trim() === '') errors.address = "Indiquez l'adresse postale à laquelle la commission peut écrire.";
  if (v.message.trim().length > ENTRAIDE_LIMITS.message) errors.message = `Le message ne peut pas dépasser ${ENTRAIDE_LIMITS.message} caractères.`;
  return errors;
}

/** What the contract's schema still refuses once the form's own checks pass (lengths, mostly). */
function schemaErrors(schema: z.ZodType, body: unknown, errors: FieldErrors): FieldErrors {
  const parsed = schema.safeParse(body);
  if (parsed.success) return errors;
  const all = { ...errors };
  for (const issue of parsed.error.issues) all[fieldOfPath(issue.path.join('.'))] ??= issue.message;
  return all;
}

/** The doctor's own request: what is missing or wrong, by field (empty: ready to send). */
export function checkOwnRequest(v: NeedValues): FieldErrors {
  return schemaErrors(ZEntraideOwnRequest, toOwnRequestBody(v), checkNeed(v, 'self'));
}

/** A relative's request, or one recorded after a call (`staff`: the contact is the person's, not the writer's). */
export function checkRequestFor(v: RequestForValues, { staff }: { staff: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  if (!isDepartementCode(v.departement)) errors.departement = 'Choisissez le département où la personne exerce ou habite.';
  if (v.beneficiaryKind === '') errors.beneficiaryKind = 'Indiquez qui est la personne en difficulté.';
  if (v.beneficiaryFirstName.trim() === '') errors.beneficiaryFirstName = 'Indiquez le prénom de la personne en difficulté.';
  if (v.beneficiaryLastName.trim() === '') errors.beneficiaryLastName = 'Indiquez le nom de la personne en difficulté.';
  const rpps = v.beneficiaryRpps.replace(/\s/g, '');
  if (rpps !== '' && !/^\d{11}$/.test(rpps)) errors.beneficiaryRpps = 'Le numéro RPPS compte 11 chiffres.';
  if (v.callerIsRelative) {
    const you = staff ? 'du proche qui a appelé' : '';
    if (v.requesterFirstName.trim() === '') errors.requesterFirstName = staff ? `Indiquez le prénom ${you}.` : 'Indiquez votre prénom.';
    if (v.requesterLastName.trim() === '') errors.requesterLastName = staff ? `Indiquez le nom ${you}.` : 'Indiquez votre nom.';
    if (v.requesterRelation.trim() === '') errors.requesterRelation = staff ? 'Indiquez son lien avec la personne en difficulté.' : 'Indiquez votre lien avec la personne (conjoint, enfant, confrère…).';
  }
  const need = checkNeed(v, staff ? 'other' : 'self');
  return schemaErrors(ZEntraideRequestFor, toRequestForBody(v), { ...errors, ...need });
}
