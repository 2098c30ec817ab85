import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../analyze.js';
import { cleanLinkCandidate, extractLinksFromText, parseLinkCandidate } from './extract-links.js';

// Issue 14: a link is one indicator however it is written around (brackets, quotes, final
// punctuation) or typed (backslashes for slashes), in a message and in a report's « lien » field.
const LOGIN = 'https://exemple.fr/connexion';

describe('link traps in a message', () => {
  const cases: readonly [string, readonly string[]][] = [
    ['Connectez-vous : https:\\\\exemple.fr\\connexion', [LOGIN]],
    ['Connectez-vous : https:/\\exemple.fr/connexion', [LOGIN]],
    ['Voir (https://exemple.fr/connexion).', [LOGIN]],
    ['« https://exemple.fr/connexion »,', [LOGIN]],
    ['Lien https://exemple.fr/connexion», merci', [LOGIN]],
    ['Cliquez sur https://exemple.fr/connexion!! Vite.', [LOGIN]],
    ['https://exemple.fr/connexion… avant ce soir', [LOGIN]],
    ['https://exemple.fr/connexion\\ puis validez', [LOGIN]],
    ['Le lien <https://exemple.fr/connexion>; puis https:\\\\exemple.fr\\connexion.', [LOGIN]],
    ['http:\\\\faux-ameli.com\\remboursement\\index.php?id=3', ['http://faux-ameli.com/remboursement/index.php?id=3']],
    ['Allez sur exemple.fr\\connexion !', ['http://exemple.fr/connexion']],
    ['Fichier C:\\Users\\cabinet\\rapport.pdf joint', []],
  ];

  it.each(cases)('%s', (text, urls) => {
    expect(analyzeText({ kind: 'sms', text }).indicators.urls).toEqual(urls);
  });

  it('points a link typed with backslashes at the whole of it', () => {
    const text = 'Connectez-vous : https:\\\\exemple.fr\\connexion.';
    const [link] = extractLinksFromText(text);
    expect(text.slice(link!.evidence.start, link!.evidence.end)).toBe('https:\\\\exemple.fr\\connexion');
  });
});

describe('link traps in a typed link', () => {
  it.each([
    'https://exemple.fr/connexion).',
    'https://exemple.fr/connexion»,',
    '<https://exemple.fr/connexion>',
    '(https://exemple.fr/connexion)',
    '«https://exemple.fr/connexion»',
    '"https://exemple.fr/connexion"',
    ' https://exemple.fr/connexion. ',
    'https:\\\\exemple.fr\\connexion',
    'HTTPS://Exemple.FR/connexion;',
  ])('%s', (typed) => {
    expect(parseLinkCandidate(typed)?.url).toBe(LOGIN);
  });

  it('keeps a bracket the link opened, and backslashes in its query', () => {
    expect(parseLinkCandidate('https://fr.wikipedia.org/wiki/Fièvre_(maladie).')?.url).toBe('https://fr.wikipedia.org/wiki/Fi%C3%A8vre_(maladie)');
    expect(cleanLinkCandidate('https:\\\\exemple.fr\\a?b=c\\d')).toBe('https://exemple.fr/a?b=c\\d');
  });
});
