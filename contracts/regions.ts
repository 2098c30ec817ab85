// The 18 French regions (13 in metropolitan France, 5 overseas) and the region of every département of
// contracts/departements.ts, for the DPC statistics by region. Said once here; every page reads them.
// Saint-Pierre-et-Miquelon (975) has a council but belongs to no region (an overseas collectivity): it is
// listed last, as its own area, so that every code of DEPARTEMENT_CODES has exactly one place.

export const REGIONS = [
  'auvergne_rhone_alpes',
  'bourgogne_franche_comte',
  'bretagne',
  'centre_val_de_loire',
  'corse',
  'grand_est',
  'hauts_de_france',
  'ile_de_france',
  'normandie',
  'nouvelle_aquitaine',
  'occitanie',
  'pays_de_la_loire',
  'provence_alpes_cote_d_azur',
  'guadeloupe',
  'martinique',
  'guyane',
  'la_reunion',
  'mayotte',
  'saint_pierre_et_miquelon',
] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
  auvergne_rhone_alpes: 'Auvergne-Rhône-Alpes',
  bourgogne_franche_comte: 'Bourgogne-Franche-Comté',
  bretagne: 'Bretagne',
  centre_val_de_loire: 'Centre-Val de Loire',
  corse: 'Corse',
  grand_est: 'Grand Est',
  hauts_de_france: 'Hauts-de-France',
  ile_de_france: 'Île-de-France',
  normandie: 'Normandie',
  nouvelle_aquitaine: 'Nouvelle-Aquitaine',
  occitanie: 'Occitanie',
  pays_de_la_loire: 'Pays de la Loire',
  provence_alpes_cote_d_azur: 'Provence-Alpes-Côte d’Azur',
  guadeloupe: 'Guadeloupe',
  martinique: 'Martinique',
  guyane: 'Guyane',
  la_reunion: 'La Réunion',
  mayotte: 'Mayotte',
  saint_pierre_et_miquelon: 'Saint-Pierre-et-Miquelon (collectivité d’outre-mer)',
};

/** The départements of each region (INSEE, 2016 regions). */
export const REGION_DEPARTEMENTS: Record<Region, readonly string[]> = {
  auvergne_rhone_alpes: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  bourgogne_franche_comte: ['21', '25', '39', '58', '70', '71', '89', '90'],
  bretagne: ['22', '29', '35', '56'],
  centre_val_de_loire: ['18', '28', '36', '37', '41', '45'],
  corse: ['2A', '2B'],
  grand_est: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  hauts_de_france: ['02', '59', '60', '62', '80'],
  ile_de_france: ['75', '77', '78', '91', '92', '93', '94', '95'],
  normandie: ['14', '27', '50', '61', '76'],
  nouvelle_aquitaine: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  occitanie: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  pays_de_la_loire: ['44', '49', '53', '72', '85'],
  provence_alpes_cote_d_azur: ['04', '05', '06', '13', '83', '84'],
  guadeloupe: ['971'],
  martinique: ['972'],
  guyane: ['973'],
  la_reunion: ['974'],
  mayotte: ['976'],
  saint_pierre_et_miquelon: ['975'],
};

const regionByDepartement = new Map<string, Region>(REGIONS.flatMap((region) => REGION_DEPARTEMENTS[region].map((code) => [code, region] as const)));

/** The region of a département code; null for a code that is not a département. */
export function regionOfDepartement(code: string): Region | null {
  return regionByDepartement.get(code) ?? null;
}
