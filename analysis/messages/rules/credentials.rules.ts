import type { RuleDefinition } from '../../engine/ruleset.js';
import { HAND_OVER_VERBS, NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/**
 * Scenario (c) of the circular — « j'ai perdu mon mot de passe », « réinitialiser votre mot de passe »
 * received without asking — and every request for credentials, codes or bank details.
 */
export const CREDENTIAL_RULES: readonly RuleDefinition[] = [
  {
    id: 'mot-de-passe.perdu',
    description: 'Message « j’ai perdu mon mot de passe » venant d’un inconnu.',
    explanation: 'Le message dit « j’ai perdu mon mot de passe » : l’Ordre signale ce message, reçu sans que le médecin soit à l’initiative, comme une tentative pour obtenir un code ou un accès. Ne répondez pas et ne transmettez aucun code.',
    weight: 40,
    family: 'mot_de_passe',
    fact: 'identifiants_jamais_communiques',
    allOf: [[
      "j'ai perdu mon mot de passe", "j'ai oublié mon mot de passe", "j'ai égaré mon mot de passe", "j'ai perdu mes identifiants",
      "j'ai perdu mon identifiant", "j'ai perdu mon code", "j'ai perdu mon accès", 'je ne retrouve plus mon mot de passe',
      "j'ai perdu le mot de passe", "j'ai oublié le mot de passe",
    ]],
    examples: {
      match: ['Bonjour, j’ai perdu mon mot de passe, pouvez-vous m’aider ?', 'Coucou c’est moi, j ai perdu mon mot de passe du cabinet'],
      noMatch: ['Vous avez oublié votre mot de passe ? Cliquez sur « Mot de passe oublié » sur la page de connexion.'],
    },
  },
  {
    id: 'mot-de-passe.reinitialisation',
    description: 'Parle de réinitialiser ou changer un mot de passe ou des identifiants.',
    explanation: 'Le message vous invite à réinitialiser ou changer un mot de passe : si vous n’en êtes pas à l’origine, c’est un procédé signalé par l’Ordre. Ne passez jamais par le lien reçu ; allez vous-même sur le site officiel.',
    weight: 20,
    family: 'mot_de_passe',
    allOf: [
      ['réinitialis*', 'reset', 'changer', 'changement', 'modifier', 'modification', 'renouvel*', 'redéfinir', 'mettre à jour', 'mise à jour', 'récupér*', 'expir*'],
      ['mot de passe', 'mots de passe', 'mdp', 'identifiant*', "code d'accès", 'password'],
    ],
    within: 5,
    examples: {
      match: ['Réinitialisez votre mot de passe en cliquant ici.', 'Votre mot de passe expire aujourd’hui, changez-le maintenant.'],
      noMatch: ['Votre rendez-vous est confirmé pour mardi.'],
    },
  },
  {
    id: 'mot-de-passe.demande-de-code',
    description: 'Demande de transmettre un code reçu par SMS ou courriel (code de validation, de connexion…).',
    explanation: 'On vous demande de transmettre un code reçu : ce code sert à ouvrir ou à prendre le contrôle de l’un de vos comptes. Aucun organisme ne vous le demandera jamais.',
    weight: 60,
    family: 'mot_de_passe',
    fact: 'identifiants_jamais_communiques',
    allOf: [['code', 'codes'], [...HAND_OVER_VERBS]],
    within: 8,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'ne jamais le communiquer', 'personne ne vous demandera'],
    unlessWithin: 15,
    examples: {
      match: [
        'Vous allez recevoir un code par SMS, pouvez-vous me le transmettre ?',
        'Envoyez-moi le code à 6 chiffres que vous venez de recevoir.',
        'Merci de répondre avec le code de validation reçu.',
      ],
      noMatch: ['Votre code de vérification est 482913. Ne le communiquez à personne.', 'Le code d’accès de l’immeuble a changé.'],
    },
  },
  {
    id: 'mot-de-passe.code-demande-au-telephone',
    description: 'Le correspondant a demandé un code, un identifiant ou un mot de passe au téléphone.',
    explanation: 'Votre interlocuteur vous a demandé un code, un identifiant ou un mot de passe : l’Ordre demande de ne jamais les communiquer par téléphone.',
    weight: 60,
    family: 'mot_de_passe',
    fact: 'identifiants_jamais_communiques',
    scopes: ['call'],
    allOf: [
      ['code', 'codes', 'identifiant*', 'mot de passe', 'mots de passe', 'numéro de carte', 'carte bancaire', 'code pin'],
      ['demandé*', 'demandait', 'demandaient', 'voulait', 'voulaient', 'exigé*', 'exigeait', 'réclamé*', 'réclamait', 'insisté', 'lire', 'dicter', 'donner', 'communiquer'],
    ],
    within: 6,
    // Codes that are not secrets, and narratives saying that nothing was asked.
    unlessNear: [
      'code postal', 'code de la route', 'code couleur', 'code ccam', 'code acte', 'code-barres', 'code barre', 'code de déontologie',
      'code de la santé', 'aucun code', 'aucun identifiant', "n'a rien demandé", "n'a pas demandé", "n'ont rien demandé", 'jamais demandé',
      'sans rien demander',
    ],
    unlessWithin: 1,
    examples: {
      match: ['Il m’a demandé le code que je venais de recevoir par SMS.', 'Elle voulait mon identifiant et mon mot de passe mondpc.'],
      noMatch: ['La secrétaire a demandé le code postal du patient ?', 'Appel de ma conseillère habituelle ; elle n’a demandé aucun code.'],
    },
  },
  {
    id: 'identifiants.demande',
    description: 'Demande de confirmer ou transmettre identifiants, mot de passe ou données bancaires.',
    explanation: 'Le message vous demande vos identifiants, votre mot de passe ou vos données bancaires : aucun organisme légitime ne les demande par message ou par téléphone.',
    weight: 45,
    fact: 'identifiants_jamais_communiques',
    allOf: [
      [
        'identifiant*', 'mot de passe', 'mots de passe', 'mdp', 'login', 'code pin', 'code confidentiel', 'cryptogramme',
        'numéro de carte', 'numéro de votre carte', 'coordonnées bancaires', 'informations bancaires', 'données bancaires',
        'iban', 'rib', 'code secret', 'date d’expiration',
      ],
      [
        'confirmer', 'confirmez', 'communiquer', 'communiquez', 'transmettre', 'transmettez', 'indiquer', 'indiquez',
        'vérifier', 'vérifiez', 'fournir', 'fournissez', 'donner', 'donnez', 'me dicter', 'dictez',
        'nous faire parvenir', 'mettre à jour vos', 'mettez à jour vos',
      ],
    ],
    within: 8,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'nouveau mot de passe', 'choisissez', 'choisir'],
    examples: {
      match: ['Merci de confirmer vos identifiants pour conserver votre accès.', 'Veuillez nous communiquer votre RIB et le cryptogramme de votre carte.'],
      noMatch: ['L’Ordre ne vous demandera jamais vos identifiants par courriel.', 'Choisissez un nouveau mot de passe en suivant le lien.'],
    },
  },
  {
    id: 'mot-de-passe.annuler-la-demande',
    description: '« Si vous n’êtes pas à l’origine de cette demande, cliquez ici / appelez » : piège pour faire agir.',
    explanation: 'Le message vous invite à cliquer ou à appeler si vous n’êtes pas à l’origine de la demande : c’est le piège habituel pour faire réagir la personne visée. Allez vous-même sur le site officiel.',
    weight: 25,
    family: 'mot_de_passe',
    allOf: [
      ["pas à l'origine", 'pas demandé', 'pas fait cette demande', "pas l'auteur", 'pas vous'],
      ['cliquez', 'annuler', 'annulez', 'sécuriser', 'sécurisez', 'bloquer', 'bloquez', 'appelez', 'rappelez', 'opposition', 'lien'],
    ],
    within: 10,
    examples: {
      match: ['Si vous n’êtes pas à l’origine de cette demande, cliquez ici pour annuler.'],
      noMatch: ['Si vous n’êtes pas à l’origine de cette demande, ignorez simplement ce message.'],
    },
  },
  {
    id: 'prevention.pas-a-l-origine-ignorer',
    description: 'Formule des vrais messages de réinitialisation : « si vous n’êtes pas à l’origine, ignorez ce message ».',
    explanation: 'Le message précise que vous pouvez l’ignorer si vous n’êtes pas à l’origine de la demande, sans vous presser : c’est la formule des messages de réinitialisation légitimes.',
    weight: -20,
    allOf: [
      ["si vous n'êtes pas à l'origine", "si vous n'avez pas demandé", "si vous n'avez pas fait cette demande", "si vous n'êtes pas l'auteur", "si ce n'est pas vous"],
      ['ignorez', 'ignorer', 'aucune action', 'rien à faire', 'pouvez supprimer', 'ne tenez pas compte', 'sans suite', 'inchangé'],
    ],
    within: 12,
    unlessNear: ['cliquez', 'cliquer', 'annuler', 'sécuriser', 'bloquer', 'appelez', 'contactez', 'rappelez'],
    unlessWithin: 8,
    examples: {
      match: ['Si vous n’avez pas demandé cette réinitialisation, ignorez ce message : votre mot de passe reste inchangé.'],
      noMatch: ['Si vous n’êtes pas à l’origine de cette demande, cliquez ici pour annuler.'],
    },
  },
];
