import { readFileSync } from 'node:fs';
import { withRppsCheckDigit } from '../contracts/rpps.js';
import { seededRandom } from '../analysis/testing/seeded-random.js';

// Realistic synthetic doctors for the registry benchmark, tests and demos: common French surnames (Zipf
// weighted, with accents and particles) plus a long tail of rare ones, compound first names, real cities
// with their postal codes and départements, specialties in their real proportions, married names, and
// valid RPPS numbers. Deterministic for a given seed. Every value is fictitious.

export interface SyntheticAddress {
  address: string;
  postalCode: string;
  city: string;
  email: string | null;
  /** As a person types it: « 01 42 12 34 56 ». */
  phone: string | null;
}

export interface SyntheticDoctor {
  rpps: string;
  birthName: string;
  usageName: string | null;
  firstNames: string;
  specialty: string;
  departement: string;
  status: 'inscrit' | 'suspendu' | 'radie' | 'transfere' | 'etudiant_3e_cycle';
  /** ISO date. */
  registeredOn: string;
  pro: SyntheticAddress;
  corr: SyntheticAddress;
}

const SURNAMES = `Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux
David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Müller Lefebvre Faure André Mercier
Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel
Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly
Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard
Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland
Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet
Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier
Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le_Gall Collet Léger Bouvier Julien Prévost Millet Perrot
Daniel Le_Roux Cousin Germain Breton Besson Langlois Rémy Le_Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal
Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier
Collin Chauvin Da_Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier
Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte Nguyen Haddad Benali Diallo Traoré Cohen Lévy Kaya
Dupond Desmoulins Delacroix De_Saint-Exupéry Château Béranger Pérez Lefèbvre Lecœur Bœuf Dauphiné`
  .split(/\s+/)
  .map((s) => s.replace(/_/g, ' '));

const FIRST_NAMES = `Marie Jean Pierre Nicolas Camille Léa Chloé Émilie Hélène Thomas Julien Sébastien François Stéphane Frédéric
Cécile Anaïs Maëlle Loïc Gaëlle Jérôme Benoît Clémence Agnès Inès Noémie Zoé Élodie Aurélie Céline Mélanie Sandrine
Nathalie Isabelle Sophie Valérie Laurence Christine Catherine Anne Claire Juliette Louise Alice Manon Pauline Sarah Lucie
Mathilde Margaux Océane Justine Laëtitia Maxime Antoine Alexandre Guillaume Romain Vincent Olivier Philippe Laurent
Christophe Éric Patrick Michel Alain Bernard Hugo Lucas Louis Gabriel Raphaël Arthur Jules Théo Nathan Paul Mathis Baptiste
Clément Quentin Adrien Benjamin Florian Grégoire Amélie Bérénice Joël Noël Hervé Gérard Régis Yannick Gwenaël Solène
Anaëlle Héloïse Ophélie Capucine Yasmine Karim Mehdi Sofiane Amira Fatima Mohamed Nadia Leïla Ryan Kevin Jessica`.split(/\s+/);

// The long tail: most French surnames are rare (about 1.3 million for 68 million people).
const SYLLABLES_START = `Ker Mor Bel Char Dela Ros Gal Vil Cham Bou Lam Pon Fer Gri Tal Mal Bra Cor Pel Sau Gué Bé Lé Ma Ri Du Fon Vau Cas
Riv Ab Ber Bon Bru Cal Cha Cle Dar Des Dom Eve Fau Gar Gil Hau Jou Lab Lar Lau Mar Mon Nau Or Pa Pey Pra Que Rou Sal Tou Ver`.split(/\s+/);
const SYLLABLES_MID = ['', '', '', 'ar', 'el', 'on', 'i', 'ou', 'an', 'er', 'au', 'é', 'ol', 'ec', 'in', 'ign', 'ass', 'ill', 'ev', 'ch'];
const SYLLABLES_END = `ard ier eau ot in et ac ou elle ez ini ès ville court mont oux aud ec an ère oy as ais ade al ens erre eux
iac ieu ot on os uc ure y é ey at iot ène igny ois ange`.split(/\s+/);

