import { FAMILY_LABELS, type FamilyId } from '../analysis/messages/families.js';
import type { AlertContent } from './alert-message.js';

// Where an alert starts: a text per scam family, in plain French for a doctor in a hurry, that the
// agent completes (what was seen, since when) rather than a form filled with a campaign's internal
// label, its id or a raw number. A template never names a campaign: the agent adds the indicators that
// help recognise the scam (a sender, a number) in the situation, on purpose.

export type AlertTemplateId = FamilyId | 'generique';

const COMPLETE = '[À compléter : depuis quand, par quel canal, ce qui permet de reconnaître le message.]';

export const ALERT_TEMPLATES: Record<AlertTemplateId, AlertContent> = {
  generique: {
    title: 'Tentatives d’escroquerie visant les médecins',
    situation: `Des médecins reçoivent des messages ou des appels qui se présentent comme venant d’un organisme officiel. ${COMPLETE}`,
    whatToDo: 'Vérifiez toujours auprès de l’organisme, par ses coordonnées habituelles. Signalez le message sur Vigie, rubrique « Signaler ».',
    whatNotToDo: 'Ne cliquez sur aucun lien, ne rappelez aucun numéro indiqué dans le message et ne communiquez ni identifiant, ni code, ni coordonnées bancaires.',
  },
  certification_periodique: {
    title: 'Faux contrôles de la certification périodique',
    situation: `Des médecins sont appelés ou reçoivent un message qui affirme que leur certification périodique est incomplète et les menace de radiation s’ils ne paient pas une formation ou ne transmettent pas leurs identifiants. ${COMPLETE}`,
    whatToDo: 'Consultez l’état de votre certification uniquement dans votre espace personnel officiel. En cas de doute, appelez votre conseil départemental.',
    whatNotToDo: 'Ne payez rien et ne donnez aucun identifiant : l’Ordre ne radie jamais un médecin par téléphone ni par SMS.',
  },
  formation_droits: {
    title: 'Formations proposées « grâce à vos droits »',
    situation: `Des médecins sont démarchés pour une formation présentée comme « prise en charge grâce à vos droits » (DPC ou CPF), avec une pression pour s’inscrire tout de suite. ${COMPLETE}`,
    whatToDo: 'Vérifiez l’organisme et l’action sur le site officiel du DPC avant toute inscription. Signalez le démarchage sur Vigie.',
    whatNotToDo: 'Ne communiquez ni votre numéro de sécurité sociale, ni vos identifiants DPC ou CPF, ni vos coordonnées bancaires.',
  },
  mot_de_passe: {
    title: 'Codes ou réinitialisations de mot de passe que vous n’avez pas demandés',
    situation: `Des médecins reçoivent un code ou un lien de réinitialisation de mot de passe qu’ils n’ont pas demandé, puis un appel ou un message qui leur demande ce code. ${COMPLETE}`,
    whatToDo: 'Si vous n’êtes pas à l’origine de la demande, ignorez le message et changez votre mot de passe depuis le site officiel, en le saisissant vous-même.',
    whatNotToDo: 'Ne transmettez jamais un code reçu par SMS ou par courriel, à personne, même à quelqu’un qui se présente comme un agent.',
  },
  assurance_maladie: {
    title: 'Faux messages de l’Assurance Maladie',
    situation: `Des médecins reçoivent des messages qui imitent l’Assurance Maladie (remboursement, renouvellement de carte Vitale, mise à jour de compte) et renvoient vers un faux site. ${COMPLETE}`,
    whatToDo: 'Connectez-vous à votre compte en tapant vous-même l’adresse officielle. Signalez le message sur Vigie.',
    whatNotToDo: 'Ne suivez pas le lien du message et ne saisissez ni identifiants ni coordonnées bancaires.',
  },
  ecps: {
    title: 'Fausses demandes de renouvellement e-CPS ou Pro Santé Connect',
    situation: `Des médecins reçoivent un message annonçant l’expiration de leur carte ou de leur e-CPS et demandant de se reconnecter par un lien. ${COMPLETE}`,
    whatToDo: 'Vérifiez l’état de votre e-CPS depuis l’application officielle, sans passer par le lien reçu.',
    whatNotToDo: 'Ne saisissez pas votre code et ne validez aucune connexion que vous n’avez pas lancée vous-même.',
  },
  cotisation_ordre: {
    title: 'Faux appels de cotisation ordinale',
    situation: `Des médecins reçoivent une demande de paiement de cotisation qui ne vient pas de l’Ordre (coordonnées bancaires inhabituelles, ton pressant). ${COMPLETE}`,
    whatToDo: 'Payez votre cotisation uniquement par les moyens indiqués dans votre espace ou par votre conseil départemental, que vous pouvez appeler en cas de doute.',
    whatNotToDo: 'N’effectuez aucun virement vers un compte indiqué dans un message inattendu.',
  },
  annuaire: {
    title: 'Fausses factures d’annuaire ou de « publication » professionnelle',
    situation: `Des médecins reçoivent, par courrier, fax ou courriel, un bon de commande ou une facture d’inscription à un annuaire qui ressemble à une démarche obligatoire. ${COMPLETE}`,
    whatToDo: 'Aucune inscription payante à un annuaire n’est obligatoire. Conservez le document et signalez-le sur Vigie.',
    whatNotToDo: 'Ne signez pas et ne payez pas : la signature vaut souvent engagement.',
  },
  urssaf: {
    title: 'Faux messages de l’URSSAF',
    situation: `Des médecins reçoivent un message qui imite l’URSSAF (régularisation, remboursement, mise en demeure) et demande de payer ou de se connecter par un lien. ${COMPLETE}`,
    whatToDo: 'Consultez votre situation en vous connectant vous-même à votre espace officiel.',
    whatNotToDo: 'Ne payez pas et ne vous connectez pas depuis le lien du message.',
  },
  conseiller_bancaire: {
    title: 'Faux conseillers bancaires',
    situation: `Des médecins sont appelés par un prétendu conseiller de leur banque qui signale une opération suspecte et demande de valider une opération ou de donner un code. ${COMPLETE}`,
    whatToDo: 'Raccrochez et rappelez votre agence au numéro habituel.',
    whatNotToDo: 'Ne validez aucune opération et ne donnez aucun code : votre banque ne vous les demandera jamais.',
  },
  colis: {
    title: 'Faux avis de livraison de colis',
    situation: `Des médecins reçoivent un SMS ou un courriel annonçant un colis en attente contre quelques euros de frais. ${COMPLETE}`,
    whatToDo: 'Suivez vos envois uniquement sur le site du transporteur, en tapant son adresse vous-même.',
    whatNotToDo: 'Ne payez aucun frais par un lien reçu par SMS et ne saisissez pas vos coordonnées bancaires.',
  },
  amende: {
    title: 'Fausses amendes et faux péages',
    situation: `Des médecins reçoivent un message réclamant le paiement d’une amende, d’un péage ou d’une vignette par un lien. ${COMPLETE}`,
    whatToDo: 'Vérifiez une amende uniquement sur le site officiel de l’ANTAI, en tapant son adresse vous-même.',
    whatNotToDo: 'Ne payez pas depuis le lien du message.',
  },
  coordonnees: {
    title: 'Demandes frauduleuses de changement de coordonnées',
    situation: `Des demandes de modification des coordonnées de médecins au Tableau de l’Ordre ont été faites par des personnes qui se font passer pour eux. ${COMPLETE}`,
    whatToDo: 'Vérifiez vos coordonnées dans votre espace Vigie, rubrique « Mes coordonnées ». Si une modification ne vient pas de vous, utilisez le lien « Ce n’était pas moi ».',
    whatNotToDo: 'Ne communiquez jamais vos identifiants ni un code de validation à quelqu’un qui vous appelle.',
  },
  hameconnage: {
    title: 'Hameçonnage visant les médecins',
    situation: `Des médecins reçoivent des messages qui cherchent à obtenir leurs identifiants ou leurs coordonnées bancaires en imitant un organisme connu. ${COMPLETE}`,
    whatToDo: 'Passez toujours par l’adresse officielle de l’organisme, tapée vous-même. Signalez le message sur Vigie.',
    whatNotToDo: 'Ne cliquez pas sur les liens et n’ouvrez pas les pièces jointes inattendues.',
  },
};

/** The templates an agent chooses from, generic first, each with the family's label. */
export const ALERT_TEMPLATE_CHOICES: readonly { id: AlertTemplateId; label: string }[] = [
  { id: 'generique', label: 'Modèle général' },
  ...(Object.keys(FAMILY_LABELS) as FamilyId[]).map((id) => ({ id, label: FAMILY_LABELS[id] })),
];

/** The template for a campaign's family (unknown or none: the generic one). */
export function alertTemplateFor(family: string | null | undefined): { id: AlertTemplateId; content: AlertContent } {
  const id: AlertTemplateId = family && Object.hasOwn(ALERT_TEMPLATES, family) ? (family as FamilyId) : 'generique';
  return { id, content: ALERT_TEMPLATES[id] };
}

/** The placeholder a template leaves for the agent; a draft still carrying it is not ready to submit. */
export const ALERT_TEMPLATE_PLACEHOLDER = COMPLETE;
