/**
 * The six families of drift markers the DPC screening looks for, with what a council agent or a doctor
 * reads about each (the awareness page is generated from here and from the rules), and the public
 * sources the rules are written from. The family ids are those of the labelled corpus
 * (analysis/dpc/corpus/, docs/dpc-screening.md).
 */

export const DRIFT_FAMILY_IDS = [
  'guerison-miraculeuse',
  'rejet-traitements',
  'pseudo-science',
  'methode-non-validee',
  'emprise',
  'titres-non-reconnus',
] as const;
export type DriftFamilyId = (typeof DRIFT_FAMILY_IDS)[number];

export interface DriftFamily {
  readonly id: DriftFamilyId;
  readonly label: string;
  /** Plain French, for council staff and doctors: what the marker is and why it matters. */
  readonly explanation: string;
}

export const DRIFT_FAMILIES: Readonly<Record<DriftFamilyId, DriftFamily>> = {
  'guerison-miraculeuse': {
    id: 'guerison-miraculeuse',
    label: 'Promesse de guérir des maladies graves',
    explanation:
      'Le texte promet de guérir un cancer, un diabète, l’autisme, une sclérose en plaques ou « toutes les maladies », souvent « naturellement » ou « sans effets secondaires ». Aucune méthode non validée ne guérit ces maladies ; la promesse pousse les malades à retarder ou quitter leurs soins (perte de chance).',
  },
  'rejet-traitements': {
    id: 'rejet-traitements',
    label: 'Rejet des traitements et de la médecine conventionnelle',
    explanation:
      'Le texte incite à arrêter ou refuser un traitement (chimiothérapie, insuline, vaccins, médicaments), le dénigre (« poison », « lobby pharmaceutique ») ou présente la méthode comme un remplacement des soins. C’est le premier signe d’alerte cité par la MIVILUDES : l’arrêt des soins éprouvés fait perdre des chances de guérison.',
  },
  'pseudo-science': {
    id: 'pseudo-science',
    label: 'Vocabulaire pseudo-scientifique',
    explanation:
      'Le texte emprunte les mots de la science pour des notions sans fondement : médecine « quantique », « mémoire cellulaire », taux vibratoire, fréquences de guérison, énergies subtiles, chakras. Ce vocabulaire, comme les « travaux » maison, les témoignages à la place des études et la vente d’appareils, donne une apparence savante à des pratiques qui n’ont jamais fait la preuve de leur efficacité.',
  },
  'methode-non-validee': {
    id: 'methode-non-validee',
    label: 'Méthode non validée, décrite par la MIVILUDES ou les autorités de santé',
    explanation:
      'Le texte enseigne une méthode que la MIVILUDES, l’Inserm ou l’Ordre décrivent comme non validée et à risque : décodage biologique, biologie totale, « médecine nouvelle germanique » (méthode Hamer), kinésiologie, biorésonance, jeûne ou crudivorisme présentés comme un traitement, reiki, constellations familiales… D’autres pratiques non conventionnelles (naturopathie, réflexologie) ne pèsent qu’avec un autre signe.',
  },
  emprise: {
    id: 'emprise',
    label: 'Pression, isolement et emprise',
    explanation:
      'Le texte isole (couper les liens avec la famille ou le médecin traitant), impose le secret, culpabilise le malade (« vous avez créé votre maladie »), promet des niveaux initiatiques ou exige des engagements financiers lourds. Ce sont les critères de la dérive sectaire retenus par les commissions d’enquête et la MIVILUDES : la déstabilisation mentale et la rupture avec l’environnement d’origine.',
  },
  'titres-non-reconnus': {
    id: 'titres-non-reconnus',
    label: 'Titres et diplômes non reconnus par l’État',
    explanation:
      'Le texte délivre ou met en avant un titre sans valeur légale (« praticien certifié », « psychopraticien », « thérapeute holistique », diplôme d’école, « docteur en naturopathie »), ou promet de s’installer comme thérapeute après quelques jours de formation. Ces titres ne sont inscrits ni au RPPS ni auprès de l’ARS ; le titre de psychothérapeute est, lui, protégé par la loi.',
  },
};

export interface DriftSource {
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
}