const SPECIALTIES: [string, number][] = [
  ['Médecine générale', 45], ['Anesthésie-réanimation', 5], ['Psychiatrie', 5], ['Radiologie et imagerie médicale', 4],
  ['Pédiatrie', 4], ['Cardiologie et maladies vasculaires', 3.5], ['Gynécologie-obstétrique', 3.5], ['Ophtalmologie', 3],
  ['Médecine d’urgence', 3], ['Médecine du travail', 2.5], ['Dermatologie et vénéréologie', 2], ['Gastro-entérologie et hépatologie', 2],
  ['Oto-rhino-laryngologie et chirurgie cervico-faciale', 1.5], ['Pneumologie', 1.5], ['Rhumatologie', 1.5], ['Neurologie', 1.5],
  ['Chirurgie orthopédique et traumatologique', 2], ['Chirurgie viscérale et digestive', 1.2], ['Biologie médicale', 1.5],
  ['Gériatrie', 1.2], ['Néphrologie', 1], ['Oncologie', 1], ['Endocrinologie-diabétologie-nutrition', 1], ['Médecine interne', 1],
  ['Urologie', 0.8], ['Hématologie', 0.6], ['Santé publique', 0.6], ['Anatomie et cytologie pathologiques', 0.6],
  ['Médecine physique et de réadaptation', 0.8], ['Allergologie', 0.3], ['Chirurgie plastique, reconstructrice et esthétique', 0.5],
];

