import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/**
 * Scenario (b) of the circular: a call or SMS offers a training « grâce à vos droits » and help to
 * create the account; and the CPF-style offers with expiring rights and gifts.
 */
export const TRAINING_RULES: readonly RuleDefinition[] = [
  {
    id: 'formation.grace-a-vos-droits',
    description: 'Propose une formation financée « grâce à vos droits » (DPC, CPF).',
    explanation: 'Le message propose une formation « grâce à vos droits » : c’est la formule des démarcheurs décrite par l’Ordre. L’ANDPC et l’ANS ne démarchent jamais les médecins.',
    weight: 35,
    family: 'formation_droits',
    fact: 'ans_andpc_pas_de_demarchage',
    allOf: [[
      'grâce à vos droits', 'grâce à votre droit', 'grâce à vos crédits', 'avec vos droits', 'via vos droits',
      'financé par vos droits', 'financée par vos droits', 'financées par vos droits', 'pris en charge par vos droits',
      'prise en charge par vos droits', 'utiliser vos droits', 'utilisez vos droits', 'utiliser votre solde',
      'profiter de vos droits', 'profitez de vos droits', 'bénéficier de vos droits', 'bénéficiez de vos droits',
      'vos droits à la formation', 'vos droits de formation', 'vos droits dpc', 'vos droits cpf', 'droits à formation',
      'crédit formation', 'crédit dpc', 'enveloppe dpc', 'solde de formation', 'solde dpc', 'solde cpf', 'droit à la formation',
      'droit à formation',
    ]],
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Docteur, profitez de vos droits DPC 2025 : formation en ligne 100 % prise en charge.',
        'Il m’a proposé une formation grâce à mes droits, sans rien avancer.',
        'Votre crédit formation de 1 850 € est disponible.',
      ],
      noMatch: [
        'Cette action est prise en charge par l’ANDPC dans la limite de votre forfait annuel.',
        'Vos droits d’accès au logiciel ont été renouvelés.',
      ],
    },
  },
  {
    id: 'formation.droits-expirent',
    description: 'Prétend que des droits ou un solde de formation vont expirer ou être perdus.',
    explanation: 'Le message prétend que vos droits ou votre solde de formation vont expirer ou être perdus, pour vous presser : c’est un procédé de démarchage abusif.',
    weight: 35,
    family: 'formation_droits',
    allOf: [
      ['droits', 'crédit*', 'solde', 'enveloppe', 'forfait', 'heures de formation', 'budget formation', 'financement'],
      [
        'expir*', 'perdu*', 'perdre', 'perdez', 'perte', 'périm*', 'inutilisé*', 'vont disparaître', 'remis à zéro',
        'remise à zéro', 'ne seront plus', 'seront supprimé*', 'seront annulé*', 'derniers jours pour', 'avant qu’ils',
      ],
    ],
    within: 8,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Attention : vos droits formation expirent le 31/12, ne les perdez pas !',
        'Votre solde de 1 200 € sera perdu s’il n’est pas utilisé avant vendredi.',
      ],
      noMatch: [
        'Le forfait 2025 est ouvert : consultez les actions disponibles sur mondpc.fr.',
        'Les droits d’auteur de cet article appartiennent à la revue.',
      ],
    },
  },
  {
    id: 'formation.aide-creation-compte',
    description: 'Propose d’aider à créer ou activer le compte (mondpc, téléservice, CPF) à la place du médecin.',
    explanation: 'Votre interlocuteur propose de vous « accompagner » dans la création de votre compte : c’est le procédé décrit par l’Ordre. Vos comptes de certification sont gérés par l’ANS ; ne laissez personne les créer ou y accéder pour vous.',
    weight: 35,
    family: 'formation_droits',
    fact: 'ans_gere_comptes',
    allOf: [
      [
        'créer votre compte', 'création de votre compte', 'création du compte', 'créer le compte', 'créer un compte',
        'ouvrir votre compte', 'ouverture de votre compte', 'activer votre compte', 'activation de votre compte',
        'inscription sur mondpc', 'inscrire sur mondpc', 'créer votre espace', 'création de votre espace',
      ],
      [
        'accompagn*', 'aider', 'aidons', 'guider', 'ensemble', 'faire à votre place', 'créer à votre place', "on s'occupe", 'nous nous occupons',
        "je m'occupe", 'nous chargeons', 'avec vous au téléphone', 'en ligne avec vous', 'pendant l’appel',
        'pendant notre appel', 'quelques minutes',
      ],
    ],
    within: 10,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'guide', 'tutoriel', 'foire aux questions', 'aide en ligne'],
    examples: {
      match: [
        'Notre conseillère vous accompagne dans la création de votre compte mondpc en quelques minutes.',
        'Il voulait m’aider à créer mon compte pendant l’appel.',
        'On s’occupe de tout : ouverture de votre compte et inscription.',
      ],
      noMatch: [
        'Un guide pour vous aider à créer votre compte est disponible sur esante.gouv.fr.',
        'Pour créer votre compte, rendez-vous sur mondpc.fr.',
      ],
    },
  },
  {
    id: 'formation.cadeau',
    description: 'Promet un cadeau (tablette, bon d’achat…) pour une inscription à une formation.',
    explanation: 'Le message promet un cadeau en échange d’une inscription : une formation DPC sérieuse n’offre ni tablette ni bon d’achat.',
    weight: 35,
    family: 'formation_droits',
    allOf: [
      ['cadeau*', 'tablette', 'ipad', "bon d'achat", "bons d'achat", 'carte cadeau', 'chèque cadeau', 'ordinateur offert', 'smartphone offert', 'montre connectée', 'airpods', 'console*'],
      ['formation*', 'dpc', 'cpf', 'module*', 'inscription', 'inscrire', 'inscrivez'],
    ],
    within: 15,
    examples: {
      match: ['Inscrivez-vous à notre formation DPC et recevez une tablette offerte !', 'Pour toute inscription, un bon d’achat de 200 € en cadeau.'],
      noMatch: ['Formation prise en charge et indemnisée dans le cadre de votre forfait DPC.', 'Merci pour le cadeau de départ en retraite.'],
    },
  },
  {
    id: 'formation.cpf',
    description: 'Sollicitation autour du compte personnel de formation (CPF).',
    explanation: 'Le message parle de votre compte personnel de formation (CPF) pour vous faire agir vite : les offres de formation par SMS ou téléphone sur le CPF sont un grand classique de l’escroquerie.',
    weight: 30,
    family: 'formation_droits',
    allOf: [
      ['cpf', 'compte personnel de formation', 'mon compte formation', 'moncompteformation'],
      ['droits', 'solde', 'euros', 'expir*', 'perdu*', 'utiliser', 'utilisez', 'dossier', 'valider', 'validez', 'rappel*', 'conseiller', 'conseillère'],
    ],
    within: 10,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['CPF : il vous reste 1 500 euros à utiliser avant la fin du mois.', 'Votre dossier CPF est en attente, votre conseillère va vous rappeler.'],
      noMatch: ['Le CPF ne finance pas les actions de DPC des médecins libéraux.', 'Rendez-vous de suivi fixé au mardi.'],
    },
  },
  {
    id: 'formation.demarchage-appel',
    description: 'Appel non sollicité proposant une formation ou une inscription.',
    explanation: 'Un appel non sollicité vous propose une formation : l’ANDPC et l’ANS ne démarchent jamais les médecins par téléphone.',
    weight: 20,
    family: 'formation_droits',
    fact: 'ans_andpc_pas_de_demarchage',
    scopes: ['call'],
    allOf: [
      ['formation*', 'dpc', 'module*', 'programme*', 'certification'],
      ['propos*', 'inscrire', 'inscription', 'places disponibles', 'dernières places', 'offre', 'réserver', 'réservé*'],
    ],
    within: 10,
    examples: {
      match: ['Appel d’une société qui m’a proposé une formation DPC en e-learning.', 'La dame voulait m’inscrire à un module de certification.'],
      noMatch: ['Appel du laboratoire pour le résultat de la patiente.'],
    },
  },
  {
    id: 'formation.offre-a-rappeler',
    description: 'Offre de formation « financée » ou « sans frais » par SMS ou appel, avec un conseiller à rappeler.',
    explanation: 'Une formation « financée » ou « sans frais » vous est proposée par SMS ou téléphone avec un conseiller à rappeler : c’est le démarchage décrit par l’Ordre. Une vraie action de DPC se choisit sur mondpc.fr.',
    weight: 30,
    family: 'formation_droits',
    fact: 'ans_andpc_pas_de_demarchage',
    scopes: ['sms', 'call'],
    allOf: [
      ['formation*', 'dpc', 'module*', 'e-learning'],
      ['financé*', 'pris en charge', 'prise en charge', 'gratuit*', 'aucun frais', 'sans frais', 'offert*', 'zéro euro', 'zéro reste à charge', 'sans avance'],
      ['rappelez', 'appelez', 'rappeler', 'conseiller', 'conseillère', 'répondez', 'par téléphone', 'rappelé*'],
    ],
    within: 25,
    examples: {
      match: ['Formations DPC financées par l’État, aucun frais : votre inscription se fait par téléphone, rappelez le 09 72 14 56 88.'],
      noMatch: ['FMC Occitanie : rappel de votre formation « Plaies chroniques » demain à 19h.'],
    },
  },
  {
    id: 'formation.contact-direct-agence',
    description: 'Appel ou SMS au nom de l’ANDPC ou de l’ANS proposant une action ou un accompagnement.',
    explanation: 'Le message se présente comme venant de l’ANDPC ou de l’ANS pour vous proposer quelque chose : ces agences ne contactent jamais directement les médecins pour leur proposer des actions de DPC ou de certification.',
    weight: 40,
    family: 'formation_droits',
    fact: 'ans_andpc_pas_de_demarchage',
    scopes: ['sms', 'call'],
    allOf: [
      ['andpc', 'agence nationale du dpc', 'agence du dpc', 'agence dpc', '"ANS"', 'agence du numérique en santé', 'mondpc'],
      ['propos*', 'appel*', 'contact*', 'conseiller', 'conseillère', 'accompagn*', 'inscri*', 'rappeler', 'rappelez', 'rendez-vous', 'part'],
    ],
    within: 15,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['ANDPC : votre conseiller vous propose un rendez-vous pour finaliser votre DPC.', 'Un monsieur de l’ANS m’a appelé pour m’inscrire.'],
      noMatch: ['L’ANDPC ne vous contactera jamais directement pour vous proposer des actions.'],
    },
  },
  {
    id: 'formation.mandat-agence',
    description: 'Prétend agir au nom, avec l’agrément ou en partenariat avec l’ANDPC ou l’ANS.',
    explanation: 'Le message prétend agir au nom ou avec l’agrément de l’ANDPC ou de l’ANS : ces agences ne mandatent personne pour démarcher les médecins.',
    weight: 35,
    family: 'formation_droits',
    fact: 'ans_andpc_pas_de_demarchage',
    allOf: [
      [
        'mandaté*', 'partenaire officiel', 'partenaire agréé', 'agréé*', 'accrédité*', 'labellisé*', 'en partenariat avec',
        'agissant au nom', 'pour le compte de', 'délégué*', 'missionné*', 'appelle de la part', 'appelons de la part',
        'contacte de la part', 'contactons de la part',
      ],
      ['andpc', 'agence nationale du dpc', 'agence du dpc', '"ANS"', 'agence du numérique en santé'],
    ],
    within: 6,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Centre partenaire officiel de l’ANDPC, nous gérons votre dossier.', 'Nous vous appelons de la part de l’ANDPC.'],
      noMatch: ['Organisme de DPC enregistré auprès de l’ANDPC sous le numéro 1234.'],
    },
  },
];
