import { z } from './zod.js';

/**
 * The specialties a doctor is registered with by the Ordre (the RPPS « savoir-faire » of type
 * « spécialité ordinale »): médecine générale and the specialist qualifications, older ones included
 * because registered doctors still hold them. The register stores the label; alerts target by it.
 * `aliases` are other spellings of the same qualification found in RPPS extractions or earlier
 * nomenclatures: an import maps them to the label.
 */
export interface Specialty {
  readonly id: string;
  readonly label: string;
  readonly aliases?: readonly string[];
}

export const SPECIALTIES: readonly Specialty[] = [
  { id: 'medecine-generale', label: 'Médecine générale', aliases: ['Qualifié en médecine générale', 'Spécialiste en médecine générale', 'Médecine générale (MG)'] },
  { id: 'allergologie', label: 'Allergologie' },
  { id: 'anatomie-cytologie-pathologiques', label: 'Anatomie et cytologie pathologiques' },
  { id: 'anesthesie-reanimation', label: 'Anesthésie-réanimation' },
  { id: 'biologie-medicale', label: 'Biologie médicale' },
  { id: 'cardiologie', label: 'Cardiologie et maladies vasculaires', aliases: ['Médecine cardiovasculaire', 'Cardiologie'] },
  { id: 'chirurgie-generale', label: 'Chirurgie générale' },
  { id: 'chirurgie-maxillo-faciale', label: 'Chirurgie maxillo-faciale' },
  { id: 'chirurgie-maxillo-faciale-stomatologie', label: 'Chirurgie maxillo-faciale et stomatologie' },
  { id: 'chirurgie-orale', label: 'Chirurgie orale' },
  { id: 'chirurgie-orthopedique', label: 'Chirurgie orthopédique et traumatologie', aliases: ['Chirurgie orthopédique et traumatologique'] },
  { id: 'chirurgie-pediatrique', label: 'Chirurgie pédiatrique', aliases: ['Chirurgie infantile'] },
  { id: 'chirurgie-plastique', label: 'Chirurgie plastique, reconstructrice et esthétique' },
  { id: 'chirurgie-thoracique-cardiovasculaire', label: 'Chirurgie thoracique et cardio-vasculaire', aliases: ['Chirurgie thoracique et cardiovasculaire'] },
  { id: 'chirurgie-urologique', label: 'Chirurgie urologique', aliases: ['Urologie'] },
  { id: 'chirurgie-vasculaire', label: 'Chirurgie vasculaire' },
  { id: 'chirurgie-viscerale', label: 'Chirurgie viscérale et digestive' },
  { id: 'dermatologie', label: 'Dermatologie et vénéréologie' },
  { id: 'endocrinologie', label: 'Endocrinologie, diabétologie, nutrition', aliases: ['Endocrinologie et métabolisme'] },
  { id: 'gastro-enterologie', label: 'Gastro-entérologie et hépatologie', aliases: ['Hépato-gastro-entérologie'] },
  { id: 'genetique-medicale', label: 'Génétique médicale' },
  { id: 'geriatrie', label: 'Gériatrie' },
  { id: 'gynecologie-medicale', label: 'Gynécologie médicale' },
  { id: 'gynecologie-medicale-obstetrique', label: 'Gynécologie médicale et obstétrique' },
  { id: 'gynecologie-obstetrique', label: 'Gynécologie-obstétrique' },
  { id: 'hematologie', label: 'Hématologie', aliases: ['Maladies du sang'] },
  { id: 'maladies-infectieuses', label: 'Maladies infectieuses et tropicales' },
  { id: 'medecine-urgence', label: "Médecine d'urgence" },
  { id: 'medecine-intensive-reanimation', label: 'Médecine intensive-réanimation' },
  { id: 'medecine-interne', label: 'Médecine interne et immunologie clinique', aliases: ['Médecine interne'] },
  { id: 'medecine-legale', label: 'Médecine légale et expertises médicales' },
  { id: 'medecine-nucleaire', label: 'Médecine nucléaire' },
  { id: 'medecine-physique-readaptation', label: 'Médecine physique et de réadaptation' },
  { id: 'medecine-travail', label: 'Médecine du travail', aliases: ['Médecine et santé au travail'] },
  { id: 'medecine-vasculaire', label: 'Médecine vasculaire' },
  { id: 'nephrologie', label: 'Néphrologie' },
  { id: 'neurochirurgie', label: 'Neurochirurgie' },
  { id: 'neurologie', label: 'Neurologie' },
  { id: 'neuropsychiatrie', label: 'Neuropsychiatrie' },
  { id: 'oncologie-medicale', label: 'Oncologie médicale', aliases: ['Oncologie option médicale'] },
  { id: 'oncologie-radiotherapique', label: 'Oncologie radiothérapique', aliases: ['Oncologie option radiothérapie', 'Radiothérapie'] },
  { id: 'ophtalmologie', label: 'Ophtalmologie' },
  { id: 'orl', label: 'Oto-rhino-laryngologie et chirurgie cervico-faciale', aliases: ['O.R.L et chirurgie cervico faciale', 'ORL et chirurgie cervico-faciale', 'Oto-rhino-laryngologie'] },
  { id: 'pediatrie', label: 'Pédiatrie' },
  { id: 'pneumologie', label: 'Pneumologie' },
  { id: 'psychiatrie', label: 'Psychiatrie' },
  { id: 'psychiatrie-enfant-adolescent', label: "Psychiatrie de l'enfant et de l'adolescent", aliases: ["Psychiatrie option enfant et adolescent"] },
  { id: 'radiologie', label: 'Radiologie et imagerie médicale', aliases: ['Radio-diagnostic', 'Radiodiagnostic et imagerie médicale', 'Radio-diagnostic et imagerie médicale'] },
  { id: 'rhumatologie', label: 'Rhumatologie' },
  { id: 'sante-publique', label: 'Santé publique et médecine sociale', aliases: ['Santé publique'] },
  { id: 'stomatologie', label: 'Stomatologie' },
];

/** The labels, in the list's order: what a select offers and the register stores. */
export const SPECIALTY_LABELS: readonly string[] = SPECIALTIES.map((s) => s.label);

/** Case-, accent- and punctuation-insensitive: « ANESTHESIE REANIMATION » is « Anesthésie-réanimation ». */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const BY_FOLDED = new Map<string, Specialty>(
  SPECIALTIES.flatMap((s) => [s.label, ...(s.aliases ?? [])].map((text) => [fold(text), s] as const)),
);

/** The official specialty a text names exactly (label or alias, case and accents ignored), or undefined. */
export function findSpecialty(text: string): Specialty | undefined {
  return BY_FOLDED.get(fold(text));
}

/** What an import stores: the official label when the text names one exactly, the text unchanged otherwise. */
export function officialSpecialtyOr(text: string): string {
  return findSpecialty(text)?.label ?? text;
}

/**
 * A specialty chosen by a person: empty (not known yet) or one of the official list, stored as its
 * official label whatever the case or accents sent.
 */
export const zSpecialtyChoice = z
  .string()
  .trim()
  .max(120)
  .transform((value, ctx) => {
    if (value === '') return '';
    const specialty = findSpecialty(value);
    if (!specialty) {
      ctx.addIssue({ code: 'custom', message: 'Choisissez une spécialité de la liste officielle.' });
      return z.NEVER;
    }
    return specialty.label;
  });