/** Public sources the rules cite (a rule names one or more of these ids). */
export const DRIFT_SOURCES = {
  'miviludes-guide-charlatan': {
    title: 'Guide « Santé et dérives sectaires », fiche 4-2 : Comment reconnaître un charlatan ou un pseudo-thérapeute sectaire ?',
    publisher: 'MIVILUDES, La Documentation française, 2012 (critères repris par l’UNADFI)',
    url: 'https://www.unadfi.org/actualites/domaines-dinfiltration/sante-et-bien-etre/pratiques-non-conventionnelles/comment-reconnaitre-un-pseudo-therapeute/',
  },
  'miviludes-guide-decodage': {
    title: 'Guide « Santé et dérives sectaires » : « Le décodage biologique » et pratiques assimilées (méthode Hamer)',
    publisher: 'MIVILUDES, La Documentation française, 2012',
    url: 'https://www.derives-sectes.gouv.fr/',
  },
  'miviludes-criteres': {
    title: 'Guide « Santé et dérives sectaires », fiche 1-1 : critères de la dérive sectaire (déstabilisation mentale, rupture avec l’environnement d’origine, exigences financières)',
    publisher: 'MIVILUDES, d’après les commissions d’enquête parlementaires',
    url: 'https://www.derives-sectes.gouv.fr/',
  },
  'miviludes-rapport-2010-formations': {
    title: 'Rapport 2010 : « Formations et enseignements dans le domaine des médecines non conventionnelles : un marché florissant au risque de dérives sectaires »',
    publisher: 'MIVILUDES, rapport au Premier ministre',
    url: 'https://doczz.fr/doc/482076/la-formation-dans-le-rapport-de-la-miviludes-2010',
  },
  'miviludes-alimentation': {
    title: 'Jeûnes, crudivorisme, respirianisme : la MIVILUDES alerte sur les dérives alimentaires',
    publisher: 'MIVILUDES (rapports d’activité), relayé par le CCMM et Le Parisien',
    url: 'https://www.ccmm.asso.fr/crudivorisme-respirianisme-jeune-la-miviludes-alerte-sur-la-mode-du-bien-etre-qui-profite-aux-sectes/',
  },
  'miviludes-reiki-kinesiologie': {
    title: 'Rapport 2016-2017 : reiki, kinésiologie et pseudo-psychothérapeutes',
    publisher: 'MIVILUDES, relayé par France Info (22 mars 2018)',
    url: 'https://www.francetvinfo.fr/sante/psycho-bien-etre/alerte-aux-derives-sectaires-dans-le-domaine-de-la-sante_2676880.html',
  },
  'ministere-psnc': {
    title: 'Les pratiques de soins non conventionnelles',
    publisher: 'Ministère chargé de la santé',
    url: 'http://social-sante.gouv.fr/soins-et-maladies/qualite-des-soins-et-pratiques/article/pratiques-de-soins-non-conventionnelles',
  },
  'cnom-psnc-2023': {
    title: 'Les pratiques de soins non conventionnelles et leurs dérives : état des lieux et propositions d’actions (rapport adopté le 3 février 2023)',
    publisher: 'Conseil national de l’Ordre des médecins',
    url: 'https://issuu.com/brunotison1/docs/pratiques_de_soins_non_conventionnels',
  },
  'deontologie-art-39': {
    title: 'Code de déontologie médicale, article 39 (article R.4127-39 du code de la santé publique) : charlatanisme',
    publisher: 'Conseil national de l’Ordre des médecins (commentaire de l’article, reproduit par le CIPPAD)',
    url: 'http://www.cippad.com/2013/10/ordre-national-des-medecins-article-39.html',
  },
  'inserm-kinesiologie-2017': {
    title: 'Évaluation de la kinésiologie appliquée et des kinésiologies énergétiques (mai 2017)',
    publisher: 'Inserm, relayé par l’Ordre des masseurs-kinésithérapeutes',
    url: 'https://ordremk.fr/actualites/kines/linserm-evalue-la-kinesiologie',
  },
  'titre-psychotherapeute': {
    title: 'Décret n° 2010-534 du 20 mai 2010 relatif à l’usage du titre de psychothérapeute (loi n° 2004-806, article 52)',
    publisher: 'Légifrance',
    url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000022244482',
  },
  'ars-derive-therapeutique': {
    title: 'Les dérives sectaires dans le domaine de la santé : un danger pour la population (définition de la dérive thérapeutique)',
    publisher: 'Agence régionale de santé de Corse',
    url: 'https://www.corse.ars.sante.fr/les-derives-sectaires-dans-le-domaine-de-la-sante-un-danger-pour-la-population-0?parent=5498',
  },
} as const satisfies Record<string, DriftSource>;
export type DriftSourceId = keyof typeof DRIFT_SOURCES;

export function isDriftFamilyId(value: string): value is DriftFamilyId {
  return (DRIFT_FAMILY_IDS as readonly string[]).includes(value);
}
