import type { AdviceItem, Finding, MessageKind, Verdict } from '../analysis.types.js';
import type { FamilyId } from './families.js';

/** What to do, in the Ordre's words where it gave them (circular on abusive solicitation). */
const ADVICE = {
  raccrocher: 'Raccrochez : l’Ordre, l’ANS et l’ANDPC ne démarchent jamais les médecins par téléphone.',
  bloquer: 'Bloquez ce correspondant (numéro ou adresse de l’expéditeur).',
  signaler_ordre: 'Signalez-le à l’Ordre des médecins en précisant le nom de l’organisme qui vous a contacté et en joignant la copie des échanges (capture du SMS, courriel transféré, notes de l’appel avec le numéro, la date et l’heure).',
  ne_pas_communiquer: 'Ne communiquez jamais les identifiants de vos espaces personnels, ni aucun code reçu, par téléphone ou par courriel.',
  ne_pas_cliquer: 'Ne cliquez pas sur les liens : tapez vous-même l’adresse du site officiel (agencedpc.fr ou mondpc.fr pour l’ANDPC, esante.gouv.fr pour l’ANS, ordre.medecin.fr pour l’Ordre, ameli.fr pour l’Assurance Maladie).',
  changer_mots_de_passe: 'Si vous avez cliqué, saisi un mot de passe ou donné un code, changez sans attendre les mots de passe de vos espaces personnels (mondpc.fr, Espace médecin, ameli pro, messagerie) et activez la double authentification.',
  mot_de_passe_non_demande: 'Si vous n’avez demandé aucune réinitialisation, ignorez ce message ; en cas de doute, connectez-vous à votre compte en tapant vous-même l’adresse officielle.',
  certification: 'Pour votre certification périodique, seuls l’Ordre des médecins et votre compte sur le téléservice de l’ANS font foi : vérifiez-y votre situation vous-même.',
  coordonnees: 'Ne faites modifier vos coordonnées que dans votre Espace médecin ou en vous présentant au conseil départemental avec une pièce d’identité.',
  ne_pas_payer: 'Ne payez rien depuis ce message : vérifiez la demande sur le site officiel de l’organisme ou auprès de lui, par ses coordonnées habituelles.',
  banque: 'Appelez vous-même votre banque au numéro habituel (au dos de votre carte) ; ne validez aucune opération à la demande d’un interlocuteur et ne remettez votre carte à personne.',
  ne_pas_rappeler: 'Ne rappelez pas le numéro indiqué : cherchez vous-même le numéro officiel de l’organisme.',
  pieces_jointes: 'N’ouvrez pas les pièces jointes.',
  signaler_33700: 'Transférez le SMS au 33700, le service public de signalement des SMS indésirables.',
  signaler_spam: 'Signalez le courriel sur signal-spam.fr.',
  victime: 'Si vous avez payé ou communiqué des données bancaires, faites opposition auprès de votre banque, déposez plainte et faites-vous aider sur cybermalveillance.gouv.fr.',
  prudence: 'Aucun signal détecté ne veut pas dire que le message est authentique : Vigie ne reconnaît pas toutes les escroqueries, surtout les nouvelles. Avant d’agir, vérifiez vous-même.',
  verifier_attendu: 'Attendiez-vous ce message ? Une demande que vous n’avez pas faite (code, réinitialisation, paiement, remboursement) est le premier signe d’une escroquerie.',
  verifier_demande: 'Aucun organisme (Ordre, Assurance Maladie, impôts, banque, ANS, ANDPC) ne vous demande un code, un mot de passe ou vos coordonnées bancaires par SMS, courriel ou téléphone.',
  verifier_contact: 'En cas de doute, contactez l’organisme par les coordonnées que vous trouvez vous-même (site officiel, courrier habituel, dos de votre carte), jamais par celles du message.',
  verifier_liens: 'Avant de cliquer, vérifiez que le lien mène bien au site officiel attendu.',
} as const;

export type AdviceId = keyof typeof ADVICE;

const PAYMENT_FAMILIES: ReadonlySet<FamilyId> = new Set(['cotisation_ordre', 'annuaire', 'urssaf', 'colis', 'amende', 'assurance_maladie']);

export interface AdviceContext {
  readonly verdict: Verdict;
  readonly kind: MessageKind;
  readonly family: FamilyId | null;
  readonly findings: readonly Finding[];
  readonly hasLinks: boolean;
}

/** Advice fitting the case, most urgent first, without repetition. */
export function selectAdvice(context: AdviceContext): AdviceItem[] {
  // Plain helpers rather than closures made on each call: this runs once per message.
  const ids: AdviceId[] = [];
  if (context.verdict === 'aucun_signal') {
    addAdvice(ids, 'prudence', 'verifier_attendu', 'verifier_demande');
    if (context.hasLinks) addAdvice(ids, 'verifier_liens');
    addAdvice(ids, 'verifier_contact');
    return ids.map(adviceItem);
  }
  const findings = context.findings;
  if (context.kind === 'call') addAdvice(ids, 'raccrocher');
  addAdvice(ids, 'bloquer', 'signaler_ordre', 'ne_pas_communiquer');
  if (context.hasLinks) addAdvice(ids, 'ne_pas_cliquer');
  if (hasFinding(findings, 'telephone.surtaxe') || hasFinding(findings, 'telephone.numero-court') || hasFinding(findings, 'telephone.etranger')) addAdvice(ids, 'ne_pas_rappeler');
  if (hasFinding(findings, 'piece-jointe')) addAdvice(ids, 'pieces_jointes');
  if (context.family === 'certification_periodique' || context.family === 'formation_droits') addAdvice(ids, 'certification');
  if (context.family === 'mot_de_passe') addAdvice(ids, 'mot_de_passe_non_demande');
  if (context.family === 'coordonnees') addAdvice(ids, 'coordonnees');
  if (context.family === 'conseiller_bancaire') addAdvice(ids, 'banque');
  if (context.family !== null && PAYMENT_FAMILIES.has(context.family)) addAdvice(ids, 'ne_pas_payer');
  addAdvice(ids, 'changer_mots_de_passe');
  if (context.kind === 'sms') addAdvice(ids, 'signaler_33700');
  if (context.kind === 'email') addAdvice(ids, 'signaler_spam');
  addAdvice(ids, 'victime');
  return ids.map(adviceItem);
}

function addAdvice(ids: AdviceId[], ...more: AdviceId[]): void {
  for (const id of more) if (!ids.includes(id)) ids.push(id);
}

/** A finding that weighs towards fraud and whose rule id starts with `prefix`. */
function hasFinding(findings: readonly Finding[], prefix: string): boolean {
  return findings.some((f) => f.weight > 0 && f.ruleId.startsWith(prefix));
}

function adviceItem(id: AdviceId): AdviceItem {
  return { id, text: ADVICE[id] };
}
