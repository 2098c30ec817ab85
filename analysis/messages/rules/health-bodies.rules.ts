import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/** Assurance Maladie / ameli, e-CPS / Pro Santé Connect, and changes of contact details (seed 003). */
export const HEALTH_BODY_RULES: readonly RuleDefinition[] = [
  {
    id: 'ameli.carte-vitale',
    description: 'Carte Vitale à renouveler, expirée ou à commander, souvent avec des frais.',
    explanation: 'Le message parle d’une carte Vitale à renouveler ou à commander : l’Assurance Maladie ne fait jamais payer la carte Vitale et ne la renouvelle pas par un lien reçu par SMS ou courriel.',
    weight: 40,
    family: 'assurance_maladie',
    allOf: [
      ['carte vitale', 'carte vital'],
      [
        'expir*', 'renouvel*', 'commander', 'commandez', 'nouvelle carte', 'mise à jour', 'mettre à jour', 'désactiv*',
        'bloqu*', 'frais', 'expédition', 'livraison', 'remplacement', 'remplacer', 'obsolète', 'plus valide',
      ],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'lecteur', 'patients'],
    examples: {
      match: ['Votre carte Vitale expire le 30/06, commandez la nouvelle (frais d’envoi 1,49 €).', 'AMELI : votre carte vitale est désactivée, mettez-la à jour.'],
      noMatch: ['Pensez à lire la carte Vitale de vos patients et à mettre à jour le lecteur.', 'Apportez votre carte Vitale au rendez-vous.'],
    },
  },
  {
    id: 'paiement.remboursement-en-attente',
    description: 'Un remboursement ou un versement serait en attente et demande une action.',
    explanation: 'Le message annonce un remboursement ou un versement en attente qui demande une action de votre part : c’est l’appât le plus courant des faux messages de l’Assurance Maladie, des impôts ou de l’URSSAF.',
    weight: 35,
    allOf: [
      ['remboursement*', 'versement', 'indemnité*', 'trop-perçu', 'trop perçu', 'remboursé*'],
      [
        'en attente', 'bloqué*', 'suspendu*', 'non abouti*', 'échoué', 'impossible', 'confirmer', 'confirmez', 'valider',
        'validez', 'réclamer', 'réclamez', 'récupérer', 'récupérez', 'percevoir', 'coordonnées bancaires', 'rib', 'iban',
        'formulaire', 'régulariser', 'régularisez',
      ],
    ],
    within: 10,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Vous avez un remboursement de 148,20 € en attente : confirmez vos coordonnées bancaires.', 'Votre versement est bloqué, validez le formulaire pour le percevoir.'],
      noMatch: ['Le remboursement des soins est effectué sous 5 jours après télétransmission.'],
    },
  },
  {
    id: 'ecps.expiration',
    description: 'e-CPS, carte CPS ou Pro Santé Connect prétendument expirée, suspendue ou à vérifier.',
    explanation: 'Le message prétend que votre e-CPS, votre carte CPS ou votre accès Pro Santé Connect va expirer ou doit être vérifié : l’ANS ne demande jamais de réactiver une carte par un lien reçu ; la carte CPS est renouvelée automatiquement.',
    weight: 35,
    family: 'ecps',
    allOf: [
      ['e-cps', 'ecps', 'carte cps', 'carte de professionnel de santé', 'carte professionnelle de santé', 'pro santé connect', 'prosanteconnect', 'cps'],
      [
        'expir*', 'désactiv*', 'suspendu*', 'suspension', 'bloqu*', 'réactiv*', 'renouvel*', 'mettre à jour', 'mise à jour',
        'vérifi*', 'certifi*', 'valider', 'validez', 'confirmer', 'confirmez', 'résili*', 'révoqu*',
      ],
    ],
    within: 10,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'automatiquement', 'aucune démarche', "vous n'avez rien à faire", 'sans démarche'],
    examples: {
      match: ['Votre e-CPS sera désactivée sous 48h : réactivez-la ici.', 'Pro Santé Connect : vérification de votre identité requise.'],
      noMatch: ['Votre carte CPS arrive à expiration : une nouvelle carte vous sera envoyée automatiquement, sans démarche.'],
    },
  },
  {
    id: 'coordonnees.modification',
    description: 'Demande ou confirmation d’un changement de coordonnées auprès de l’Ordre (usurpation d’identité).',
    explanation: 'Le message demande ou confirme un changement de coordonnées auprès de l’Ordre : des usurpateurs ont ainsi détourné des cartes e-CPS. Les conseils de l’Ordre ne modifient plus les coordonnées par téléphone ni par courriel.',
    weight: 35,
    family: 'coordonnees',
    fact: 'coordonnees_en_personne',
    allOf: [
      ['modifier', 'modification', 'changer', 'changement', 'mettre à jour', 'mise à jour', 'actualiser', 'nouvelle', 'nouveau', 'remplacer', 'corriger'],
      [
        'coordonnées', 'adresse électronique', 'adresse mail', 'adresse e-mail', 'adresse courriel', 'adresse postale',
        'adresse de correspondance', 'numéro de téléphone', 'numéro de portable', 'téléphone portable', 'adresse personnelle',
      ],
      ['ordre', 'conseil départemental', 'tableau', 'inscription', 'ordinal', 'e-cps', 'cps', 'rpps', 'dossier'],
    ],
    within: 20,
    unlessNear: [
      ...NEGATIONS_OF_CONTACT, 'en présence', 'présence physique', "titre d'identité", 'double authentification',
      'ne doivent plus', 'ne peuvent plus', 'ne modifie jamais', 'ne modifient jamais', 'ne modifiera jamais', 'espace médecin',
      "pièce d'identité", 'présentez-vous', 'vous présenter',
    ],
    examples: {
      match: [
        'Bonjour, je suis le Dr Martin, merci de modifier mon adresse mail dans mon dossier à l’Ordre : nouvelle adresse dr.martin@gmail.com.',
        'Conseil départemental : confirmez le changement de vos coordonnées pour recevoir votre nouvelle carte CPS.',
      ],
      noMatch: [
        'La mise à jour des coordonnées ne peut être réalisée qu’en la présence physique de l’intéressé, après vérification de son titre d’identité.',
        'Vous pouvez mettre à jour vos coordonnées dans votre Espace médecin.',
      ],
    },
  },
  {
    id: 'coordonnees.carte-a-une-autre-adresse',
    description: 'Demande d’envoyer une carte e-CPS ou CPS à une nouvelle adresse.',
    explanation: 'On demande d’envoyer une carte CPS ou e-CPS à une autre adresse : c’est exactement le mode opératoire des usurpations d’identité signalées par l’Ordre.',
    weight: 50,
    family: 'coordonnees',
    fact: 'coordonnees_en_personne',
    allOf: [
      ['e-cps', 'ecps', 'carte cps', 'carte professionnelle', 'carte de professionnel'],
      // Stop words vanish from phrases: « cette adresse » would be just « adresse », hence the longer forms.
      ['nouvelle adresse', 'autre adresse', 'adresse suivante', 'envoyer à l’adresse', 'envoyez à l’adresse', 'expédier à l’adresse', 'envoyer sur ma', 'envoyez-la', 'envoyez-le', 'adresse ci-dessous'],
    ],
    within: 12,
    examples: {
      match: ['Pourriez-vous envoyer ma nouvelle carte CPS à l’adresse suivante : 12 rue des Lilas ?', 'Activation e-CPS : envoyez-la sur ma nouvelle adresse mail.'],
      noMatch: ['Votre carte CPS vous sera adressée à votre adresse professionnelle enregistrée.'],
    },
  },
];
