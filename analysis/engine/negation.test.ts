import { describe, expect, it } from 'vitest';
import { prepareText } from './match.js';
import { isNegatedWord } from './negation.js';

/** Whether the first occurrence of `word` (as the engine folds and stems it) is read as negated. */
function negated(text: string, word: string): boolean {
  const prepared = prepareText(text);
  const index = prepared.words.findIndex((w) => w.text === word);
  expect(index, `« ${word} » dans « ${text} »`).toBeGreaterThanOrEqual(0);
  return isNegatedWord(prepared, index);
}

describe('negation of a found phrase', () => {
  it.each([
    ['Aucun frais ne vous sera demandé par SMS.', 'frai'],
    ['Elle a rappelé qu’elle ne me demanderait jamais de codes par téléphone.', 'code'],
    ['Elle a rappelé qu’elle ne me demanderait jamais de codes par téléphone.', 'demanderait'],
    ['Nos équipes ne vous contacteront pas pour prendre la main sur votre ordinateur.', 'prendre'],
    ['Le livreur ne vous demandera pas de payer.', 'payer'],
  ])('reads « %s » (%s) as negated', (text, word) => {
    expect(negated(text, word)).toBe(true);
  });

  it.each([
    ['Si vous ne payez pas, votre dossier sera transmis.', 'payez'],
    ['Ne tardez pas à régler les frais.', 'regler'],
    ['N’attendez pas pour régulariser votre situation.', 'regulariser'],
    ['Nous n’avons pas pu livrer votre colis.', 'coli'],
    ['Aucun retard. Réglez les frais de 1,99 € ici.', 'reglez'],
  ])('does not read « %s » (%s) as negated', (text, word) => {
    expect(negated(text, word)).toBe(false);
  });
});
