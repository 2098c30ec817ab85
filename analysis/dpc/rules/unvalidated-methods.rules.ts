import { SERIOUS_DISEASES } from './cure-promises.rules.js';
import type { DriftRule } from './drift-rule.js';

/** Non-conventional practices that weigh little alone (methode.pratiques-voisines) and much next to a serious disease. */
const NEIGHBOURING_PRACTICES = ['naturopathie', 'naturopathe*', 'réflexologie', 'réflexologue*', 'étiopathie', 'étiopathe*', 'microkinésithérapie', 'fasciathérapie', 'ayurvéd*', 'médecine ayurvédique', 'chromothérapie', 'gemmothérapie', 'spagyrie', 'oligothérapie'] as const;

export const UNVALIDATED_METHOD_RULES: readonly DriftRule[] = [
  {
    id: 'methode.decodage-biologique',
    family: 'methode-non-validee',
    sources: ['miviludes-guide-decodage', 'cnom-psnc-2023'],
    description: 'Enseigne le décodage biologique, la biologie totale ou la « médecine nouvelle germanique ».',
    explanation: 'Le texte enseigne le décodage biologique, la biologie totale ou la « médecine nouvelle germanique » (méthode Hamer) : selon ces théories, toute maladie viendrait d’un conflit psychique. La MIVILUDES les décrit comme dangereuses ; leur fondateur a été condamné après la mort d’une patiente qui avait refusé ses traitements.',
    weight: 55,
    allOf: [[
      'décodage biologique', 'décodages biologiques', 'biodécodage', 'bio décodage', 'décodage des maladies', 'décodage émotionnel des maladies',
      'biologie totale', 'médecine nouvelle germanique', 'nouvelle médecine germanique', 'médecine nouvelle', 'méthode hamer', 'lois biologiques',
      'loi d airain', 'conflit biologique', 'conflits biologiques', 'ressenti biologique', 'choc biologique', 'sens biologique des maladies',
      'décodage psychobiologique', 'psychobiologie des maladies', 'biopsychogénéalogie', 'bio psycho généalogie', 'conflit programmant', 'conflits programmants',
      'projet sens', 'projets sens', 'conflit intérieur', 'conflit non résolu', 'conflits non résolus', 'symptôme traduit', 'symptômes traduisent',
      'réponse du corps à un', 'émotions cachées', 'émotion cachée', 'libérer l émotion', 'sens caché des maladies', 'signification des maladies',
    ]],
    examples: {
      match: ['Module 3 : le décodage biologique des cancers', 'Les cinq lois biologiques et le conflit biologique'],
      noMatch: ['Biologie médicale : interpréter un bilan hépatique'],
    },
  },
  {
    id: 'methode.kinesiologie-reiki',
    unlessNear: ['saturnisme', 'plomb', 'intoxication', 'scorbut', 'carence*'],
    family: 'methode-non-validee',
    sources: ['miviludes-reiki-kinesiologie', 'inserm-kinesiologie-2017'],
    description: 'Enseigne la kinésiologie, le reiki, la biorésonance ou des pratiques voisines.',
    explanation: 'Le texte enseigne une pratique dont l’efficacité n’a jamais été démontrée et que la MIVILUDES signale pour ses dérives (kinésiologie, reiki, biorésonance, radiesthésie, iridologie…). L’Inserm a conclu en 2017 que la kinésiologie n’a pas fait la preuve de son efficacité.',
    weight: 45,
    allOf: [[
      'kinésiologie*', 'kinésiologue*', 'test musculaire', 'reiki', 'biorésonance', 'géobiolog*', 'psychogénéalogie', 'psycho généalogie', 'génosociogramme',
      'syndrome d anniversaire', 'syndromes d anniversaire', 'transgénérationnel*', 'souvenirs retrouvés', 'souvenirs refoulés', 'régression guidée', 'bio résonance', 'radiesthésie', 'iridologie', 'géobiologie', 'lithothérapie',
      'instinctothérapie', 'respirianisme', 'pranisme', 'constellations familiales', 'constellation familiale', 'rebirth', 'méthode budwig',
      'cure breuss', 'solution minérale miracle', 'miracle mineral', 'chlorite de sodium', 'dioxyde de chlore', 'ayahuasca', 'iboga', 'néochamanisme', 'néo chamanisme', 'chamanisme',
      'théta healing', 'thetahealing', 'access bars', 'libération émotionnelle', 'eft', 'tapotement*', 'tapoter les points', 'fleurs de bach', 'psychophanie', 'communication facilitée', 'hygiénisme', 'biokinésiologie',
      'chélation', 'métaux lourds', 'vitamine c à haute dose', 'vitamines à haute dose', 'mégadose*', 'thérapie gerson', 'régime gerson', 'hydrothérapie du côlon', 'hydrothérapie colonique', 'irrigation du côlon', 'médecine holistique',
    ]],
    examples: {
      match: ['Stage de kinésiologie pour professionnels de santé', 'Maître reiki niveau 2', 'Le bilan par biorésonance'],
      noMatch: ['Kinésithérapie respiratoire du nourrisson', 'Saturnisme de l’enfant : indications de la chélation du plomb'],
    },
  },
  {
    id: 'methode.jeune-crudivorisme',
    family: 'methode-non-validee',
    sources: ['miviludes-alimentation', 'ministere-psnc'],
    description: 'Présente un jeûne prolongé, le crudivorisme ou une diète extrême comme un traitement.',
    explanation: 'Le texte présente un jeûne prolongé, une diète hydrique ou le crudivorisme comme un traitement. La MIVILUDES alerte sur ces pratiques : affaiblissement, arrêt des soins, décès lors de stages de jeûne non encadrés.',
    weight: 45,
    allOf: [
      ['jeûne*', 'diète hydrique', 'crudivor*', 'alimentation vivante', 'monodiète*', 'cure de jus', 'cures de jus', 'jus de légumes', 'cure de raisin', 'lavement*', 'cure hydrique'],
      ['guéri*', 'soigne*', 'thérapeutique*', 'traitement*', 'cancer*', 'tumeur*', 'affamer', 'détox*', 'régénér*', 'purifi*', 'toxines', 'maladie*', 'dissoudre', 'rénale'],
    ],
    within: 10,
    unlessNear: ['préopératoire', 'avant l intervention', 'anesthési*', 'jeûne intermittent', 'ramadan', 'dénutrition', 'hypoglycémie*', 'jeûne glucidique'],
    examples: {
      match: ['Le jeûne thérapeutique pour affamer la tumeur', 'Crudivorisme et guérison des maladies chroniques'],
      noMatch: ['Jeûne préopératoire : les recommandations actuelles', 'Diabète et ramadan : adapter le traitement'],
    },
  },
  {
    id: 'methode.pratiques-voisines',
    family: 'methode-non-validee',
    sources: ['miviludes-rapport-2010-formations', 'ministere-psnc', 'cnom-psnc-2023'],
    description: 'Enseigne une pratique non conventionnelle dont l’efficacité n’est pas démontrée (naturopathie, réflexologie, étiopathie…).',
    explanation: 'Le texte enseigne une pratique de soins non conventionnelle dont l’efficacité n’est pas démontrée (naturopathie, réflexologie, étiopathie, microkinésithérapie…). Seule, elle ne suffit pas à signaler le programme ; avec une promesse de guérison ou un rejet des soins, elle pèse.',
    weight: 25,
    allOf: [[...NEIGHBOURING_PRACTICES]],
    examples: {
      match: ['Initiation à la naturopathie pour infirmiers', 'Réflexologie plantaire et troubles thyroïdiens'],
      noMatch: ['Kinésithérapie après prothèse totale de hanche'],
    },
  },
  {
    id: 'methode.pratique-et-maladie-grave',
    family: 'methode-non-validee',
    sources: ['miviludes-guide-charlatan', 'ministere-psnc'],
    description: 'Combinaison : une pratique non conventionnelle nommée et une maladie grave dans le même programme.',
    explanation: 'Le programme associe une pratique non conventionnelle (naturopathie, réflexologie, étiopathie…) à une maladie grave (cancer, diabète, sclérose, épilepsie…), même sans promesse explicite. Proposer une pratique non éprouvée aux malades graves est ce que le ministère et la MIVILUDES décrivent comme le risque de perte de chance.',
    weight: 35,
    allOf: [[...NEIGHBOURING_PRACTICES], [...SERIOUS_DISEASES]],
    // The combination is read across the whole programme, not in one sentence.
    within: 400,
    // A programme about talking with patients who use these practices is care: its framing words anywhere cancel.
    unlessNear: ['soins de support', 'en complément', 'ne remplace', 'essai*', 'méta analyse*', 'niveau de preuve', 'interactions', 'sans jugement', 'recours aux médecines', 'recours aux pratiques', 'en parler avec'],
    unlessWithin: 400,
    examples: {
      match: ['Module naturopathie. Public : soignants. Jour 2 : accompagner les patients atteints de sclérose en plaques'],
      noMatch: ['Naturopathie et cancer : connaître les interactions des plantes avec la chimiothérapie', 'Initiation à la réflexologie plantaire'],
    },
  },
  {
    id: 'methode.hypnose-guerison',
    family: 'methode-non-validee',
    sources: ['ministere-psnc', 'cnom-psnc-2023'],
    description: 'Présente l’hypnose, la sophrologie ou la méditation comme un traitement de maladie grave.',
    explanation: 'Le texte présente l’hypnose, la sophrologie ou la méditation comme un moyen de guérir une maladie grave. Ces techniques peuvent accompagner des soins (douleur, anxiété), jamais traiter un cancer ou une maladie chronique à la place d’eux.',
    weight: 40,
    allOf: [
      ['hypno*', 'sophrolog*', 'méditation', 'pensée positive', 'visualisation', 'pouvoir de l esprit', 'pouvoir de la pensée', 'intention'],
      ['guérir', 'guérit', 'guérissent', 'guérison', 'régresse*', 'régression*', 'rémission', 'éliminer', 'dissoudre', 'destruction', 'détruire'],
      ['cancer*', 'tumeur*', 'diabète*', 'sclérose', 'leucémie*', 'métasta*', 'maladies graves', 'maladie grave'],
    ],
    within: 10,
    examples: {
      match: ['Guérir le cancer par l’hypnose', 'La visualisation qui fait dissoudre la tumeur'],
      noMatch: ['Hypnose médicale et douleur procédurale en oncologie pédiatrique'],
    },
  },
];