// [city, postal code, département, weight ~ population of doctors]
const CITIES: [string, string, string, number][] = [
  ['Paris', '750', '75', 60], ['Marseille', '130', '13', 20], ['Lyon', '6900', '69', 16], ['Toulouse', '31000', '31', 12],
  ['Nice', '06000', '06', 9], ['Nantes', '44000', '44', 8], ['Montpellier', '34000', '34', 9], ['Strasbourg', '67000', '67', 8],
  ['Bordeaux', '33000', '33', 10], ['Lille', '59000', '59', 9], ['Rennes', '35000', '35', 7], ['Reims', '51100', '51', 4],
  ['Saint-Étienne', '42000', '42', 4], ['Le Havre', '76600', '76', 3], ['Toulon', '83000', '83', 4], ['Grenoble', '38000', '38', 6],
  ['Dijon', '21000', '21', 4], ['Angers', '49000', '49', 4], ['Nîmes', '30000', '30', 3], ['Villeurbanne', '69100', '69', 3],
  ['Clermont-Ferrand', '63000', '63', 4], ['Le Mans', '72000', '72', 3], ['Aix-en-Provence', '13100', '13', 4], ['Brest', '29200', '29', 3],
  ['Tours', '37000', '37', 4], ['Amiens', '80000', '80', 3], ['Limoges', '87000', '87', 3], ['Annecy', '74000', '74', 3],
  ['Perpignan', '66000', '66', 3], ['Boulogne-Billancourt', '92100', '92', 3], ['Metz', '57000', '57', 3], ['Besançon', '25000', '25', 3],
  ['Orléans', '45000', '45', 3], ['Saint-Denis', '97400', '974', 3], ['Rouen', '76000', '76', 4], ['Argenteuil', '95100', '95', 2],
  ['Montreuil', '93100', '93', 2], ['Mulhouse', '68100', '68', 2], ['Caen', '14000', '14', 3], ['Nancy', '54000', '54', 4],
  ['Saint-Paul', '97460', '974', 1], ['Roubaix', '59100', '59', 2], ['Tourcoing', '59200', '59', 1], ['Nanterre', '92000', '92', 2],
  ['Vitry-sur-Seine', '94400', '94', 1], ['Créteil', '94000', '94', 2], ['Avignon', '84000', '84', 2], ['Poitiers', '86000', '86', 2],
  ['Aubervilliers', '93300', '93', 1], ['Dunkerque', '59140', '59', 1], ['Aulnay-sous-Bois', '93600', '93', 1], ['Colombes', '92700', '92', 1],
  ['Versailles', '78000', '78', 2], ['Courbevoie', '92400', '92', 1], ['Béziers', '34500', '34', 1], ['Pau', '64000', '64', 2],
  ['La Rochelle', '17000', '17', 2], ['Cherbourg-en-Cotentin', '50100', '50', 1], ['Calais', '62100', '62', 1], ['Fort-de-France', '97200', '972', 2],
  ['Ajaccio', '20000', '2A', 1], ['Bastia', '20200', '2B', 1], ['Cayenne', '97300', '973', 1], ['Pointe-à-Pitre', '97110', '971', 1],
  ['Les Abymes', '97139', '971', 1], ['Mamoudzou', '97600', '976', 0.5], ['Saint-Pierre', '97410', '974', 1], ['Saint-Malo', '35400', '35', 1],
  ['Lorient', '56100', '56', 1], ['Vannes', '56000', '56', 1], ['Quimper', '29000', '29', 1], ['Saint-Brieuc', '22000', '22', 1],
  ['Valence', '26000', '26', 1], ['Chambéry', '73000', '73', 1], ['Troyes', '10000', '10', 1], ['Bourges', '18000', '18', 1],
  ['Blois', '41000', '41', 1], ['Châteauroux', '36000', '36', 1], ['Niort', '79000', '79', 1], ['Angoulême', '16000', '16', 1],
  ['Périgueux', '24000', '24', 1], ['Agen', '47000', '47', 1], ['Mont-de-Marsan', '40000', '40', 1], ['Bayonne', '64100', '64', 1],
  ['Tarbes', '65000', '65', 1], ['Auch', '32000', '32', 0.5], ['Montauban', '82000', '82', 1], ['Albi', '81000', '81', 1],
  ['Rodez', '12000', '12', 0.5], ['Cahors', '46000', '46', 0.5], ['Aurillac', '15000', '15', 0.5], ['Le Puy-en-Velay', '43000', '43', 0.5],
  ['Mende', '48000', '48', 0.3], ['Privas', '07000', '07', 0.3], ['Gap', '05000', '05', 0.5], ['Digne-les-Bains', '04000', '04', 0.3],
  ['Carcassonne', '11000', '11', 0.7], ['Foix', '09000', '09', 0.3], ['Laval', '53000', '53', 0.7], ['Alençon', '61000', '61', 0.5],
  ['Évreux', '27000', '27', 0.7], ['Beauvais', '60000', '60', 0.7], ['Laon', '02000', '02', 0.4], ['Charleville-Mézières', '08000', '08', 0.5],
  ['Châlons-en-Champagne', '51000', '51', 0.5], ['Bar-le-Duc', '55000', '55', 0.3], ['Épinal', '88000', '88', 0.5], ['Colmar', '68000', '68', 1],
  ['Belfort', '90000', '90', 0.5], ['Vesoul', '70000', '70', 0.4], ['Lons-le-Saunier', '39000', '39', 0.4], ['Mâcon', '71000', '71', 0.5],
  ['Nevers', '58000', '58', 0.4], ['Auxerre', '89000', '89', 0.5], ['Chaumont', '52000', '52', 0.3], ['Moulins', '03000', '03', 0.4],
  ['Guéret', '23000', '23', 0.2], ['Tulle', '19000', '19', 0.3], ['Bourg-en-Bresse', '01000', '01', 0.6], ['Saint-Lô', '50000', '50', 0.4],
  ['Melun', '77000', '77', 0.8], ['Évry-Courcouronnes', '91000', '91', 0.8], ['Cergy', '95000', '95', 0.8], ['Bobigny', '93000', '93', 0.8],
  ['Chartres', '28000', '28', 0.6], ['La Roche-sur-Yon', '85000', '85', 0.6], ['Draguignan', '83300', '83', 0.4], ['Vienne', '38200', '38', 0.4],
  ['Annemasse', '74100', '74', 0.4], ['Thionville', '57100', '57', 0.5], ['Arras', '62000', '62', 0.7], ['Saint-Quentin', '02100', '02', 0.4],
  ['Compiègne', '60200', '60', 0.5], ['Meaux', '77100', '77', 0.5], ['Roanne', '42300', '42', 0.4], ['Vichy', '03200', '03', 0.4],
  ['Sète', '34200', '34', 0.4], ['Arles', '13200', '13', 0.4], ['Cannes', '06400', '06', 1], ['Antibes', '06600', '06', 0.7],
  ['Fréjus', '83600', '83', 0.5], ['Hyères', '83400', '83', 0.5], ['Neuilly-sur-Seine', '92200', '92', 1], ['Saint-Germain-en-Laye', '78100', '78', 0.7],
  ['L’Haÿ-les-Roses', '94240', '94', 0.3], ['Châtellerault', '86100', '86', 0.3], ['Montélimar', '26200', '26', 0.4], ['Bonifacio', '20169', '2A', 0.1],
];

const STREET_TYPES = ['rue', 'rue', 'rue', 'avenue', 'boulevard', 'place', 'allée', 'chemin', 'impasse', 'quai', 'cours'];
const STREET_NAMES = ['Victor-Hugo', 'de la République', 'Gambetta', 'Jean-Jaurès', 'Pasteur', 'du Général-de-Gaulle', 'de la Gare',
  'des Tilleuls', 'Saint-Michel', 'du Marché', 'Émile-Zola', 'de l’Église', 'des Écoles', 'Voltaire', 'Jules-Ferry', 'de Verdun',
  'Foch', 'Carnot', 'des Lilas', 'du Château', 'Molière', 'de la Paix', 'Aristide-Briand', 'Clemenceau', 'Louis-Pasteur', 'des Vignes'];
