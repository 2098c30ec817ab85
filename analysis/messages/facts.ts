/**
 * What the Ordre des médecins has said, quoted from its circulars (shared/seeds 000–003). A finding
 * cites one of these when the message contradicts it. Only the Ordre's own statements live here.
 */
export interface OrdreFact {
  readonly id: string;
  readonly text: string;
  readonly source: string;
}

const CIRCULAR_DPC = 'Circulaire de l’Ordre des médecins « Fraude – démarchage abusif au DPC et à la certification périodique »';
const CIRCULAR_IDENTITY = 'Alerte de l’Ordre des médecins aux usurpations d’identité (7 novembre 2021)';

export const ORDRE_FACTS = {
  ordre_seul_valide: {
    id: 'ordre_seul_valide',
    text: 'L’Ordre des médecins est la seule entité compétente pour valider le parcours de certification périodique et le DPC.',
    source: CIRCULAR_DPC,
  },
  radiation_chambre_disciplinaire: {
    id: 'radiation_chambre_disciplinaire',
    text: 'En aucun cas une radiation disciplinaire ne peut être prononcée en dehors d’une décision de la chambre disciplinaire de l’Ordre des médecins.',
    source: CIRCULAR_DPC,
  },
  ans_gere_comptes: {
    id: 'ans_gere_comptes',
    text: 'L’Agence du Numérique en Santé (ANS) gère les comptes personnels des médecins pour la certification périodique, au moyen de son téléservice.',
    source: CIRCULAR_DPC,
  },
  ans_andpc_pas_de_demarchage: {
    id: 'ans_andpc_pas_de_demarchage',
    text: 'L’ANS et l’ANDPC ne contactent jamais directement les médecins pour leur proposer des actions de certification périodique ou de DPC.',
    source: CIRCULAR_DPC,
  },
  direction_regionale_inexistante: {
    id: 'direction_regionale_inexistante',
    text: 'La « direction régionale de certification périodique » n’existe pas.',
    source: CIRCULAR_DPC,
  },
  identifiants_jamais_communiques: {
    id: 'identifiants_jamais_communiques',
    text: 'L’Ordre demande de ne jamais communiquer les identifiants de vos espaces personnels par téléphone ou par courriel.',
    source: CIRCULAR_DPC,
  },
  liens_sites_legitimes: {
    id: 'liens_sites_legitimes',
    text: 'Un lien doit être cohérent et pointer vers un site légitime : agencedpc.fr ou mondpc.fr pour l’ANDPC, esante.gouv.fr pour l’ANS.',
    source: CIRCULAR_DPC,
  },
  coordonnees_en_personne: {
    id: 'coordonnees_en_personne',
    text: 'Les conseils de l’Ordre ne modifient plus des coordonnées par téléphone ni par courriel : seulement en présence de l’intéressé, après vérification de son titre d’identité.',
    source: CIRCULAR_IDENTITY,
  },
} as const satisfies Record<string, OrdreFact>;

export type FactId = keyof typeof ORDRE_FACTS;

export function findFact(id: string | undefined): OrdreFact | undefined {
  return id !== undefined && Object.hasOwn(ORDRE_FACTS, id) ? ORDRE_FACTS[id as FactId] : undefined;
}
