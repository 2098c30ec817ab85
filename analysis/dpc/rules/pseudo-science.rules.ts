import type { DriftRule } from './drift-rule.js';

/** Words of health and the body next to which « quantique » or « vibration » is borrowed science. */
const BODY_AND_CARE = [
  'santé', 'soin*', 'guéri*', 'thérap*', 'médecine', 'corps', 'cellul*', 'organe*', 'patient*', 'maladie*', 'énergi*', 'adn', 'conscience',
] as const;

export const PSEUDO_SCIENCE_RULES: readonly DriftRule[] = [
  {
    id: 'pseudo.quantique',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan', 'cnom-psnc-2023'],
    description: 'Emprunte le mot « quantique » pour parler de soin ou du corps.',
    explanation: 'Le texte parle de médecine, de soin ou de guérison « quantique » : la physique quantique n’a rien à dire du soin des malades, ce vocabulaire sert à donner une apparence scientifique à une pratique sans preuve.',
    weight: 40,
    allOf: [['quantique*', 'intrication', 'non locale', 'non local'], [...BODY_AND_CARE, 'symptôme*', 'observateur', 'vivant']],
    within: 6,
    examples: {
      match: ['Initiation à la médecine quantique', 'Rééquilibrer le champ quantique des cellules'],
      noMatch: ['Principes physiques de l’IRM et sécurité du patient'],
    },
  },
  {
    id: 'pseudo.memoire-cellulaire',
    family: 'pseudo-science',
    sources: ['miviludes-rapport-2010-formations', 'miviludes-guide-charlatan'],
    description: 'Invoque une « mémoire cellulaire », une mémoire de l’eau ou des mémoires transgénérationnelles.',
    explanation: 'Le texte invoque une « mémoire cellulaire » (ou de l’eau, ou des ancêtres) qui expliquerait les maladies : notion sans fondement scientifique, centrale dans les méthodes de « décodage » décrites par la MIVILUDES.',
    weight: 40,
    allOf: [['inconscient cellulaire', 'stress cellulaire', 'réparation cellulaire', 'régénération cellulaire', 'activation génique', 'antenne de la conscience', 'reprogramme l adn', 'réparent l adn', 'réparer l adn', 'mémoire cellulaire', 'mémoires cellulaires', 'mémoire des cellules', 'mémoire de l eau', 'mémoire du corps', 'mémoires transgénérationnelles', 'mémoire transgénérationnelle', 'mémoires familiales inconscientes', 'information cellulaire', 'reprogrammation cellulaire', 'reprogrammer les cellules', 'reprogrammer l adn', 'reprogrammation de l adn', 'activation de l adn', 'activer l adn']],
    examples: {
      match: ['Libérer les mémoires cellulaires à l’origine du symptôme', 'reprogrammer l’ADN par l’intention'],
      noMatch: ['Troubles de la mémoire chez le sujet âgé : repérage'],
    },
  },
  {
    id: 'pseudo.vibrations-frequences',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan'],
    description: 'Parle de taux vibratoire, de fréquences ou d’ondes qui soigneraient.',
    explanation: 'Le texte parle de « taux vibratoire », de « fréquences » ou d’« ondes » qui soigneraient : la MIVILUDES cite ce vocabulaire (dimension vibratoire, ondes cosmiques) parmi les signes d’une pratique à risque.',
    weight: 40,
    allOf: [['taux vibratoire', 'taux vibratoires', 'vibratoire*', 'haute vibration', 'hautes vibrations', 'basses vibrations', 'énergies basses', { regex: '\\b(528|432|963) ?hz' }, 'fréquences sonores', 'eau structurée', 'eau dynamisée', 'eau vivante', 'eau informée', 'structure hexagonale', 'fréquences de guérison', 'fréquence de guérison', 'fréquences vibratoires', 'fréquences solfège', 'ondes cosmiques', 'ondes de forme', 'biofréquence*', 'biophoton*', 'champ morphique', 'champs morphiques']],
    unlessNear: ['vibrations mécaniques', 'vibration mécanique', 'vibrations corps entier', 'vibrothérapie', 'vibratoire transcutané*'],
    examples: {
      match: ['Élever le taux vibratoire du patient', 'Soigner par les fréquences de guérison'],
      noMatch: ['Fréquence cardiaque et pression artérielle'],
    },
  },
  {
    id: 'pseudo.ondes-qui-soignent',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan'],
    description: 'Prétend que des ondes ou des fréquences rééquilibrent ou réparent les cellules et les organes.',
    explanation: 'Le texte prétend que des ondes ou des fréquences « rééquilibrent », « corrigent » ou « réparent » les cellules ou les organes, souvent au moyen d’un appareil vendu : la MIVILUDES cite ces appareils et ce vocabulaire (ondes, dimension vibratoire) parmi les signes d’une pratique à risque.',
    weight: 35,
    allOf: [
      ['ondes', 'fréquence*', 'vibration*', 'médecine des ondes'],
      ['cellule*', 'organe*', 'adn', 'rééquilibr*', 'harmonis*', 'perturbé*', 'corrige*', 'guéri*', 'répar*'],
    ],
    within: 5,
    unlessNear: ['cardiaque', 'respiratoire', 'radiofréquence*', 'ondes de choc', 'échograph*', 'ultrason*', 'irm', 'rayonnement*', 'radiothérapie', 'fréquente*', { regex: '\\bfrequences? (de|des|du) ' }],
    examples: {
      match: ['la maladie est une fréquence perturbée que notre appareil corrige', 'des appareils qui rééquilibrent les ondes du patient'],
      noMatch: ['Fréquence cardiaque et rééquilibrage hydroélectrolytique', 'Lithotritie par ondes de choc : indications'],
    },
  },
  {
    id: 'pseudo.appareil-de-lecture',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan', 'cnom-psnc-2023'],
    description: 'Présente un appareil qui « lit » ou « mesure » des fréquences, des énergies ou des « charges » du corps.',
    explanation: 'Le texte présente un appareil (boîtier, électrode, machine) qui « lirait » ou « mesurerait » les fréquences des organes, des énergies ou des « charges » et le propose souvent à l’achat. Aucun appareil de ce type n’a de valeur diagnostique ; la MIVILUDES cite ces appareils parmi les signes d’une pratique à risque.',
    weight: 40,
    allOf: [
      ['appareil*', 'boîtier*', 'machine*', 'électrode*', 'capteur*'],
      ['lit', 'lire', 'mesure', 'mesuré', 'mesurer', 'détecte', 'détecter', 'analyse', 'scanne', 'scanner'],
      ['fréquences', 'énergie*', 'énergétique*', 'charges', 'méridiens', 'vibrat*', 'champ perturbateur', 'carences énergétiques', 'déséquilibres'],
    ],
    within: 10,
    unlessNear: ['cardiaque', 'respiratoire', 'irm', 'échograph*', 'électrocardiogra*', 'holter', 'spiromét*', 'glycémi*', 'calorimétrie', 'dépense énergétique', 'besoins énergétiques'],
    examples: {
      match: ['un boîtier qui lit les fréquences de chaque organe', 'son appareil a mesuré une fuite d’énergie au niveau du foie'],
      noMatch: ['La calorimétrie indirecte : un appareil qui mesure la dépense énergétique de repos', 'Holter : l’appareil mesure la fréquence cardiaque sur 24 h'],
    },
  },
  {
    id: 'pseudo.energies',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan', 'ministere-psnc'],
    description: 'Parle d’énergies subtiles, de corps énergétiques, de chakras ou d’aura.',
    explanation: 'Le texte explique la maladie par des « énergies » (énergie vitale, blocages énergétiques, chakras, aura) : notions impossibles à mesurer, que la MIVILUDES cite parmi les bienfaits invérifiables promis par les pseudo-thérapeutes.',
    weight: 40,
    allOf: [[
      'énergie vitale', 'énergétique du soin', 'énergie du patient', 'pendule', 'ressenti énergétique', 'énergies subtiles', 'énergie subtile', 'corps énergétique', 'corps énergétiques', 'corps subtil*', 'champ énergétique', 'champs énergétiques',
      'blocage* énergétique*', 'rééquilibrage énergétique', 'rééquilibrer les énergies', 'rééquilibrer l énergie', 'circulation des énergies', 'énergies internes',
      'énergies négatives', 'énergie négative', 'nettoyage énergétique', 'soin* énergétique*', 'médecine* énergétique*', 'thérapie* énergétique*',
      'chakra*', 'aura énergétique', 'lecture d aura', 'nettoyage de l aura', 'karma*', 'purification énergétique', 'mémoire énergétique', 'psycho énergétique',
      'magnétisme', 'magnétiseur*', 'imposition des mains', 'par imposition', 'cycles lunaires', 'dimension vibratoire', 'cosmique*', 'conscience universelle',
      'conscience cosmique', 'énergies cosmiques', 'médecine informationnelle', 'biomagnétisme', 'bio magnétisme', 'rétablir l harmonie', 'déséquilibres énergétiques', 'déséquilibre énergétique', 'tellurique*', 'cheminées cosmiques', 'réseau hartmann', 'réseaux hartmann',
      'fuite d énergie', 'fuites d énergie', 'champ perturbateur', 'champs perturbateurs', 'rééquilibrer les méridiens', 'rééquilibrage des méridiens',
    ]],
    examples: {
      match: ['Rétablir la circulation des énergies internes', 'Ouvrir les chakras du patient', 'Formation aux soins énergétiques', 'une dent dévitalisée crée un champ perturbateur'],
      noMatch: ['Besoins énergétiques du patient dénutri', 'Dépense énergétique et activité physique'],
    },
  },
  {
    id: 'pseudo.langage-savant',
    family: 'pseudo-science',
    sources: ['miviludes-guide-charlatan', 'deontologie-art-39'],
    description: 'Explique la maladie par une cause unique pseudo-biologique (terrain acide, toxines, détox).',
    explanation: 'Le texte explique la maladie par une cause unique et « simple » (acidité du terrain, toxines, encrassement, détox) ou par des explications scientifiques fantaisistes, ce que l’Ordre range parmi les pratiques de charlatanisme.',
    weight: 30,
    allOf: [['terrain acide', 'acidification du terrain', 'acidité du terrain', 'désacidifi*', 'encrassement', 'encrassé*', 'surcharges toxiniques', 'toxines accumulées', 'détoxination', 'détoxiquer l organisme', 'détox', 'nettoyer l organisme', 'purifier l organisme', 'purification de l organisme', 'émonctoire*', 'purification du terrain', 'purification', 'purifier le sang', 'renforcer le terrain', 'respecte le terrain', 'terrain émotionnel', 'oxygénation profonde', 'ozonisation', 'ozonothérapie', 'rééquilibrage acido basique', 'pléomorph*', 'endobionte*', 'fond noir', 'nanobiologie', 'isothérap*']],
    examples: {
      match: ['Le cancer naît d’un terrain acide', 'Cure de détoxination de l’organisme'],
      noMatch: ['Acidocétose diabétique : conduite à tenir'],
    },
  },
  {
    id: 'pseudo.preuves-maison',
    family: 'pseudo-science',
    sources: ['miviludes-rapport-2010-formations', 'miviludes-guide-charlatan'],
    description: 'Remplace les preuves par des témoignages, des « travaux » maison ou la vente de produits.',
    explanation: 'Le texte s’appuie sur ses propres « travaux », des témoignages ou des laboratoires « partenaires » plutôt que sur des études publiées, et vend ses produits ou appareils. La MIVILUDES relève ces promesses de résultats sans preuves et ces ventes d’appareils ou de produits « miraculeux ».',
    weight: 30,
    allOf: [[
      'selon nos travaux', 'nos travaux montrent', 'publications internes', 'laboratoires partenaires', 'démontrées dans nos', 'démontrés dans nos',
      'parlent d eux mêmes', 'compléments exclusifs', 'produits exclusifs', 'support vidéo exclusif', 'vente de diffuseurs', 'nos produits', 'équipement individuel offert',
      'appareil était vendu', 'plantes rares', 'secret de fabrication', 'vraies causes', 'produits miraculeux', 'produit miraculeux', 'appareil de mesure énergétique',
      'séances gratuites pour essayer', 'prouvé par l expérience', 'la science ne peut pas expliquer', 'la science officielle', 'savoir ancestral', 'savoirs ancestraux', 'la vérité sur',
      'sagesse ancestrale', 'médecine ancestrale', 'protocole alimentaire ancestral', 'la science commence à peine', 'vendait des appareils', 'vend des appareils', 'vente d appareils', 'vraie cause', 'traite la cause',
    ]],
    examples: {
      match: ['Nos travaux montrent un retour de la mémoire', 'orientation vers nos produits isothérapiques'],
      noMatch: ['Les résultats de l’essai ont été publiés dans une revue à comité de lecture'],
    },
  },
];
