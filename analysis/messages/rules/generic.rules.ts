import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/** Pressure tactics shared by every family, and the wording of genuine prevention messages. */
export const GENERIC_RULES: readonly RuleDefinition[] = [
  {
    id: 'generique.urgence',
    description: 'Délai très court ou urgence affichée pour empêcher de réfléchir.',
    explanation: 'Le message impose un délai très court ou une urgence : la précipitation est l’arme principale des escrocs. Prenez le temps de vérifier.',
    weight: 15,
    allOf: [[
      'sous 24h', 'sous 24 heures', 'sous 48h', 'sous 48 heures', 'sous 72h', 'dans les 24 heures', 'dans les 48 heures',
      'dans les 24h', 'dans les 48h', 'avant minuit', 'immédiatement', 'sans délai', 'dernier rappel', 'dernier avis',
      'dernière relance', 'dernière chance', 'urgent', 'action requise', 'action immédiate', 'au plus vite',
      "aujourd'hui même", 'dans les plus brefs délais', 'délai de 24', 'délai de 48', "expire aujourd'hui", 'expire ce soir',
    ]],
    examples: {
      match: ['Action requise sous 24h.', 'URGENT : dernier rappel avant suspension.'],
      noMatch: ['Nous restons à votre disposition pour toute question.'],
    },
  },
  {
    id: 'generique.menace',
    description: 'Menace de suspension, de blocage, de poursuites ou de sanctions.',
    explanation: 'Le message menace de suspendre, bloquer ou poursuivre : un organisme légitime n’intimide pas par SMS ou au téléphone.',
    weight: 20,
    allOf: [[
      'sous peine', 'sinon majoration', 'faute de quoi', 'à défaut de paiement', 'à défaut de réponse', 'à défaut de régularisation',
      'sinon votre compte', 'sinon votre accès', 'sinon vos droits', 'sinon votre dossier', 'dans le cas contraire', 'poursuites judiciaires',
      'suspension de votre compte', 'compte sera suspendu', 'compte sera bloqué', 'compte sera désactivé',
      'compte sera supprimé', 'suppression définitive', 'blocage de votre compte', 'désactivation de votre compte', 'désactivation de votre accès', 'clôture de votre compte',
      'procédure judiciaire', 'plainte contre vous', 'mise en demeure', 'huissier', 'sera définitivement',
    ]],
    examples: {
      match: ['Faute de quoi votre compte sera suspendu.', 'Sans réponse, une procédure judiciaire sera engagée.'],
      noMatch: ['Votre compte a bien été créé.'],
    },
  },
  {
    id: 'generique.lien-a-suivre',
    description: 'Invitation à cliquer sur un lien du message.',
    explanation: 'Le message vous invite à cliquer sur un lien : vérifiez l’adresse réelle, ou mieux, tapez vous-même l’adresse du site officiel.',
    weight: 8,
    allOf: [[
      'cliquez ici', 'cliquez sur le lien', 'cliquer sur le lien', 'cliquez sur ce lien', 'suivez ce lien', 'suivre le lien',
      'via le lien', 'via ce lien', 'lien ci-dessous', 'lien suivant', 'en cliquant',
    ]],
    examples: {
      match: ['Cliquez ici pour régulariser.'],
      noMatch: ['Merci de votre confiance.'],
    },
  },
  {
    id: 'generique.isolement',
    description: 'Pression pour garder le secret ou rester en ligne.',
    explanation: 'On vous demande de garder le secret, de ne pas raccrocher ou de n’en parler à personne : c’est pour vous empêcher de vérifier. Raccrochez.',
    weight: 30,
    scopes: ['call', 'sms'],
    allOf: [[
      'ne raccrochez pas', 'ne pas raccrocher', 'restez en ligne', 'ne parlez à personne', "n'en parlez à personne",
      'ne pas en parler', 'ne prévenez pas', 'ne pas prévenir', "n'appelez pas", 'strictement confidentiel', 'en toute discrétion',
    ]],
    examples: {
      match: ['Il m’a dit de ne pas raccrocher et de n’en parler à personne.'],
      noMatch: ['Le secrétariat vous rappellera.'],
    },
  },
  {
    id: 'generique.prise-en-main-a-distance',
    description: 'Demande d’installer un logiciel de prise en main à distance.',
    explanation: 'On vous demande d’installer un logiciel de prise en main à distance : la personne pourrait alors agir sur votre ordinateur et vos comptes.',
    weight: 55,
    family: 'hameconnage',
    allOf: [[
      'anydesk', 'teamviewer', 'prise en main à distance', 'prendre la main sur', 'prendre le contrôle', 'contrôle à distance',
      "partage d'écran", 'partager votre écran', 'quicksupport', 'quick support', 'rustdesk', 'supremo',
    ]],
    examples: {
      match: ['Installez AnyDesk et donnez-moi le numéro affiché.'],
      noMatch: ['Le technicien interviendra sur place mardi.'],
    },
  },
  {
    id: 'generique.fausse-convocation',
    description: 'Fausse convocation ou plainte (police, gendarmerie, justice) pour faire rappeler en urgence.',
    explanation: 'Le message annonce une plainte ou une convocation et vous presse de rappeler : la police, la gendarmerie et la justice convoquent par courrier officiel, jamais par SMS avec un numéro à rappeler.',
    weight: 40,
    family: 'hameconnage',
    allOf: [
      ['plainte a été déposée', 'plainte contre vous', 'convocation', 'gendarmerie', 'police nationale', 'commissariat', 'officier de police', 'procureur', "mandat d'arrêt", 'cybercriminalité', 'brigade'],
      ['contactez', 'rappelez', 'appelez', 'urgence', "d'urgence", 'sous peine', 'répondre', 'sous 24h', 'sous 48h', 'immédiatement'],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Gendarmerie : une plainte a été déposée contre vous. Contactez d’urgence l’officier au 07 44 18 20 33.'],
      noMatch: ['La gendarmerie a rapporté le chien perdu de Mme Roux au cabinet.'],
    },
  },
  {
    id: 'identite.donnees-personnelles',
    description: 'Demande de numéro de sécurité sociale, RPPS, date de naissance ou pièce d’identité.',
    explanation: 'On vous demande des données d’identité (numéro de sécurité sociale, RPPS, date de naissance, pièce d’identité) : elles servent à usurper votre identité, par exemple pour obtenir une carte e-CPS à votre nom.',
    weight: 35,
    fact: 'coordonnees_en_personne',
    allOf: [
      ['numéro de sécurité sociale', 'numéro de sécu', 'numéro rpps', 'rpps', 'date de naissance', "pièce d'identité", "carte d'identité", 'passeport', 'numéro adeli'],
      ['demandé*', 'demandait', 'voulait', 'exigé*', 'confirmer', 'confirmez', 'vérifier', 'donner', 'communiquer', 'communiquez', 'dicter', 'transmettre', 'transmettez', 'envoyer', 'envoyez'],
    ],
    within: 8,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'présentez-vous', 'vous présenter', 'en présence', 'présence physique', 'guichet'],
    examples: {
      match: ['Elle voulait vérifier mon identité en me demandant mon numéro de sécurité sociale et mon RPPS.', 'Merci de confirmer votre date de naissance et votre numéro RPPS en réponse.'],
      noMatch: ['Présentez-vous au conseil avec votre pièce d’identité pour modifier vos coordonnées.'],
    },
  },
  {
    id: 'hameconnage.document-partage',
    description: 'Faux partage de document qui demande de se connecter pour le lire.',
    explanation: 'Le message annonce un document partagé qu’il faudrait ouvrir en se connectant : c’est un procédé classique pour voler les identifiants de messagerie.',
    weight: 30,
    family: 'hameconnage',
    allOf: [
      [
        'document partagé', 'fichier partagé', 'vous a été partagé', 'vous a partagé', 'partagé avec vous', 'document confidentiel',
        'document sécurisé', 'message sécurisé en attente', 'docusign', 'onedrive', 'sharepoint',
      ],
      ['connectez-vous', 'connecter', 'identifiants', 'consulter', 'ouvrir', 'accéder', 'télécharger', 'signer'],
    ],
    within: 15,
    examples: {
      match: ['Un document confidentiel vous a été partagé. Connectez-vous pour le consulter.'],
      noMatch: ['Les résultats sont disponibles sur votre messagerie sécurisée de santé.'],
    },
  },
  {
    id: 'generique.salutation-impersonnelle',
    description: 'Formule d’appel impersonnelle, typique des envois en masse.',
    explanation: 'Le message ne vous nomme pas (« cher client », « cher utilisateur ») : typique des envois en masse.',
    weight: 10,
    allOf: [['cher client', 'chère cliente', 'cher utilisateur', 'chère utilisatrice', 'cher assuré', 'chère assurée', 'cher adhérent', 'cher(e) client(e)']],
    examples: {
      match: ['Cher client, votre compte nécessite une vérification.'],
      noMatch: ['Chère consœur, cher confrère,'],
    },
  },
  {
    id: 'generique.mise-a-jour-des-informations',
    description: 'Demande de mettre à jour ou confirmer ses informations, son dossier ou son compte.',
    explanation: 'On vous demande de mettre à jour ou de confirmer vos informations : c’est la porte d’entrée de l’hameçonnage. Passez par le site officiel, jamais par le lien reçu.',
    weight: 15,
    allOf: [
      ['mettre à jour', 'mettez à jour', 'mise à jour', 'actualiser', 'actualisez', 'confirmer', 'confirmez', 'vérifier', 'vérifiez', 'compléter', 'complétez', 'régulariser', 'régularisez'],
      // Single words on purpose: « vos », « votre » are stop words, and the window is four words.
      ['informations', 'données', 'dossier', 'profil', 'compte', 'coordonnées', 'identité', 'situation'],
    ],
    within: 4,
    unlessNear: ['compte rendu', 'compte-rendu', 'comptes rendus'],
    unlessWithin: 1,
    examples: {
      match: ['Veuillez mettre à jour vos informations pour éviter la suspension.', 'Régularisez votre dossier en ligne.'],
      noMatch: ['Nous avons bien reçu votre dossier.'],
    },
  },
  {
    id: 'prevention.message-de-vigilance',
    description: 'Langage des messages de prévention (Ordre, agences, banques) qui mettent en garde contre la fraude.',
    explanation: 'Le message met en garde contre la fraude (« ne vous contactera jamais », « n’existe pas », « démarchage abusif ») : c’est la marque des messages de prévention légitimes.',
    weight: -30,
    allOf: [[
      'ne vous contactera jamais', 'ne contactera jamais', 'ne contacteront jamais', 'ne contactent jamais',
      'ne vous contacte jamais', 'ne vous demandera jamais', 'ne vous demanderont jamais', 'ne demande jamais',
      'ne demandent jamais', 'ne communiquez jamais', 'ne jamais communiquer', "n'existe pas", 'soyez vigilant*',
      'restez vigilant*', 'démarchage abusif', 'démarchages abusifs', "tentatives d'hameçonnage", "usurpation d'identité",
      "usurpations d'identité", 'messages frauduleux', 'appels frauduleux', 'sms frauduleux', 'courriels frauduleux',
      'faux sms', 'faux courriels', 'faux appels', 'faux conseillers', 'escroqueries',
    ]],
    examples: {
      match: ['L’ANDPC ne vous contactera jamais directement pour vous proposer des actions.', 'Soyez vigilants face aux démarchages abusifs.'],
      noMatch: ['Votre certification doit être validée sous 48h.'],
    },
  },
];
