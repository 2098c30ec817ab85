import { describe, expect, it } from 'vitest';
import { SPECIALTIES, SPECIALTY_LABELS, findSpecialty, officialSpecialtyOr, zSpecialtyChoice } from './specialties.js';

function fold(text: string) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

describe('official specialties', () => {
  it('has unique ids and labels, and no spelling shared by two specialties', () => {
    expect(SPECIALTIES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(SPECIALTIES.map((s) => s.id)).size).toBe(SPECIALTIES.length);
    const spellings = SPECIALTIES.flatMap((s) => [s.label, ...(s.aliases ?? [])].map(fold));
    expect(new Set(spellings).size).toBe(spellings.length);
    expect(SPECIALTY_LABELS).toContain('Médecine générale');
    expect(SPECIALTY_LABELS).toContain('Anesthésie-réanimation');
    expect(SPECIALTY_LABELS).toContain('Dermatologie et vénéréologie');
    expect(SPECIALTIES.every((s) => /^[a-z0-9-]+$/.test(s.id) && s.label.length <= 120)).toBe(true);
  });

  it('recognises a label or an RPPS spelling exactly, case and accents ignored, and nothing close', () => {
    expect(findSpecialty('ANESTHESIE REANIMATION')?.id).toBe('anesthesie-reanimation');
    expect(findSpecialty('médecine Générale')?.label).toBe('Médecine générale');
    expect(findSpecialty('O.R.L et chirurgie cervico faciale')?.id).toBe('orl');
    expect(findSpecialty('Radio-diagnostic')?.label).toBe('Radiologie et imagerie médicale');
    expect(findSpecialty('Cardio')).toBeUndefined();
    expect(findSpecialty('Médecine générale et sport')).toBeUndefined();
  });

  it('lets an import keep an unknown label as it is', () => {
    expect(officialSpecialtyOr('CARDIOLOGIE ET MALADIES VASCULAIRES')).toBe('Cardiologie et maladies vasculaires');
    expect(officialSpecialtyOr('Médecine aérospatiale')).toBe('Médecine aérospatiale');
  });

  it('accepts from a person only an empty value or a specialty of the list, stored as its label', () => {
    expect(zSpecialtyChoice.parse('')).toBe('');
    expect(zSpecialtyChoice.parse(' pediatrie ')).toBe('Pédiatrie');
    const refused = zSpecialtyChoice.safeParse('Homéopathie');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Choisissez une spécialité de la liste officielle.');
  });
});
