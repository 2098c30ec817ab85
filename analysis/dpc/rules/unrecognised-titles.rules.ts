import type { DriftRule } from './drift-rule.js';

export const UNRECOGNISED_TITLE_RULES: readonly DriftRule[] = [
  {
    id: 'titre.praticien-certifie',
    family: 'titres-non-reconnus',
    sources: ['miviludes-rapport-2010-formations', 'titre-psychotherapeute'],
    description: 'Délivre un titre de « praticien », « thérapeute » ou « psychopraticien » sans valeur légale.',
    explanation: 'Le texte délivre un titre de « praticien certifié », « thérapeute » ou « psychopraticien » : ces titres d’école ne sont reconnus ni par l’État ni par l’Ordre, et ne permettent pas de soigner. Le titre de psychothérapeute est, lui, réservé par la loi.',
    weight: 40,
    allOf: [[
      'praticien certifié', 'praticiens certifiés', 'praticienne certifiée', 'thérapeute certifié*', 'maître praticien', 'praticien en décodage', 'praticien en biologie',
      'psychopraticien*', 'psycho praticien*', 'somatothérapeute*', 'énergéticien*', 'biothérapeute*', 'thérapeute holistique', 'thérapeutes holistiques',
      'naturopathe certifié*', 'docteur en naturopathie', 'docteur en médecine naturelle', 'docteur en médecine traditionnelle', 'titre de praticien',
      'titre de thérapeute', 'certificat de praticien', 'certification de praticien', 'diplôme de praticien', 'diplôme de thérapeute', 'praticien de niveau',
      'décodeur certifié', 'kinésiologue certifié*', 'hypnothérapeute certifié*', 'thérapeute quantique', 'praticien quantique', 'hypno médecin', 'réflexo thérapeute', 'praticien en psychogénéalogie', 'thérapeute de l être', 'accompagnant de vie', 'naturopathe iridologue', 'thérapeute en santé naturelle', 'conseiller en hygiène vitale',
    ]],
    examples: {
      match: ['À l’issue du cursus, vous obtenez le titre de praticien certifié', 'Devenez psychopraticien en six week-ends'],
      noMatch: ['Praticien hospitalier en gériatrie, coordinateur du programme'],
    },
  },
  {
    id: 'titre.certifie-generique',
    family: 'titres-non-reconnus',
    sources: ['miviludes-rapport-2010-formations', 'titre-psychotherapeute'],
    description: 'Délivre une « certification » de consultant, coach ou thérapeute en une pratique de soin.',
    explanation: 'Le texte délivre une « certification » de coach, consultant ou thérapeute : une certification d’école ne donne aucun droit de soigner, et ne remplace ni un diplôme d’État ni l’inscription au RPPS.',
    weight: 35,
    allOf: [['coach*', 'consultant*', 'thérapeute*', 'conseiller*', 'accompagnant*', 'praticien*'], ['certifié*', 'certifiant*', 'diplômé*', 'agréé*', 'labellisé*']],
    within: 3,
    unlessNear: ['hospitalier', 'hospitaliers', 'professionnel de santé', 'conseiller ordinal', 'dpc', 'qualiopi'],
    examples: {
      match: ['Devenez coach santé certifié', 'formation certifiante de thérapeute énergéticien'],
      noMatch: ['Praticien hospitalier, diplômé en soins palliatifs'],
    },
  },
  {
    id: 'titre.diplome-ecole',
    family: 'titres-non-reconnus',
    sources: ['miviludes-rapport-2010-formations', 'cnom-psnc-2023'],
    description: 'Met en avant un diplôme d’école ou l’agrément d’une fédération privée.',
    explanation: 'Le texte met en avant un diplôme « maison », un certificat d’école ou l’agrément d’une fédération privée comme s’il valait diplôme. La MIVILUDES décrit ces « diplômes » prétendument qualifiants, vendus sans prérequis.',
    weight: 40,
    allOf: [['titre exclusif', 'titre déposé', 'certification propriétaire', 'fédération mondiale', 'fédération des écoles', 'diplôme fédéral', 'annuaire de l école',
      'honoris causa', 'se prévaloir du titre', 'professeur associé de l académie', 'nos diplômés', 'livret praticien', 'diplôme maison', 'diplôme de l école', 'diplôme délivré par l école', 'diplôme délivré par l institut', 'certificat de l institut', 'certificat de l école', 'certification de l école', 'certification interne', 'reconnu par la fédération', 'agréé par la fédération', 'agréée par la fédération', 'fédération internationale de', 'chambre syndicale', 'titre reconnu par notre', 'label de notre', 'diplôme reconnu par notre',
      'master praticien', 'diplôme universitaire privé', 'rattaché à aucune université', 'délivre une carte professionnelle', 'plaque de cabinet', 'ordre des praticiens', 'psychothérapeute énergétique', 'psychothérapeutes énergétiques', 'organisme privé fondé', { regex: '\\b(sophro|naturo|reflexo|energo)[- ]?oncolog' }]],
    examples: {
      match: ['Certificat de l’institut reconnu par la fédération internationale de biodécodage', 'le titre de Master Praticien remis lors d’une cérémonie', 'devenez sophro-oncologue en 60 heures', 'un « D.U. » rattaché à aucune université'],
      noMatch: ['Diplôme inter-universitaire de soins palliatifs'],
    },
  },
  {
    id: 'titre.installation-rapide',
    family: 'titres-non-reconnus',
    sources: ['miviludes-rapport-2010-formations', 'titre-psychotherapeute'],
    description: 'Promet de s’installer comme thérapeute après une formation courte, sans prérequis.',
    explanation: 'Le texte promet d’exercer ou de s’installer comme « thérapeute » après quelques jours ou week-ends de formation, souvent sans prérequis. Aucune formation courte ne permet de soigner des malades ; seuls les professionnels de santé inscrits (RPPS, ARS) le peuvent.',
    weight: 40,
    allOf: [
      ['installer', 'installez', 'installation', 'ouvrir votre cabinet', 'ouvrir son cabinet', 'exercer', 'exercez', 'devenez', 'devenir', 'nouvelle profession', 'reconversion'],
      ['thérapeute*', 'praticien en', 'psychothérapeute*', 'coach*', 'psychopraticien*', 'naturopathe*', 'kinésiologue*', 'décodeur*', 'énergéticien*', 'magnétiseur*', 'guérisseur*'],
      ['sans prérequis', 'aucun prérequis', 'aucun diplôme requis', 'sans diplôme', 'aucune connaissance médicale', 'ouvert à tous', 'ouverte à tous', 'week end*', 'jours', 'en quelques', 'fin du cursus', 'issue du cursus', 'issue de la formation', 'en ligne', 'distance'],
    ],
    within: 12,
    examples: {
      match: ['Devenez thérapeute en 6 week-ends, sans prérequis', 'Ouvrir votre cabinet de thérapeute dès la fin du cursus, ouvert à tous'],
      noMatch: ['Public : médecins généralistes ; devenir praticien de l’échographie en soins primaires en 3 jours'],
    },
  },
];
