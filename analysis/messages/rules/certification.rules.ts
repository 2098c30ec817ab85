import type { RuleDefinition } from '../../engine/ruleset.js';
import { NEGATIONS_OF_CONTACT } from './shared-phrases.js';

/**
 * Scenario (a) of the Ordre's circular: a caller poses as the official body that validates the right
 * to practise, demands the doctor in person and threatens radiation over the certification périodique.
 */
export const CERTIFICATION_RULES: readonly RuleDefinition[] = [
  {
    id: 'certification.direction-regionale',
    description: 'Se réclame de la « direction régionale de certification périodique », un organisme qui n’existe pas.',
    explanation: 'Le message se réclame d’une « direction régionale de certification périodique » : cet organisme n’existe pas, c’est le nom qu’utilisent les démarcheurs malveillants.',
    weight: 75,
    family: 'certification_periodique',
    fact: 'direction_regionale_inexistante',
    // Any « regional » certification body: direction, agence, délégation, centre… régional(e) de (la) certification.
    allOf: [['régional', 'régionale', 'régionaux'], ['certification', 'dpc', 'contrôle des compétences']],
    within: 2,
    unlessNear: ["n'existe pas", "n'existe aucune", 'inexistant*', 'fictive', 'se présentent parfois', 'malveillants'],
    examples: {
      match: [
        'Bonjour Docteur, ici la Direction Régionale de Certification Périodique, votre dossier est incomplet.',
        'DIRECTION REGIONALE DE LA CERTIFICATION : rappel urgent concernant vos obligations',
        'Un homme se disant de la direction régionale de certification m’a appelé ce matin.',
        'Appel de l’Agence régionale de certification des médecins.',
      ],
      noMatch: [
        'La « direction régionale de certification périodique » comme se présentent parfois les organismes malveillants n’existe pas.',
        'La certification périodique est pilotée au niveau national par l’Ordre.',
        'Réunion régionale des élus ; la certification périodique sera abordée en fin de séance.',
      ],
    },
  },
  {
    id: 'certification.menace-radiation',
    description: 'Menace de radiation ou de perte du droit d’exercer liée à la certification ou au DPC.',
    explanation: 'Le message menace de radiation ou de perte du droit d’exercer : une radiation ne peut être prononcée que par la chambre disciplinaire de l’Ordre, jamais au téléphone ni par message.',
    weight: 55,
    family: 'certification_periodique',
    fact: 'radiation_chambre_disciplinaire',
    allOf: [
      [
        'radiation', 'radié*', 'radier', 'rayé du tableau', 'rayée du tableau', 'suspension de votre droit',
        'suspendre votre droit', "interdiction d'exercer", "perdre votre droit d'exercer", "perte du droit d'exercer",
        "perte de votre droit d'exercer", 'ne pourrez plus exercer', 'ne pourrez plus consulter', "retrait de l'autorisation d'exercer",
        "suspension d'exercice",
      ],
      ['certification', 'dpc', "droit d'exercer", 'tableau', 'obligation*', 'formation*', 'validation', 'valider', 'dossier', 'conformité'],
    ],
    within: 25,
    unlessNear: ['en aucun cas', 'ne peut être prononcée', 'ne peut être prononcé', 'aucune radiation', 'ne peut pas être prononcée', ...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Sans validation de votre certification périodique sous 48h, une procédure de radiation sera engagée.',
        'Il m’a menacé de radiation si je ne validais pas ma certification.',
        'Votre dossier DPC est incomplet : vous risquez d’être radié du tableau.',
        'Faute de régularisation de vos obligations, vous ne pourrez plus exercer à compter du 1er mars.',
      ],
      noMatch: [
        'En aucun cas une radiation disciplinaire ne peut être prononcée en dehors d’une décision de la chambre disciplinaire.',
        'La radiation du fichier des abonnés est effective.',
      ],
    },
  },
  {
    id: 'certification.menace-droit-exercer',
    description: 'Menace de retirer, suspendre ou désactiver le droit ou le numéro d’exercice.',
    explanation: 'Le message menace de retirer ou de désactiver votre droit d’exercer : seule la chambre disciplinaire de l’Ordre peut suspendre ou radier un médecin, jamais un appel ou un message.',
    weight: 50,
    family: 'certification_periodique',
    fact: 'radiation_chambre_disciplinaire',
    allOf: [
      [
        "droit d'exercer", "droit d'exercice", "autorisation d'exercer", "autorisation d'exercice", "numéro d'exercice",
        'numéro rpps', "inscription au tableau", "carte professionnelle",
      ],
      ['retiré*', 'retrait', 'suspendu*', 'suspension', 'désactivé*', 'désactivation', 'bloqué*', 'perdre', 'perte', 'annulé*', 'radié*', 'supprimé*', 'menacé*'],
    ],
    within: 8,
    unlessNear: ['en aucun cas', 'chambre disciplinaire', ...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Votre numéro d’exercice sera désactivé lundi si vous ne contactez pas notre plateforme.',
        'Elle m’a expliqué que mon autorisation d’exercice allait être retirée.',
      ],
      noMatch: ['Seule la chambre disciplinaire peut prononcer une suspension du droit d’exercer.', 'Votre inscription au tableau est confirmée.'],
    },
  },
  {
    id: 'certification.organisme-validateur',
    description: 'Se présente comme l’organisme chargé de valider la certification périodique ou le droit d’exercer.',
    explanation: 'Votre interlocuteur se présente comme l’organisme chargé de valider votre certification ou votre droit d’exercer : seul l’Ordre des médecins valide le parcours de certification périodique et le DPC.',
    weight: 40,
    family: 'certification_periodique',
    fact: 'ordre_seul_valide',
    allOf: [
      [
        'organisme officiel chargé', 'organisme chargé de valider', 'organisme chargé de la validation', 'habilité à valider',
        'habilités à valider', 'chargé de valider', 'chargés de valider', 'en charge de la validation', 'service de validation',
        'cellule de validation', 'service de contrôle', 'cellule de contrôle', 'contrôle de conformité', 'mandaté par',
        'mandatés par', 'nous validons', 'validation de votre droit', 'valider votre droit', 'organisme de validation',
        'organisme certificateur', 'organisme de tutelle', 'validé par notre service', 'validée par notre service',
        'notre service de certification', 'contrôle de vos compétences',
      ],
      ['certification', "droit d'exercer", 'dpc', 'obligation*', 'compétences'],
    ],
    within: 12,
    unlessNear: ['seule entité compétente', 'seul compétent', 'seule instance', ...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Nous sommes l’organisme officiel chargé de valider votre droit d’exercer dans le cadre de la certification périodique.',
        'Notre cellule de contrôle doit vérifier votre certification avant vendredi.',
        'Il disait être mandaté par l’Ordre pour contrôler mon DPC.',
      ],
      noMatch: [
        'L’Ordre des médecins est la seule entité compétente pour valider le parcours de certification périodique.',
        'Le service de contrôle qualité de notre laboratoire vous remercie.',
      ],
    },
  },
  {
    id: 'certification.dossier-non-valide',
    description: 'Annonce que le parcours de certification ou de DPC n’est pas validé, incomplet ou non conforme.',
    explanation: 'Le message affirme que votre certification ou votre DPC n’est pas validé ou pas conforme : seul l’Ordre valide ce parcours, et vous pouvez le vérifier vous-même dans vos espaces officiels.',
    weight: 35,
    family: 'certification_periodique',
    fact: 'ordre_seul_valide',
    allOf: [
      ['certification', 'dpc', 'obligation de formation', 'obligations de formation', 'obligation triennale', 'parcours'],
      [
        'non validé*', 'pas validé*', 'pas été validé*', 'non conforme', 'incomplet', 'incomplète', 'irrégulier*',
        'en défaut', 'non à jour', 'pas à jour', 'anomalie', 'manquement', 'non-respect', 'non respect', 'non réalisé*',
        'pas rempli*', 'non rempli*', 'en souffrance', 'bloqué*',
      ],
    ],
    within: 10,
    unlessNear: [...NEGATIONS_OF_CONTACT],
    examples: {
      match: [
        'Votre certification périodique n’a pas été validée : régularisez votre situation avant le 30.',
        'Anomalie détectée sur votre parcours DPC, dossier incomplet.',
        'Vos obligations de formation ne sont pas à jour.',
      ],
      noMatch: [
        'Votre parcours de certification périodique est consultable dans votre compte.',
        'Le dossier de votre patient est incomplet, merci de nous renvoyer la lettre.',
      ],
    },
  },
  {
    id: 'certification.exige-le-medecin',
    description: 'Le correspondant exige de parler au médecin en personne, sans passer par le secrétariat.',
    explanation: 'Le correspondant exige de parler directement au médecin : c’est le procédé décrit par l’Ordre pour les faux contrôles de certification.',
    weight: 25,
    allOf: [
      [
        'parler au docteur', 'parler au médecin', 'parler directement', 'parler personnellement', 'passer le docteur',
        'passer le médecin', 'joindre le docteur', 'joindre le médecin', 'au docteur en personne', 'au médecin en personne',
        'uniquement au docteur', 'uniquement au médecin', 'parler au dr', 'joindre personnellement',
      ],
      ['exig*', 'insist*', 'urgent*', 'impérati*', 'absolument', 'obligatoire*', 'refus*', 'doit', 'dois', 'faut', 'immédiatement', 'tout de suite'],
    ],
    within: 10,
    examples: {
      match: [
        'Il a exigé de parler directement au docteur, refusant de laisser un message.',
        'C’est urgent, je dois parler au médecin en personne.',
      ],
      noMatch: [
        'Le patient souhaite parler au médecin de ses résultats, merci de le rappeler.',
        'Vous pouvez joindre le secrétariat du lundi au vendredi.',
      ],
    },
  },
  {
    id: 'certification.mandat-ordre',
    description: 'Prétend agir au nom ou avec l’agrément de l’Ordre des médecins.',
    explanation: 'Le message prétend agir au nom ou avec l’agrément de l’Ordre des médecins : l’Ordre ne mandate personne pour vous démarcher.',
    weight: 35,
    family: 'certification_periodique',
    fact: 'ordre_seul_valide',
    allOf: [
      [
        'mandaté*', 'partenaire officiel', 'partenaire agréé', 'agréé*', 'accrédité*', 'en partenariat avec', 'agissant au nom',
        'pour le compte de', 'délégué*', 'missionné*', 'appelle de la part', 'appelons de la part', 'contacte de la part',
        'contactons de la part', 'écris de la part', 'écrivons de la part',
      ],
      ["l'ordre", '"CNOM"', '"CDOM"'],
    ],
    within: 6,
    unlessNear: [...NEGATIONS_OF_CONTACT, 'ne mandate'],
    examples: {
      match: [
        'Organisme agréé par l’Ordre des médecins, nous vous contactons pour votre certification.',
        'Je vous appelle de la part du Conseil de l’Ordre.',
      ],
      noMatch: [
        'L’Ordre des médecins ne mandate jamais de société pour vous démarcher.',
        'Le bulletin de l’Ordre des médecins paraît ce mois-ci.',
      ],
    },
  },
];
