import { DPC_FACTS_REQUIRED, DPC_RPPS_INVALID, type TDpcCatalogueSuggestion, type TDpcSignalementSubject } from '../../../../contracts/dpc-filing.schemas.js';
import {
  DPC_DOCTOR_REPORTER_KINDS,
  DPC_SIGNALEMENT_LIMITS,
  type DpcReporterKind,
  type DpcSignalementKind,
  type DpcSubjectKind,
} from '../../../../contracts/dpc-signalements.schemas.js';
import type { Role } from '../../../../contracts/roles.js';
import { isValidRpps } from '../../../../contracts/rpps.js';
import type { SignalementBody } from './dpc-filing.api.js';

// The signalement form's values, who may file as what, the checks run before sending (the server runs
// the same ones, this only spares a round trip) and the body sent. Pure: tested through the page.

/** Who fills the form in: a visitor (a relative, public door), a doctor, an agent recording one, a reviewer. */
export type FilingMode = 'public' | 'medecin' | 'agent' | 'relecteur';

export function filingModeOf(role: Role | null, canFile: boolean): FilingMode {
  if (!canFile || role === null) return 'public';
  if (role === 'agent') return 'agent';
  if (role === 'relecteur_dpc') return 'relecteur';
  return 'medecin';
}

export const REPORTER_KINDS_OF: Record<FilingMode, readonly DpcReporterKind[]> = {
  public: ['proche'],
  medecin: DPC_DOCTOR_REPORTER_KINDS,
  agent: ['participant', 'professionnel', 'proche', 'agent'],
  relecteur: ['relecteur'],
};

export interface SignalementValues {
  reporterKind: DpcReporterKind | '';
  subjectKind: DpcSubjectKind | '';
  action: TDpcCatalogueSuggestion | null;
  organisationName: string;
  practitionerName: string;
  rpps: string;
  kind: DpcSignalementKind | '';
  departement: string;
  occurredOn: string;
  facts: string;
  concernsHealth: '' | 'oui' | 'non';
  fullName: string;
  email: string;
  phone: string;
  profession: string;
  relation: string;
  files: File[];
}

export function initialValues(mode: FilingMode): SignalementValues {
  const kinds = REPORTER_KINDS_OF[mode];
  return {
    reporterKind: kinds.length === 1 ? kinds[0]! : '',
    subjectKind: '',
    action: null,
    organisationName: '',
    practitionerName: '',
    rpps: '',
    kind: '',
    departement: '',
    occurredOn: '',
    facts: '',
    concernsHealth: '',
    fullName: '',
    email: '',
    phone: '',
    profession: '',
    relation: '',
    files: [],
  };
}

