// Which other bodies a reporter should alert, and how, once the report is filed. Pure and shared: the
// server returns it with the receipt, the web shows it on the confirmation page. No zod here.

import type { ReportChannel } from './report-vocabulary.js';

/** @deprecated name kept for the guidance API: the report channel. */
export type ReportChannelId = ReportChannel;

/** What happened to the reporter, as ticked in the form (none ticked: nothing was given). */
export const REPORT_CONSEQUENCES = ['argent_verse', 'coordonnees_bancaires', 'identifiants', 'donnees_personnelles', 'acces_ordinateur'] as const;
export type ReportConsequence = (typeof REPORT_CONSEQUENCES)[number];
export const REPORT_CONSEQUENCE_LABELS: Record<ReportConsequence, string> = {
  argent_verse: "J'ai payé ou versé de l'argent",
  coordonnees_bancaires: "J'ai donné mes coordonnées bancaires (carte, RIB)",
  identifiants: "J'ai donné un identifiant, un mot de passe ou un code reçu par SMS",
  donnees_personnelles: "J'ai donné des informations personnelles ou professionnelles (RPPS, adresse, documents…)",
  acces_ordinateur: "J'ai installé un logiciel ou laissé quelqu'un prendre la main sur mon ordinateur",
};

export type GuidanceId =
  | 'banque'
  | 'changer_mots_de_passe'
  | 'cybermalveillance'
  | '33700_sms'
  | '33700_appel'
  | 'signal_spam'
  | 'pharos'
  | 'thesee'
  | 'plainte'
  | 'jamais_identifiants';

export interface GuidanceItem {
  id: GuidanceId;
  title: string;
  text: string;
  link?: { href: string; label: string };
  /** To do now, before anything else. */
  urgent: boolean;
}

export interface GuidanceInput {
  channel: ReportChannelId;
  consequences: readonly ReportConsequence[];
  /** The reporter listed links, or the copy of the exchanges contains some. */
  hasLinks: boolean;
}

/**
 * The bodies to alert after a report, according to the channel and what happened, urgent steps first:
 * 33700 for SMS and calls, Signal Spam for emails, PHAROS for anything online, THESEE (online) or a
 * complaint (offline) when money or data were given, cybermalveillance.gouv.fr when credentials or a
 * computer were compromised; always the reminders on passwords and credentials.
 */
export function reportGuidance(input: GuidanceInput): GuidanceItem[] {
  const has = (c: ReportConsequence) => input.consequences.includes(c);
  const paid = has('argent_verse') || has('coordonnees_bancaires');
  const credentials = has('identifiants');
  const compromised = credentials || has('acces_ordinateur');
  const victim = paid || credentials || has('donnees_personnelles') || has('acces_ordinateur');
  const online = input.channel === 'courriel' || input.channel === 'sms' || input.hasLinks;
  const items: GuidanceItem[] = [];

  if (paid) {
    items.push({
      id: 'banque',
      title: 'Prévenez votre banque sans attendre',
      text: 'Appelez votre banque pour faire opposition à la carte ou contester le virement : plus la demande est rapide, plus les chances de récupérer les fonds sont grandes.',
      urgent: true,
    });
  }
  items.push({
    id: 'changer_mots_de_passe',
    title: credentials ? 'Changez immédiatement les mots de passe communiqués' : 'Si vous avez donné un mot de passe, changez-le',
    text: "Changez le mot de passe du compte concerné et de tout compte qui utilise le même, puis activez la double authentification quand elle est proposée (messagerie, banque, espace e-CPS, ameli pro…).",
    urgent: credentials,
  });
  if (compromised) {
    items.push({
      id: 'cybermalveillance',
      title: 'Faites-vous assister par cybermalveillance.gouv.fr',
      text: "Le dispositif national d'assistance vous guide pas à pas (compte piraté, ordinateur compromis) et peut vous orienter vers un prestataire de proximité.",
      link: { href: 'https://www.cybermalveillance.gouv.fr/', label: 'cybermalveillance.gouv.fr' },
      urgent: true,
    });
  }
  if (input.channel === 'sms') {
    items.push({
      id: '33700_sms',
      title: 'Transférez le SMS au 33700',
      text: "Transférez gratuitement le SMS frauduleux au 33700, puis envoyez le numéro de l'expéditeur quand le service vous le demande. Les opérateurs peuvent ainsi bloquer l'émetteur.",
      link: { href: 'https://www.33700.fr/', label: '33700.fr' },
      urgent: false,
    });
  }
  if (input.channel === 'telephone') {
    items.push({
      id: '33700_appel',
      title: 'Signalez le numéro sur 33700.fr',
      text: "Signalez l'appel et le numéro qui vous a appelé sur le site 33700.fr (rubrique appels et messages vocaux) : les opérateurs peuvent suspendre les numéros abusifs.",
      link: { href: 'https://www.33700.fr/', label: '33700.fr' },
      urgent: false,
    });
  }
  if (input.channel === 'courriel') {
    items.push({
      id: 'signal_spam',
      title: 'Signalez le courriel à Signal Spam',
      text: 'Signalez le courriel sur Signal Spam (site ou extension de votre messagerie) : les hébergeurs et les fournisseurs de messagerie en sont informés.',
      link: { href: 'https://www.signal-spam.fr/', label: 'signal-spam.fr' },
      urgent: false,
    });
  }
  if (online) {
    items.push({
      id: 'pharos',
      title: 'Signalez le site ou le contenu frauduleux sur PHAROS',
      text: "La plateforme du ministère de l'Intérieur reçoit les signalements de contenus illicites et d'escroqueries en ligne.",
      link: { href: 'https://www.internet-signalement.gouv.fr/', label: 'internet-signalement.gouv.fr' },
      urgent: false,
    });
  }
  if (victim && online) {
    items.push({
      id: 'thesee',
      title: 'Portez plainte en ligne (THESEE)',
      text: "Pour une escroquerie en ligne qui vous a fait perdre de l'argent ou donner des données, déposez plainte sur la plateforme THESEE, accessible depuis service-public.fr, avec votre numéro de reçu Vigie et la copie des échanges.",
      link: { href: 'https://www.service-public.fr/particuliers/vosdroits/R60058', label: 'Plainte en ligne THESEE' },
      urgent: false,
    });
  }
  if (victim && !online) {
    items.push({
      id: 'plainte',
      title: 'Portez plainte',
      text: 'Déposez plainte au commissariat ou à la brigade de gendarmerie (une pré-plainte en ligne est possible), avec votre numéro de reçu Vigie et la copie des échanges.',
      link: { href: 'https://www.pre-plainte-en-ligne.gouv.fr/', label: 'pre-plainte-en-ligne.gouv.fr' },
      urgent: false,
    });
  }
  items.push({
    id: 'jamais_identifiants',
    title: 'Ne communiquez jamais vos identifiants',
    text: "L'Ordre des médecins, l'Assurance maladie, l'ANDPC ou l'ANS ne vous demandent jamais votre mot de passe, un code reçu par SMS ni vos coordonnées bancaires par téléphone, SMS ou courriel.",
    urgent: false,
  });
  // Urgent steps first, the rest in the order above.
  return [...items.filter((i) => i.urgent), ...items.filter((i) => !i.urgent)];
}
