import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/**
 * Schemes of the typology (analysis/typology/scenarios.json) that reach doctors like anyone else and
 * that no official-body rule sees: each rule is the combination that makes the scheme (what is asked
 * together with the lever used), not a sentence of any message. The scenario each rule follows is in
 * its description.
 */
export const SCHEME_RULES: readonly RuleDefinition[] = [
  {
    id: 'schema.virement-confidentiel',
    description: 'Virement urgent demandé sous le sceau du secret (fraude au président, fraude-au-president-virement-urgent).',
    explanation:
      'On vous demande un virement (ou un paiement) en insistant sur la confidentialité ou sur l’indisponibilité de la personne : c’est la « fraude au président ». Vérifiez toujours de vive voix, sur un numéro que vous connaissez, avant tout virement.',
    weight: 50,
    family: 'hameconnage',
    allOf: [
      ['virement', 'virements', 'virer', 'transfert', 'rib', 'iban', 'coordonnées bancaires', 'paiement', 'régler une facture', 'carte cadeau', 'cartes cadeaux', 'coupon*', 'recharge*'],
      [
        'confidentiel', 'confidentielle', 'strictement confidentiel', 'en toute discrétion', 'discret', 'discrète', "n'en parle pas", "n'en parlez pas",
        "n'en parle à personne", "n'en parlez à personne", 'je suis en réunion', 'suis en réunion', 'ne peux pas parler', 'ne peux pas téléphoner',
        'injoignable', 'réponds-moi ici', 'répondez-moi ici', 'par écrit uniquement', 'service rapide',
      ],
    ],
    within: 30,
    examples: {
      match: ['J’ai besoin que tu effectues un virement aujourd’hui. C’est strictement confidentiel, je suis en réunion.'],
      noMatch: ['Le virement de votre rétrocession a été effectué ce jour.'],
    },
  },
  {
    id: 'schema.proche-nouveau-numero',
    description: 'Un proche qui écrit d’un nouveau numéro et demande de répondre ailleurs ou un service (faux-enfant-nouveau-numero).',
    explanation:
      'Le message prétend venir d’un proche qui a « changé de numéro » ou « cassé son téléphone » : c’est une escroquerie connue qui finit par une demande d’argent. Appelez votre proche sur son numéro habituel avant de répondre.',
    weight: 50,
    family: 'hameconnage',
    allOf: [
      ['maman', 'papa', 'mamie', 'papi', 'mamounette', 'daddy', "c'est moi", 'c’est moi'],
      [
        'nouveau numéro', 'nouveau numero', 'changé de numéro', 'change de numero', 'téléphone cassé', 'telephone casse',
        'portable cassé', 'perdu mon téléphone', 'tombé en panne', "l'autre téléphone", 'ancien numéro', 'whatsapp', 'enregistre', 'enregistrez',
      ],
    ],
    within: 20,
    examples: {
      match: ['Salut maman, j’ai changé de numéro, enregistre celui-ci.', 'Coucou papa c’est moi, mon téléphone est cassé, écris-moi sur WhatsApp.'],
      noMatch: ['Maman passera chercher l’ordonnance demain.'],
    },
  },
  {
    id: 'schema.chantage-crypto',
    description: 'Chantage à la vidéo intime contre un paiement en cryptomonnaie (sextorsion-webcam-crypto).',
    explanation:
      'Le message affirme détenir des images intimes ou un accès à votre appareil et exige un paiement en cryptomonnaie : c’est un chantage de masse, l’auteur n’a en général rien. Ne payez pas, ne répondez pas, changez votre mot de passe et signalez le message.',
    weight: 65,
    family: 'hameconnage',
    allOf: [
      ['bitcoin*', 'btc', 'crypto*', 'portefeuille', 'wallet', 'monero', 'usdt'],
      [
        'vidéo*', 'video*', 'webcam', 'caméra', 'camera', 'filmé', 'filme', 'enregistré', 'sites pour adultes', 'pour adultes', 'pornographi*',
        'intime*', 'à tous vos contacts', 'tous vos contacts', 'accès complet', 'acces complet', 'logiciel espion', 'cheval de troie',
      ],
    ],
    within: 60,
    examples: {
      match: ['Je vous ai filmé via votre webcam. Payez 800 USD en Bitcoin ou la vidéo part à vos contacts.'],
      noMatch: ['La vidéo de la conférence est disponible sur le site du conseil.'],
    },
  },
  {
    id: 'schema.cheque-trop-percu',
    description: 'Chèque d’un montant supérieur au dû, avec la différence à renvoyer par virement (fausse-offre-emploi-cheque-trop-percu).',
    explanation:
      'On vous envoie un chèque plus élevé que prévu et on vous demande de rembourser la différence par virement : le chèque sera rejeté après votre virement. Ne renvoyez rien avant l’encaissement définitif confirmé par votre banque.',
    weight: 55,
    family: 'hameconnage',
    allOf: [
      ['chèque', 'cheque', 'chèques', 'cheques'],
      ['par erreur', 'trop élevé', 'supérieur', 'différence', 'difference', 'reste', 'excédent', 'surplus', 'trop'],
      ['virement', 'rembourser', 'remboursez', 'renvoyer', 'renvoyez', 'reverser', 'reversez', 'western union', 'mandat cash', 'transfert'],
    ],
    within: 40,
    examples: {
      match: ['Chèque de 1200 € envoyé par erreur au lieu de 380 €, merci de me renvoyer la différence par virement.'],
      noMatch: ['Votre chèque de 50 € a bien été encaissé.'],
    },
  },
  {
    id: 'schema.placement-garanti',
    description: 'Placement à rendement garanti ou sans risque, ou frais à payer pour débloquer un gain (placement-crypto-rendement-garanti).',
    explanation:
      'Le message promet un rendement élevé « garanti » ou « sans risque », ou demande de payer des frais pour retirer vos gains : aucun placement sérieux ne fait cela. Vérifiez l’acteur sur les listes noires de l’AMF (amf-france.org).',
    weight: 50,
    family: 'hameconnage',
    allOf: [
      ['rendement', 'rendements', 'placement', 'placements', 'investissement*', 'investir', 'portefeuille', 'retrait', 'plus-value', 'gains', 'crypto*', 'trading'],
      ['garanti', 'garantis', 'garantie', 'sans risque', 'sans aucun risque', 'capital garanti', 'taxe préalable', 'frais de déblocage', 'débloquer', 'paiement préalable', 'frais de retrait'],
    ],
    within: 20,
    unlessNear: ['aucun placement', 'ne peut garantir', 'liste noire', 'mise en garde', ...NEGATIONS_OF_CONTACT],
    unlessWithin: 12,
    examples: {
      match: ['Nos solutions d’investissement offrent un rendement garanti de 12 % par an, sans risque.', 'Pour valider le retrait, réglez d’abord la taxe préalable de 10 %.'],
      noMatch: ['Aucun placement ne peut garantir un rendement élevé sans risque.'],
    },
  },
  {
    id: 'schema.faux-support-technique',
    description: 'Alerte d’infection ou de blocage de l’ordinateur avec un numéro à appeler (faux-support-technique-ecran-bloque).',
    explanation:
      'Le message annonce que votre ordinateur est infecté ou bloqué et vous demande d’appeler un « technicien » : Microsoft, Apple et les éditeurs n’affichent jamais de numéro à appeler. Ne rappelez pas, redémarrez l’appareil et faites-le vérifier par votre prestataire.',
    weight: 50,
    family: 'hameconnage',
    allOf: [
      ['virus', 'infecté', 'infectée', 'infection', 'menace détectée', 'menaces détectées', 'logiciel espion', 'piraté', 'ordinateur bloqué', 'ordinateur a été bloqué', 'cheval de troie', 'malware'],
      ['appelez', 'appeler', 'contactez', 'technicien', 'support technique', 'assistance technique', 'service technique', 'numéro gratuit'],
    ],
    within: 30,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Votre ordinateur est infecté. Appelez immédiatement un technicien certifié au 01 89 62 07 15.'],
      noMatch: ['Le technicien passera installer le nouveau lecteur de carte jeudi.'],
    },
  },
  {
    id: 'schema.quota-messagerie',
    description: 'Boîte aux lettres « pleine » ou « à revalider » sous peine de perdre ses messages (messagerie-quota-depasse).',
    explanation:
      'Le message dit que votre messagerie est pleine ou doit être revalidée et vous envoie vers une page pour le faire : c’est un hameçonnage d’identifiants. Vérifiez l’espace de votre boîte depuis votre messagerie elle-même, jamais par un lien reçu.',
    weight: 45,
    family: 'mot_de_passe',
    allOf: [
      ['boîte aux lettres', 'boite aux lettres', 'boîte mail', 'boite mail', 'messagerie', 'webmail', 'quota', 'espace de stockage', 'capacité de stockage', 'limite de stockage', 'stockage'],
      ['revalider', 'revalidez', 'revalidation', 'réactiver', 'réactivez', 'augmenter', 'augmentez', 'étendre', 'étendez', 'valider votre compte', 'validez votre compte', 'vérifier votre compte', 'vérifiez votre compte', 'mettre à niveau', 'revalidez vos identifiants'],
      ['quota', 'pleine', 'plein', 'capacité', 'limite', 'stockage', 'espace', 'saturée', 'dépassé', 'désactivé', 'désactivée', 'expiré', 'expire'],
    ],
    within: 40,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Votre boîte aux lettres a atteint sa limite de stockage. Revalidez votre compte ici pour augmenter votre quota.'],
      noMatch: ['Votre messagerie sécurisée est disponible depuis le portail.'],
    },
  },
  {
    id: 'schema.archive-protegee',
    description: 'Document à ouvrir sous forme d’archive protégée par un mot de passe donné dans le message (faux-oniam-indemnisation-piece-jointe).',
    explanation:
      'Le message vous demande d’ouvrir une archive (.zip, .rar…) protégée par un mot de passe qu’il donne lui-même : ce procédé sert à faire passer un logiciel malveillant à travers l’antivirus. N’ouvrez pas la pièce jointe.',
    weight: 55,
    family: 'hameconnage',
    allOf: [
      ['.zip', '.rar', '.7z', '.iso', '.img', 'archive', 'fichier compressé', 'dossier compressé'],
      ['mot de passe', 'code d’ouverture', "code d'ouverture", 'mdp', 'password'],
    ],
    within: 25,
    examples: {
      match: ['Voici le formulaire en pièce jointe (formulaire.zip, mot de passe : 2025).'],
      noMatch: ['Votre mot de passe a été modifié.'],
    },
  },
  {
    id: 'schema.validation-authentification',
    description: 'Demande d’accepter une demande d’authentification ou de connexion qu’on n’a pas initiée (ecps-notification-authentification-non-sollicitee).',
    explanation:
      'On vous presse d’accepter ou de valider une demande de connexion que vous n’avez pas faite : si vous acceptez, quelqu’un d’autre entre dans votre compte (e-CPS, banque…). Refusez toute demande que vous n’avez pas vous-même lancée.',
    weight: 55,
    family: 'ecps',
    allOf: [
      ['acceptez', 'accepter', 'acceptez-la', 'validez', 'valider', 'validez-la', 'approuvez', 'approuver', 'confirmez', 'confirmer', 'autorisez', 'autoriser'],
      ["demande d'authentification", 'demande d’authentification', 'demande de connexion', 'notification', 'authentification', 'connexion en attente', 'demande en attente'],
      ['verrouillage', 'verrouillé', 'bloqué', 'blocage', 'suspendu', 'suspension', 'désactivé', 'secondes', 'minutes', 'immédiatement', 'pour éviter', 'sinon'],
    ],
    within: 25,
    unlessNear: ["si vous n'êtes pas à l'origine", 'si vous n’êtes pas à l’origine', 'refusez', 'ne validez jamais', "n'acceptez jamais", ...NEGATIONS_OF_CONTACT],
    unlessWithin: 15,
    examples: {
      match: ['Une demande d’authentification est en attente. Acceptez-la dans les 60 s pour éviter le verrouillage de votre compte.'],
      noMatch: ['Vous venez de vous connecter à votre espace avec e-CPS.'],
    },
  },
  {
    id: 'schema.accepter-pour-un-tiers',
    description: 'Quelqu’un annonce une notification d’authentification et demande de l’accepter pour lui (ecps-notification-authentification-non-sollicitee).',
    explanation:
      'On vous demande d’accepter une notification de connexion (e-CPS, application d’authentification) lancée par quelqu’un d’autre : l’accepter lui ouvre votre compte professionnel. Personne n’a à se connecter avec votre identité ; refusez et prévenez le support e-CPS.',
    weight: 55,
    family: 'ecps',
    allOf: [
      ['accepte', 'accepter', 'acceptez', 'accepte-la', 'valide', 'valider', 'validez', 'approuve', 'approuver', 'approuvez', 'clique sur oui', 'cliquez sur oui', 'appuie sur accepter', 'appuyez sur accepter'],
      ['notif', 'notifs', 'notification*', "demande d'authentification", 'demande d’authentification', 'demande de connexion', 'demande sur ton appli', 'demande sur votre appli', 'demande sur l’appli', "demande sur l'appli"],
      ['e-cps', 'ecps', 'appli', 'application', 'authentification', 'pro santé connect', 'psc'],
    ],
    within: 25,
    unlessNear: ['ne validez jamais', "n'acceptez jamais", 'n’acceptez jamais', 'refusez', ...NEGATIONS_OF_CONTACT],
    unlessWithin: 15,
    examples: {
      match: ['Je me connecte avec ton numéro, tu vas avoir une notif e-CPS, tu peux juste accepter stp ?'],
      noMatch: ['Votre application e-CPS est activée sur ce téléphone.'],
    },
  },
];
