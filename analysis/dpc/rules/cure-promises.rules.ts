import type { DriftRule } from './drift-rule.js';

/** Serious diseases that drift programmes claim to cure (MIVILUDES guide, fiche 4-2). */
export const SERIOUS_DISEASES = [
  'cancer*', 'tumeur*', 'leucémie*', 'lymphome*', 'métasta*', 'diabète*', 'diabétique*', 'autisme', 'autiste*', 'sclérose',
  'alzheimer', 'parkinson', 'sida', 'vih', 'schizophrénie', 'bipolarité', 'épilepsie', 'lupus', 'polyarthrite', 'crohn',
  'hépatite*', 'maladie grave', 'maladies graves', 'maladie incurable', 'maladies incurables', 'incurable*', 'toutes les maladies',
  'maladies chroniques', 'maladies auto immunes', 'maladie auto immune', 'maladies dégénératives', 'infertilité', 'stérilité', 'charcot',
  'mucoviscidose', 'myopathie*', 'démence*', 'insuffisance rénale', 'insuffisance cardiaque', 'psoriasis', 'endométriose', 'fibromyalgie',
] as const;

const CURE_VERBS = [
  'guéri*', 'soigner', 'venir à bout', 'disparaî*', 'disparu*', 'faire régresser', 'faire reculer', 'résorber', 'éradiquer',
  'vaincre', 'inverser', 'se libérer', 'dissoudre', 'faire cesser', 'réverse*', 's estomp*',
] as const;

