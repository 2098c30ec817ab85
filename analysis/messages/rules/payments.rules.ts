import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/** Demands for money: Ordre dues, directory invoices, URSSAF, bank « advisers », parcels, fines. */
export const PAYMENT_RULES: readonly RuleDefinition[] = [
  {
    id: 'paiement.cotisation-impayee',
    description: 'Cotisation présentée comme impayée, majorée ou en recouvrement, à régler vite.',
    explanation: 'Le message réclame une cotisation présentée comme impayée ou majorée, avec menace : vérifiez toujours dans votre Espace médecin (ou votre espace URSSAF) plutôt que par le lien ou le numéro reçus.',
    weight: 35,
    allOf: [
      ['cotisation*'],
      [
        'impayé*', 'non réglé*', 'non payé*', 'retard', 'dernière relance', 'majoration', 'majoré*', 'pénalité*',
        'recouvrement', 'mise en demeure', 'huissier', 'contentieux', 'poursuite*', 'suspension', 'radiation',
        'sous 48', 'sous 24', 'immédiat*', 'sans délai',
      ],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Votre cotisation ordinale 2025 reste impayée : une majoration de 10 % s’applique sous 48h.', 'Cotisations en retard : procédure de recouvrement engagée.'],
      noMatch: ['L’appel de cotisation 2025 est disponible dans votre Espace médecin ; règlement avant le 31 mars.'],
    },
  },
  {
    id: 'cotisation.ordinale',
    description: 'Le message parle de la cotisation à l’Ordre (rattache le cas à cette famille).',
    explanation: 'Le message porte sur la cotisation ordinale : l’Ordre l’appelle une fois par an, et vous pouvez la vérifier dans votre Espace médecin.',
    weight: 10,
    family: 'cotisation_ordre',
    allOf: [['cotisation*'], ['ordinale', 'ordre', 'conseil départemental', '"CNOM"', '"CDOM"', 'tableau']],
    within: 12,
    examples: {
      match: ['Appel de cotisation ordinale 2025.'],
      noMatch: ['Vos cotisations URSSAF du trimestre.'],
    },
  },
  {
    id: 'paiement.changement-de-rib',
    description: 'Annonce de nouvelles coordonnées bancaires pour un paiement (fraude au changement de RIB).',
    explanation: 'Le message annonce de nouvelles coordonnées bancaires pour vos paiements : c’est la fraude au changement de RIB. Vérifiez par téléphone, au numéro que vous connaissez, avant tout virement.',
    weight: 45,
    // « notre », « nos » are kept by the tokenizer: « nos coordonnées bancaires » is the sender's, not yours.
    allOf: [[
      'notre nouveau rib', 'notre nouvel iban', 'nos nouvelles coordonnées bancaires', 'nouveau rib ci-joint', 'ci-joint notre nouveau',
      'changé de banque', 'changement de banque', 'nos coordonnées bancaires ont changé', 'notre rib a changé',
      'changement de nos coordonnées bancaires', 'modification de nos coordonnées bancaires', 'nouveau compte bancaire',
      'nouvelles coordonnées bancaires', 'nouveau rib', 'changement de rib', "changement d'iban",
    ]],
    unlessNear: [...NEGATIONS_OF_CONTACT, 'vous avez modifié', 'vous avez changé', 'vous avez demandé', 'enregistré', 'enregistrée', 'bien été pris en compte'],
    examples: {
      match: ['Suite à un changement de banque, merci d’effectuer le règlement sur notre nouveau RIB ci-joint.'],
      noMatch: ['Votre RIB est bien enregistré.', 'Modification de vos coordonnées bancaires enregistrée le 02/02.'],
    },
  },
  {
    id: 'paiement.moyen-inhabituel',
    description: 'Paiement demandé en cartes cadeaux, coupons prépayés, cryptomonnaie ou mandat.',
    explanation: 'Le paiement est demandé en cartes cadeaux, coupons prépayés, cryptomonnaie ou mandat : aucun organisme public ni aucune entreprise sérieuse ne se fait payer ainsi.',
    weight: 55,
    allOf: [[
      'carte cadeau', 'cartes cadeaux', 'coupon pcs', 'coupons pcs', 'transcash', 'neosurf', 'paysafecard', 'recharge pcs',
      'bitcoin*', 'cryptomonnaie*', 'crypto-monnaie*', 'western union', 'mandat cash', 'moneygram', 'carte prépayée',
      'cartes prépayées', 'carte google play', 'cartes google play',
    ]],
    examples: {
      match: ['Réglez l’amende en coupons PCS de 150 € et envoyez-nous les codes.'],
      noMatch: ['Paiement par carte bancaire ou par virement.'],
    },
  },
  {
    id: 'paiement.montant-a-regler',
    description: 'Un montant en euros à régler, dans le texte.',
    explanation: 'Le message vous demande de régler un montant : ne payez jamais depuis un lien ou un numéro reçus, passez par le site officiel de l’organisme.',
    weight: 10,
    allOf: [
      [{ regex: '\\d{1,5}(?:[.,]\\d{2})? ?(?:€|euros?|eur\\b)' }],
      ['régler', 'réglez', 'payer', 'payez', 'paiement', 'frais', 'montant', 'somme', 'acquitter'],
    ],
    within: 6,
    examples: {
      match: ['Frais de réexpédition : 1,99 € à régler aujourd’hui.', 'Montant à payer : 135 euros.'],
      noMatch: ['La consultation est à 30 €.'],
    },
  },
  {
    id: 'annuaire.facture',
    description: 'Facture ou bon de commande pour une inscription dans un annuaire ou un référencement.',
    explanation: 'Le message ressemble à une facture ou un bon de commande d’annuaire professionnel : ces « annuaires » facturent une inscription que vous n’avez jamais commandée. L’Annuaire Santé officiel (annuaire.sante.fr) est gratuit.',
    weight: 40,
    family: 'annuaire',
    allOf: [
      [
        'annuaire*', 'répertoire professionnel', 'répertoire des professionnels', 'guide des professionnels',
        'guide professionnel', 'référencement', 'insertion', 'parution', 'encart', 'fiche professionnelle',
      ],
      [
        'facture', 'bon de commande', 'montant', 'ttc', 'ht', 'règlement', 'échéance', 'abonnement', 'reconduction', 'tacite',
        'tarif', 'payer', 'payable', 'bon pour accord', 'signer', 'signé', 'retourner', 'retournez', 'régler', 'ordre de paiement',
        'contrat',
      ],
    ],
    within: 20,
    unlessNear: ['gratuit', 'gratuite', ...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Facture n° 2025-118 : insertion annuelle dans l’Annuaire National des Professionnels de Santé, 890 € HT.',
        'Merci de retourner le bon pour accord signé afin de valider votre parution au guide professionnel.',
      ],
      noMatch: ['L’Annuaire Santé est le répertoire public, gratuit, des professionnels de santé.'],
    },
  },
  {
    id: 'annuaire.mise-a-jour-formulaire',
    description: 'Demande de « vérifier ses données » en retournant un formulaire signé (contrat caché).',
    explanation: 'On vous demande de vérifier vos informations et de retourner un formulaire signé : ce formulaire est souvent un contrat d’insertion payante dans un annuaire.',
    weight: 25,
    family: 'annuaire',
    allOf: [
      ['mise à jour', 'vérification', 'vérifier', 'actualisation', 'corriger', 'confirmer'],
      ['données', 'informations', 'fiche', 'coordonnées', 'inscription'],
      ['formulaire', 'retourner', 'retournez', 'signer', 'signez', 'tamponner', 'cachet', 'fax'],
    ],
    within: 15,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Merci de vérifier les données de votre fiche et de retourner le formulaire signé avec votre cachet.'],
      noMatch: ['Vous pouvez vérifier vos informations dans votre Espace médecin.'],
    },
  },
  {
    id: 'urssaf.regularisation',
    description: 'L’URSSAF annoncerait une régularisation, un trop-perçu, une majoration ou une anomalie.',
    explanation: 'Le message se réclame de l’URSSAF pour une régularisation, un remboursement ou une majoration : vérifiez dans votre espace sur urssaf.fr, jamais par le lien ou le numéro reçus.',
    weight: 25,
    family: 'urssaf',
    allOf: [
      ['urssaf'],
      [
        'régularisation', 'trop-perçu', 'trop perçu', 'remboursement', 'redressement', 'mise en demeure', 'majoration*',
        'impayé*', 'retard', 'contrainte', 'pénalité*', 'anomalie', 'suspension', 'dernier avis', 'coordonnées bancaires',
        'iban', 'rib',
      ],
    ],
    within: 15,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['URSSAF : un trop-perçu de 312 € vous est dû, confirmez votre IBAN.'],
      noMatch: ['URSSAF : votre échéancier 2025 est disponible dans votre espace en ligne.'],
    },
  },
  {
    id: 'banque.operation-suspecte',
    description: 'Un « service fraude » signale une opération suspecte et demande d’agir.',
    explanation: 'Le message ou l’appel signale une opération suspecte et vous demande d’agir : les faux conseillers bancaires commencent toujours ainsi. Raccrochez et appelez vous-même votre banque au numéro habituel.',
    weight: 40,
    family: 'conseiller_bancaire',
    allOf: [
      [
        'opération suspecte', 'opérations suspectes', 'paiement suspect', 'virement suspect', 'tentative de paiement',
        'activité inhabituelle', 'activité suspecte', 'prélèvement suspect', 'achat suspect', 'transaction suspecte',
        'débit suspect', 'opération frauduleuse', 'paiement frauduleux', 'tentative de fraude sur votre compte', 'compte piraté',
        'compte a été piraté', 'piratage de votre compte',
      ],
      [
        'valider', 'validez', 'annuler', 'annulez', 'confirmer', 'confirmez', 'sécuriser', 'sécurisez', 'application',
        'rappeler', 'rappelez', 'contacter', 'contactez', 'conseiller', 'bloquer', 'opposition', 'code', 'carte',
      ],
    ],
    within: 15,
    examples: {
      match: ['Service fraude : une opération suspecte de 1 290 € a été détectée. Rappelez votre conseiller au 01 84 80 12 34.'],
      noMatch: ['Votre relevé de compte de mars est disponible.'],
    },
  },
  {
    id: 'banque.valider-pour-annuler',
    description: 'Demande de « valider » sur l’application bancaire pour « annuler » une opération.',
    explanation: 'On vous demande de valider une opération dans votre application pour l’« annuler » : valider, c’est autoriser le paiement. Aucune banque ne demande cela.',
    weight: 55,
    family: 'conseiller_bancaire',
    allOf: [
      ['valider', 'validez', 'confirmer', 'confirmez', 'authentifier', 'authentifiez'],
      ['annuler', 'annulation', 'bloquer', 'rembourser', 'sécuriser', 'opposition'],
      ['application', 'banque', 'bancaire', 'carte', 'virement', 'paiement', 'opération', 'compte'],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Il m’a demandé de valider l’opération sur mon application bancaire pour pouvoir l’annuler.'],
      noMatch: ['Confirmez l’annulation de votre rendez-vous du 12 mars.'],
    },
  },
  {
    id: 'banque.compte-securise',
    description: 'Demande de transférer son argent vers un « compte sécurisé ».',
    explanation: 'On vous demande de transférer votre argent vers un « compte sécurisé » : ce compte appartient à l’escroc. Aucune banque ne demande cela.',
    weight: 60,
    family: 'conseiller_bancaire',
    allOf: [[
      'compte sécurisé', 'compte de sécurité', 'compte tampon', 'compte refuge', "mettre votre argent à l'abri", "mettre l'argent à l'abri",
      'transférer votre argent', "transférer l'argent", 'virement de sécurité', 'protéger votre épargne',
    ]],
    examples: {
      match: ['Il fallait transférer l’argent vers un compte sécurisé qu’il allait m’indiquer.'],
      noMatch: ['Votre espace client est sécurisé par la double authentification.'],
    },
  },
  {
    id: 'banque.coursier',
    description: 'Un coursier ou un agent viendrait récupérer la carte bancaire.',
    explanation: 'On vous annonce qu’une personne viendra récupérer votre carte bancaire : aucune banque ne le fait. Ne remettez votre carte à personne.',
    weight: 60,
    family: 'conseiller_bancaire',
    allOf: [
      ['coursier', 'livreur', 'agent', 'technicien', "quelqu'un", 'collaborateur'],
      ['récupérer', 'récupère', 'passer chercher', 'chercher', 'remettre', 'remettez', 'détruire'],
      ['carte', 'cartes', 'carte bancaire', 'chéquier'],
    ],
    within: 12,
    examples: {
      match: ['Un coursier passera chercher votre carte bancaire pour la détruire.'],
      noMatch: ['Le coursier a livré les échantillons au cabinet.'],
    },
  },
  {
    id: 'colis.frais',
    description: 'Colis bloqué ou en attente avec frais, taxe ou adresse à confirmer.',
    explanation: 'Le message annonce un colis bloqué ou en attente de frais ou de confirmation d’adresse : les transporteurs ne demandent pas de payer par un lien reçu par SMS.',
    weight: 40,
    family: 'colis',
    allOf: [
      ['colis', 'paquet', 'livraison', 'envoi', 'colissimo', 'chronopost', 'laposte', 'bureau de poste', '"DHL"', '"UPS"', 'mondial relay', '"DPD"', '"GLS"', 'fedex'],
      [
        'frais', 'droits de douane', 'taxe*', 'reprogramm*', 'adresse incomplète', 'adresse incorrecte', 'échec de livraison',
        'en instance', 'bloqué*', 'retenu*', 'en attente de paiement', 'confirmer votre adresse', 'confirmez votre adresse',
        'mettre à jour votre adresse', 'payer', 'régler', 'réglez', 'entrepôt', 'retourné*',
      ],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: ['Colissimo : votre colis est en instance, des frais de 1,99 € sont à régler.', 'Votre livraison a échoué : reprogrammez-la ici.'],
      noMatch: ['Votre colis sera livré demain entre 9 h et 13 h.'],
    },
  },
  {
    id: 'amende.paiement',
    description: 'Amende, avis de contravention ou péage impayé à régler vite.',
    explanation: 'Le message réclame le paiement d’une amende ou d’un péage : l’ANTAI n’envoie pas de SMS pour vous faire payer, et une amende se vérifie sur antai.gouv.fr.',
    weight: 40,
    family: 'amende',
    allOf: [
      ['amende*', 'antai', 'contravention', 'infraction', 'procès-verbal', 'stationnement', 'excès de vitesse', 'péage', 'radar', 'forfait post-stationnement'],
      [
        'payer', 'paiement', 'régler', 'réglez', 'majoration', 'majorée', 'minorée', 'impayé*', 'en attente', 'dernier avis',
        'dernière relance', 'poursuite*', 'saisie', 'huissier', 'recouvrement',
      ],
    ],
    within: 12,
    unlessNear: [...NEGATIONS_OF_CONTACT, "n'envoie jamais", "n'envoie pas"],
    examples: {
      match: ['ANTAI : vous avez une amende impayée de 35 €, réglez-la avant majoration.', 'Péage impayé : régularisez votre passage sous 72h.'],
      noMatch: ['L’ANTAI n’envoie jamais de SMS pour réclamer une amende.'],
    },
  },
];
