import { describe, expect, it } from 'vitest';
import { appStrings, isFrenchProse } from './app-strings.testing.js';
import { frenchTypography, NBSP, NNBSP } from './typography.js';

describe('French typography', () => {
  it('puts the no-break spaces French asks for, and the typographic apostrophe', () => {
    expect(frenchTypography("L'Ordre vous alerte : ne rappelez pas ; jamais ! Pourquoi ?")).toBe(`L’Ordre vous alerte${NBSP}: ne rappelez pas${NNBSP}; jamais${NNBSP}! Pourquoi${NNBSP}?`);
    expect(frenchTypography('la rubrique « Mes signalements »')).toBe(`la rubrique «${NBSP}Mes signalements${NBSP}»`);
    expect(frenchTypography("aujourd'hui, l'entraide")).toBe('aujourd’hui, l’entraide');
  });

  it('keeps a phone number on one line, as it is grouped', () => {
    expect(frenchTypography('Appelez le 01 23 45 67 89 ou le 0 800 288 038.')).toBe(`Appelez le 01${NBSP}23${NBSP}45${NBSP}67${NBSP}89 ou le 0${NBSP}800${NBSP}288${NBSP}038.`);
    expect(frenchTypography('+33 1 23 45 67 89')).toBe(`+33${NBSP}1${NBSP}23${NBSP}45${NBSP}67${NBSP}89`);
    expect(frenchTypography('RPPS 10 10 10 10 10 10')).toBe('RPPS 10 10 10 10 10 10');
  });

  it('never adds a space, and leaves addresses, links and codes as written', () => {
    for (const verbatim of ['https://vigie.ordre.fr/alertes?x=1', "o'brien@exemple.fr", 'mailto:dpo@ordre.fr', '10:30', 'C:\\fichier', 'a/b', 'key=value']) {
      expect(frenchTypography(verbatim)).toBe(verbatim);
    }
    expect(frenchTypography('Voir https://vigie.ordre.fr/alertes : la page.')).toBe(`Voir https://vigie.ordre.fr/alertes${NBSP}: la page.`);
    expect(frenchTypography('Attention!')).toBe('Attention!');
  });

  it('is idempotent', () => {
    const once = frenchTypography("« Qu'en dites-vous ? » : 01 23 45 67 89");
    expect(frenchTypography(once)).toBe(once);
  });
});

// Every French string of the app (contracts/app-strings.testing.ts), and the contracts' own labels and
// messages: each must come out with French typography and nothing verbatim inside it changed.
const SOURCES = ['web/src', 'contracts', 'server/modules', 'server/platform/mail', 'server/platform/errors.ts'];

const URL_OR_ADDRESS = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|\S+@\S+/gi;

describe('every French string of the app, typeset', () => {
  const strings = [...new Set(appStrings(SOURCES).map((s) => s.text).filter(isFrenchProse))];

  it('finds the app’s strings', () => {
    expect(strings.length).toBeGreaterThan(1500);
  });

  it('comes out with no breaking space before « : ; ! ? » or inside « », no straight apostrophe in a word, links and addresses intact', () => {
    const faults: string[] = [];
    for (const text of strings) {
      const typeset = frenchTypography(text);
      const prose = typeset.replace(URL_OR_ADDRESS, '');
      if (/ [;!?»]| :(\s|$)|« /.test(prose) || /\p{L}'\p{L}/u.test(prose)) faults.push(text);
      for (const kept of text.match(URL_OR_ADDRESS) ?? []) if (!typeset.includes(kept)) faults.push(text);
      if (frenchTypography(typeset) !== typeset) faults.push(text);
    }
    expect(faults).toEqual([]);
  });
});
