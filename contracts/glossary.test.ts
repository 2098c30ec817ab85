import { describe, expect, it } from 'vitest';
import { appStrings } from './app-strings.testing.js';
import { GLOSSARY_FORBIDDEN, GLOSSARY_LABEL_MAPS } from './glossary.js';

// The app outside contracts/ and the analysis engine: the web app, the server's modules and mails.
const APP = ['web/src', 'server/modules', 'server/platform/mail', 'server/platform/pdf'];

/** Labels that are also ordinary phrases of another meaning, each with where and why. */
const COINCIDENCES = new Map([
  ['En cours', 'a commission mandate that has not ended (entraide-commission/MandatesSection.tsx), not a report status'],
  ['Par courrier', 'how to write to the council (legal/ContactPage.tsx), not the channel of a change request'],
]);

describe('one vocabulary', () => {
  const strings = appStrings(APP);

  it('never uses a word the glossary replaces', () => {
    const faults = strings.flatMap((s) => GLOSSARY_FORBIDDEN.filter((f) => f.word.test(s.text)).map((f) => `${s.file}: « ${s.text} » (dites « ${f.instead} »)`));
    expect(faults).toEqual([]);
  });

  it('writes a channel, a status or a family label only in its contracts file', () => {
    // Labels of one word are also ordinary words (« Ouverte », « SMS »): only those of two words or more are looked for.
    const labels = new Map<string, string>();
    for (const [map, entries] of Object.entries(GLOSSARY_LABEL_MAPS)) for (const label of Object.values(entries)) if (/\s/.test(label)) labels.set(label, map);
    const faults = strings.filter((s) => labels.has(s.text) && !COINCIDENCES.has(s.text)).map((s) => `${s.file}: « ${s.text} » (lisez ${labels.get(s.text)})`);
    expect(faults).toEqual([]);
  });
});