/** Which identity fields the form asks, for this filer and this reporter kind. */
export function identityFields(mode: FilingMode, reporterKind: DpcReporterKind | '') {
  const typesIdentity = mode === 'public' || (mode === 'agent' && reporterKind !== 'agent');
  return {
    fullName: typesIdentity,
    email: typesIdentity,
    phone: !(mode === 'agent' && reporterKind === 'agent'),
    profession: mode !== 'public' && (reporterKind === 'participant' || reporterKind === 'professionnel'),
    relation: reporterKind === 'proche',
    /** Required for a visitor: the council must be able to answer. */
    contactRequired: mode === 'public',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Field path (as the server names it) → French message, in the order the form shows the fields. */
export function validateSignalement(values: SignalementValues, mode: FilingMode): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.reporterKind) errors.reporterKind = 'Indiquez à quel titre vous signalez.';
  if (!values.subjectKind) errors['subject.kind'] = 'Indiquez sur quoi porte le signalement.';
  if (values.subjectKind === 'action' && !values.action) errors['subject.actionId'] = 'Choisissez la formation dans les résultats de la recherche.';
  if (values.subjectKind === 'organisation' && !values.organisationName.trim()) errors['subject.name'] = 'Indiquez le nom de l’organisme.';
  if (values.subjectKind === 'praticien') {
    if (!values.practitionerName.trim()) errors['subject.name'] = 'Indiquez le nom du praticien ou de l’intervenant.';
    if (values.rpps.trim() && !isValidRpps(values.rpps.trim())) errors['subject.rpps'] = DPC_RPPS_INVALID;
  }
  if (!values.kind) errors.kind = 'Choisissez la nature du signalement.';
  if (values.occurredOn && values.occurredOn > todayInParis()) errors.occurredOn = 'La date ne peut pas être dans le futur.';
  if (!values.facts.trim()) errors.facts = DPC_FACTS_REQUIRED;
  if (!values.concernsHealth) errors.concernsHealth = 'Indiquez si des patients ou leur santé sont concernés.';
  const identity = identityFields(mode, values.reporterKind);
  if (identity.fullName && !values.fullName.trim()) {
    errors['reporter.fullName'] = mode === 'agent' ? 'Saisissez le nom de la personne qui fait le signalement.' : 'Indiquez votre nom et votre prénom.';
  }
  if (identity.email && values.email.trim() && !EMAIL.test(values.email.trim())) errors['reporter.email'] = 'Adresse électronique invalide.';
  else if (identity.contactRequired && !values.email.trim()) errors['reporter.email'] = 'Indiquez votre adresse électronique : le conseil pourra vous répondre.';
  if (identity.relation && identity.contactRequired && !values.relation.trim()) errors['reporter.relation'] = 'Indiquez votre lien avec le patient (enfant, conjoint, parent…).';
  if (values.files.length > DPC_SIGNALEMENT_LIMITS.evidenceFiles) errors.attachments = `${DPC_SIGNALEMENT_LIMITS.evidenceFiles} fichiers au plus.`;
  return errors;
}

function subjectOf(values: SignalementValues): TDpcSignalementSubject {
  if (values.subjectKind === 'action') return { kind: 'action', actionId: values.action!.id };
  if (values.subjectKind === 'organisation') return { kind: 'organisation', name: values.organisationName.trim() };
  const rpps = values.rpps.trim();
  return { kind: 'praticien', name: values.practitionerName.trim(), ...(rpps ? { rpps } : {}) };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The body of a checked form: only the fields this filer sends, empty ones left out. */
export function signalementBody(values: SignalementValues, mode: FilingMode): SignalementBody {
  const identity = identityFields(mode, values.reporterKind);
  const reporter = {
    fullName: identity.fullName ? optional(values.fullName) : undefined,
    email: identity.email ? optional(values.email) : undefined,
    phone: identity.phone ? optional(values.phone) : undefined,
    profession: identity.profession ? optional(values.profession) : undefined,
    relation: identity.relation ? optional(values.relation) : undefined,
  };
  return {
    kind: values.kind as DpcSignalementKind,
    reporterKind: values.reporterKind as DpcReporterKind,
    subject: subjectOf(values),
    ...(values.departement ? { departement: values.departement } : {}),
    ...(values.occurredOn ? { occurredOn: values.occurredOn } : {}),
    facts: values.facts.trim(),
    concernsHealth: values.concernsHealth === 'oui',
    reporter: Object.fromEntries(Object.entries(reporter).filter(([, v]) => v !== undefined)),
  } as SignalementBody;
}

/** What the facts box asks, by who reports. */
export const FACTS_HINTS: Record<DpcReporterKind, string> = {
  participant: 'Décrivez ce qui a été enseigné ou affirmé pendant la formation : les propos tenus, les pratiques proposées, les documents remis.',
  professionnel: 'Décrivez ce que vous avez constaté : les propos ou les pratiques en cause, et ce qu’ils ont entraîné pour des patients.',
  proche: 'Décrivez ce qui a été dit au patient, ce qu’on lui a proposé ou fait arrêter (un traitement, un suivi), par qui et quand.',
  agent: 'Ce que vous avez constaté, et d’où vient l’information.',
  relecteur: 'Ce que vous avez constaté, et sur quelles sources.',
};