const EMAIL_DOMAINS = ['orange.fr', 'wanadoo.fr', 'gmail.com', 'free.fr', 'sfr.fr', 'laposte.net', 'medecin.mssante.fr', 'hotmail.fr', 'yahoo.fr', 'outlook.fr'];
const PLACES = ['Cabinet médical', 'Centre de santé', 'Maison de santé pluriprofessionnelle', 'Clinique', 'Centre hospitalier'];

// Landline prefixes by area (01 Île-de-France … 05 south-west); overseas départements have their own.
const AREA_BY_DEPARTEMENT: Record<string, string> = Object.fromEntries(
  [
    ['1', '75 77 78 91 92 93 94 95'],
    ['2', '14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85'],
    ['3', '02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90'],
    ['4', '01 03 04 05 06 07 11 13 15 2A 2B 26 30 34 38 42 43 48 63 66 69 73 74 83 84'],
    ['5', '09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87'],
  ].flatMap(([area, codes]) => codes!.split(' ').map((code) => [code, area!])),
);
const OVERSEAS_PHONE: Record<string, { fixed: string[]; mobile: string[] }> = {
  '971': { fixed: ['059082', '059091', '059025'], mobile: ['069050', '069012', '069035'] },
  '972': { fixed: ['059660', '059670', '059663'], mobile: ['069620', '069645', '069680'] },
  '973': { fixed: ['059430', '059429', '059431'], mobile: ['069420', '069440', '069412'] },
  '974': { fixed: ['026221', '026241', '026228'], mobile: ['069210', '069260', '069286'] },
  '976': { fixed: ['026961', '026962', '026960'], mobile: ['063910', '063960', '063969'] },
};