export const CURE_PROMISE_RULES: readonly DriftRule[] = [
  {
    id: 'guerison.maladie-grave',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-charlatan', 'ministere-psnc'],
    description: 'Associe un verbe de guérison à une maladie grave.',
    explanation: 'Le texte parle de guérir ou de faire disparaître une maladie grave (cancer, diabète, autisme, sclérose…). Seule une prise en charge médicale éprouvée soigne ces maladies ; cette promesse est le signe d’alerte n° 1 de la MIVILUDES.',
    weight: 30,
    allOf: [[...CURE_VERBS], [...SERIOUS_DISEASES]],
    within: 7,
    // Genuine programmes report cures measured in trials (hepatitis C, diabetes remission after weight loss).
    unlessNear: ['essais', 'essai', 'randomisé*', 'méta analyse*', 'antiviraux', 'dépistage', 'dépisté*', 'détecté*', 'détection précoce', 'stade précoce', 'perte de poids', 'recommandations',
      'survie', 'pronostic', 'taux de guérison', 'chances de guérison', 'oncolog*', 'hématolog*'],
    examples: {
      match: ['Apprendre à guérir le cancer du sein par la parole', 'Le diabète de type 1 peut disparaître en trois mois'],
      noMatch: ['Prise en charge du diabète de type 2 en soins primaires', 'Dépistage organisé du cancer colorectal'],
    },
  },
  {
    id: 'guerison.miracle',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-charlatan', 'deontologie-art-39'],
    description: 'Promet une guérison miraculeuse, totale, garantie ou définitive.',
    explanation: 'Le texte promet une guérison « miraculeuse », « garantie », « totale » ou « définitive ». Le code de déontologie interdit de présenter comme salutaire un procédé illusoire ou insuffisamment éprouvé (article 39).',
    weight: 50,
    allOf: [
      ['guéri*', 'résultat*', 'taux de réussite', 'efficacité'],
      ['miracle*', 'miraculeu*', 'garanti*', 'assuré*', 'totale*', 'définiti*', 'spontané*', 'immédiat*', { regex: '100 ?%' }, '100 pour cent', 'sans effets secondaires', 'sans effet secondaire', 'spectaculaire*'],
    ],
    within: 4,
    examples: {
      match: ['une guérison totale et définitive', 'taux de réussite 100 % sur les tumeurs', 'résultats spectaculaires, sans effets secondaires'],
      noMatch: ['La guérison dépend du stade au diagnostic', 'Résultats de l’étude randomisée'],
    },
  },
  {
    id: 'guerison.auto-guerison',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-decodage', 'miviludes-rapport-2010-formations'],
    description: 'Présente l’« auto-guérison » comme un pouvoir à libérer.',
    explanation: 'Le texte promet d’activer les « capacités d’auto-guérison » du corps ou de l’esprit : c’est le ressort des méthodes qui écartent les traitements, décrit par la MIVILUDES (méthode Hamer et pratiques assimilées).',
    weight: 40,
    allOf: [['rémission spontanée', 'rémissions spontanées', 'régression spontanée', 'régressions tumorales spectaculaires', 'auto guérison', 'autoguérison', 's auto guérir', 'auto guérir', 'pouvoir de guérison', 'pouvoirs de guérison', 'guérir soi même', 'se guérir soi même', 'guérisseur intérieur', 'guérisse de lui même', 'guérir de lui même', 'guérit de lui même', 'le corps sait guérir', 'le corps se guérit',
      'disparaissent d elles mêmes', 'disparaît d elle même', 'la maladie n existe pas', 'les maladies n existent pas', 'autorégulation', 'autoréguler']],
    examples: {
      match: ['Réveiller le potentiel d’auto-guérison de vos patients', 'Chacun possède le pouvoir de guérison'],
      noMatch: ['La cicatrisation de la plaie est surveillée chaque jour'],
    },
  },
  {
    id: 'guerison.pas-une-fatalite',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-charlatan'],
    description: 'Présente une maladie chronique ou grave comme réversible par la méthode.',
    explanation: 'Le texte affirme qu’une maladie chronique ou grave « n’est pas une fatalité » ou « pas irréversible » et promet de l’inverser (sortir de l’autisme, éviter la dialyse, se passer d’insuline) : c’est une promesse de guérison là où la médecine dit le contraire.',
    weight: 35,
    allOf: [['n est pas une fatalité', 'n est jamais une fatalité', 'n est pas irréversible', 'pas une maladie à vie', 'sortir du spectre', 'sortir de l autisme', 'éviter la dialyse', 'indépendance à l insuline', 'régénération du néphron', 'régénération neuronale', 'reprogrammation pancréatique', 'retour de la mémoire', 'normalisation durable', 'négativation', 'guérison virale', 'faire reculer les maladies', 'rémission définitive', 'sans retour des symptômes', 'plus jamais de crise*']],
    examples: {
      match: ['La dialyse n’est jamais une fatalité', 'Accompagner le patient vers l’indépendance à l’insuline'],
      noMatch: ['Maladie rénale chronique : préparer le patient à la dialyse'],
    },
  },
  {
    id: 'guerison.promesse-tout-soigner',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-charlatan'],
    description: 'Prétend agir par une même technique sur toutes sortes de troubles.',
    explanation: 'Le texte prétend qu’une seule technique agit sur « toutes » les maladies ou sur le corps et l’esprit à la fois : la MIVILUDES cite cette prise en charge « globale » parmi les signes du pseudo-thérapeute.',
    weight: 35,
    allOf: [['toutes les pathologies', 'tous les troubles', 'toutes les maladies', 'tous les maux', 'toute maladie', 'quelle que soit la maladie', 'quelle que soit la pathologie', 'cause de toutes', 'cause unique', 'origine de toute maladie', 'origine de toutes les maladies']],
    examples: {
      match: ['Une méthode qui agit sur tous les maux du corps et de l’âme', 'Découvrir l’origine de toute maladie'],
      noMatch: ['Toutes les patientes de 50 à 74 ans sont invitées au dépistage'],
    },
  },
  {
    id: 'guerison.taux-de-reussite',
    family: 'guerison-miraculeuse',
    sources: ['miviludes-guide-charlatan', 'deontologie-art-39'],
    description: 'Avance un taux de succès chiffré de « notre méthode », sans étude publiée.',
    explanation: 'Le texte avance un pourcentage de réussite de sa propre méthode (« 80 % des personnes accompagnées guérissent, conçoivent, sortent du traitement »), sans étude publiée ni groupe de comparaison. Ces chiffres maison donnent l’apparence d’une preuve à une promesse de guérison (code de déontologie, article 39).',
    weight: 40,
    allOf: [
      [{ regex: '\\b\\d{2,3} ?(%|pour cent)' }],
      ['accompagnés par notre', 'accompagnées par notre', 'notre méthode', 'notre protocole', 'notre approche', 'nos stagiaires', 'nos accompagnés', 'grâce à la méthode', 'suivis par nos'],
      ['guéri*', 'conçoivent', 'rémission*', 'disparition', 'retrouvent', 'sortent', 'libérés', 'libérées', 'se passent', 'réussite'],
    ],
    within: 12,
    unlessNear: ['essai*', 'randomisé*', 'étude publiée', 'méta analyse*', 'cohorte', 'groupe contrôle'],
    examples: {
      match: ['Plus de 85 % des personnes accompagnées par notre méthode sont libérées de leurs crises', 'Avec notre protocole, 9 patients sur 10… 90 % guérissent en trois mois'],
      noMatch: ['Dans l’essai randomisé, 80 % des patients de notre protocole étaient en rémission à un an'],
    },
  },
];