function weighted<T>(items: readonly T[], weights: readonly number[]): (r: number) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (r) => {
    const x = r * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function fold(value: string): string {
  return value.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Synthetic doctor number `index`, always the same for a given seed (so a benchmark can search for
 * records it loaded without keeping them); `index` also makes RPPS numbers unique.
 */
export function createDoctorGenerator(seed = 42) {
  let rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const surname = weighted(SURNAMES, SURNAMES.map((_, i) => 1 / (i + 1) ** 0.5));
  const specialty = weighted(SPECIALTIES.map((s) => s[0]), SPECIALTIES.map((s) => s[1]));
  const city = weighted(CITIES, CITIES.map((c) => c[3]));
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

  const lastName = (): string => {
    // The 215 most common names cover about 10 % of people, Martin alone 0.4 %.
    if (rand() < 0.12) {
      const name = surname(rand());
      return rand() < 0.03 ? `${name}-${surname(rand())}` : name;
    }
    const name = pick(SYLLABLES_START) + pick(SYLLABLES_MID) + pick(SYLLABLES_END);
    return rand() < 0.08 ? `${pick(['Le', 'Du', 'De', 'La'])} ${name}` : name;
  };
  const firstNames = (): string => {
    const first = rand() < 0.12 ? `${pick(FIRST_NAMES)}-${pick(FIRST_NAMES)}` : pick(FIRST_NAMES);
    return rand() < 0.3 ? `${first} ${pick(FIRST_NAMES)}` : first;
  };
  const spaced = (national: string) => national.replace(/(\d{2})(?=\d)/g, '$1 ');
  const phone = (departement: string, mobile: boolean): string => {
    const overseas = OVERSEAS_PHONE[departement];
    if (overseas) return spaced(pick(mobile ? overseas.mobile : overseas.fixed) + digits(4));
    // Only ranges the numbering plan (and libphonenumber) accept: 06 x (x ≠ 3, 9), 07 5–8.
    if (mobile) return spaced(rand() < 0.7 ? `06${pick(['0', '1', '2', '4', '5', '6', '7', '8'])}${digits(7)}` : `07${pick(['5', '6', '7', '8'])}${digits(7)}`);
    // 02 6x and 05 9x belong to the overseas départements.
    return spaced(`0${AREA_BY_DEPARTEMENT[departement] ?? '1'}${pick(['2', '3', '4', '5', '7', '8'])}${digits(7)}`);
  };
  const postalCode = (base: string): string => (base.length === 5 ? base : base + String(1 + Math.floor(rand() * (base === '750' ? 20 : base === '130' ? 16 : 9))).padStart(5 - base.length, '0'));
  const address = (): string => {
    const street = `${1 + Math.floor(rand() * 120)}${rand() < 0.05 ? ' bis' : ''} ${pick(STREET_TYPES)} ${pick(STREET_NAMES)}`;
    return rand() < 0.25 ? `${pick(PLACES)}, ${street}` : street;
  };

  return (index: number): SyntheticDoctor => {
    rand = seededRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
    const birthName = lastName();
    const usageName = rand() < 0.18 ? lastName() : null;
    const first = firstNames();
    const [proCity, proBase, proDept] = city(rand());
    const departement = rand() < 0.93 ? proDept : city(rand())[2];
    const statusRoll = rand();
    const status = statusRoll < 0.86 ? 'inscrit' : statusRoll < 0.93 ? 'etudiant_3e_cycle' : statusRoll < 0.96 ? 'transfere' : statusRoll < 0.99 ? 'radie' : 'suspendu';
    const year = status === 'etudiant_3e_cycle' ? 2021 + Math.floor(rand() * 4) : 1975 + Math.floor(rand() * 50);
    const registeredOn = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const emailLocal = `${fold(first.split(' ')[0]!)}.${fold(usageName ?? birthName)}${rand() < 0.3 ? digits(2) : ''}`;
    const sameCorr = rand() < 0.5;
    const [corrCity, corrBase] = sameCorr ? [proCity, proBase] : rand() < 0.8 ? [proCity, proBase] : city(rand());
    const pro: SyntheticAddress = {
      address: address(),
      postalCode: postalCode(proBase),
      city: proCity,
      email: rand() < 0.6 ? `${emailLocal}@${pick(EMAIL_DOMAINS)}` : null,
      phone: rand() < 0.85 ? phone(proDept, false) : null,
    };
    const corr: SyntheticAddress = sameCorr
      ? { ...pro, email: rand() < 0.85 ? `${emailLocal}@${pick(EMAIL_DOMAINS)}` : pro.email, phone: rand() < 0.8 ? phone(proDept, true) : pro.phone }
      : { address: address(), postalCode: postalCode(corrBase), city: corrCity, email: rand() < 0.85 ? `${emailLocal}@${pick(EMAIL_DOMAINS)}` : null, phone: rand() < 0.8 ? phone(proDept, true) : null };
    return {
      // Real RPPS numbers start with 10; 7919 is coprime to 10⁸, so indexes below 10⁸ never collide.
      rpps: withRppsCheckDigit(`10${String((index * 7919 + 1_234_567) % 100_000_000).padStart(8, '0')}`),
      birthName,
      usageName,
      firstNames: first,
      specialty: specialty(rand()),
      departement,
      status,
      registeredOn,
      pro,
      corr,
    };
  };
}

/** The header of the committed sample of the public RPPS extraction (the real one, trailing `|` included). */
export function rppsExtractHeader(): string {
  const sample = readFileSync(new URL('../server/modules/registry/fixtures/PS_LibreAcces_Personne_activite_sample.txt', import.meta.url), 'utf8');
  return sample.slice(0, sample.indexOf('\n'));
}

// Other professions of the extraction with their share of the lines; doctors are about 4 lines in 5 of
// a file already cut to a region's caregivers, 1 in 5 of the national one.
const OTHER_PROFESSIONS: [string, string, number][] = [
  ['60', 'Infirmier', 40], ['21', 'Pharmacien', 20], ['50', 'Masseur-Kinésithérapeute', 20], ['40', 'Chirurgien-Dentiste', 12], ['70', 'Sage-Femme', 8],
];
const SKILL_CODES: Record<string, string> = { 'Médecine générale': 'SM54', Psychiatrie: 'SM42', Pédiatrie: 'SM40', 'Cardiologie et maladies vasculaires': 'SM04' };

function departementOfPostal(postalCode: string): string {
  if (postalCode.startsWith('97')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return postalCode[2] === '0' || postalCode[2] === '1' ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

/**
 * Lines in the layout of « PS_LibreAcces_Personne_activite », `count` of them, from the synthetic doctors
 * `first`, `first + 1`…: a doctor on one to three lines (a second practice, a second savoir-faire), one
 * line in five another profession, the département column empty on one line in ten (read from the postal
 * code then), names in capitals as published. Returns the file's text and how many doctors it holds.
 */
export function createRppsExtract(generate: (index: number) => SyntheticDoctor, first: number, count: number, seed = 7): { text: string; doctors: number } {
  const header = rppsExtractHeader();
  const names = header.split('|');
  const at = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`colonne absente de l’en-tête de l’extraction : ${name}`);
    return i;
  };
  const col = {
    type: at("Type d'identifiant PP"), id: at('Identifiant PP'), national: at('Identification nationale PP'), civility: at('Libellé civilité'),
    exerciseCivility: at("Libellé civilité d'exercice"), lastName: at("Nom d'exercice"), firstName: at("Prénom d'exercice"),
    profession: at('Code profession'), professionLabel: at('Libellé profession'), skillType: at('Code type savoir-faire'),
    skillTypeLabel: at('Libellé type savoir-faire'), skillCode: at('Code savoir-faire'), skill: at('Libellé savoir-faire'), mode: at('Code mode exercice'),
    site: at('Raison sociale site'), street: at('Libellé Voie (coord. structure)'), cedex: at('Bureau cedex (coord. structure)'),
    postalCode: at('Code postal (coord. structure)'), city: at('Libellé commune (coord. structure)'), phone: at('Téléphone (coord. structure)'),
    email: at('Adresse e-mail (coord. structure)'), departement: at('Code Département (structure)'), authority: at("Autorité d'enregistrement"),
  };
  const rand = seededRandom(seed);
  const otherProfession = weighted(OTHER_PROFESSIONS, OTHER_PROFESSIONS.map((p) => p[2]));
  const lines: string[] = [];
  let doctors = 0;
  const activity = (d: SyntheticDoctor, practice: SyntheticDoctor, profession: [string, string], skill: [string, string, string]) => {
    const v = new Array<string>(names.length).fill('');
    const postalCode = practice.pro.postalCode;
    v[col.type] = '8';
    v[col.id] = d.rpps;
    v[col.national] = `8${d.rpps}`;
    v[col.civility] = rand() < 0.5 ? 'Madame' : 'Monsieur';
    v[col.exerciseCivility] = profession[0] === '10' ? 'Docteur' : '';
    v[col.lastName] = (d.usageName ?? d.birthName).toUpperCase();
    v[col.firstName] = d.firstNames.split(' ')[0]!.toUpperCase();
    [v[col.profession], v[col.professionLabel]] = profession;
    [v[col.skillType], v[col.skillTypeLabel], v[col.skill]] = skill;
    v[col.skillCode] = SKILL_CODES[skill[2]] ?? (skill[0] ? 'SM99' : '');
    v[col.mode] = rand() < 0.6 ? 'L' : 'S';
    v[col.site] = `CABINET ${v[col.lastName]}`;
    v[col.street] = practice.pro.address.toUpperCase();
    v[col.cedex] = `${postalCode} ${practice.pro.city.toUpperCase()}`;
    v[col.postalCode] = postalCode;
    v[col.city] = practice.pro.city;
    v[col.phone] = practice.pro.phone?.replace(/ /g, '') ?? '';
    v[col.email] = practice.pro.email ?? '';
    v[col.departement] = rand() < 0.9 ? departementOfPostal(postalCode) : '';
    v[col.authority] = profession[0] === '10' ? 'CNOM/CNOM/CNOM' : 'ARS/ARS/ARS';
    // The published lines end with `|` like the header: the last, empty name is the trailing one.
    lines.push(v.slice(0, -1).join('|') + '|');
  };
  for (let i = first; lines.length < count; i++) {
    const d = generate(i);
    if (rand() < 0.2) {
      const [code, label] = otherProfession(rand());
      activity(d, d, [code, label], ['', '', '']);
      continue;
    }
    doctors++;
    const specialty: [string, string, string] = ['S', 'Spécialité ordinale', d.specialty];
    activity(d, d, ['10', 'Médecin'], specialty);
    const more = rand();
    // A competence on a second line at the same practice, or a second practice (that of another synthetic doctor).
    if (more < 0.1) activity(d, d, ['10', 'Médecin'], ['CEX', 'Compétence exclusive', 'Médecine du sport']);
    if (more > 0.7) activity(d, generate(i + 1_000_000), ['10', 'Médecin'], specialty);
    if (more > 0.92) activity(d, generate(i + 2_000_000), ['10', 'Médecin'], specialty);
  }
  return { text: [header, ...lines.slice(0, count)].join('\n') + '\n', doctors };
}
