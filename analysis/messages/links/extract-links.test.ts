import { describe, expect, it } from 'vitest';
import { extractLinksFromText, parseHref } from './extract-links.js';

describe('extractLinksFromText', () => {
  it('finds http(s), www and bare domains with their position', () => {
    const text = 'Connectez-vous sur https://www.mondpc.fr/connexion, ou www.agencedpc.fr (site officiel) ; voir aussi esante.gouv.fr.';
    const links = extractLinksFromText(text);
    expect(links.map((l) => l.host)).toEqual(['www.mondpc.fr', 'www.agencedpc.fr', 'esante.gouv.fr']);
    expect(links.map((l) => text.slice(l.evidence.start, l.evidence.end))).toEqual([
      'https://www.mondpc.fr/connexion',
      'www.agencedpc.fr',
      'esante.gouv.fr',
    ]);
    expect(links[0]?.path).toBe('/connexion');
  });

  it('ignores prose, numbers, file names and email addresses', () => {
    const text = 'Le Dr M.Dupont a réglé 12.50 €, voir rapport.pdf ; écrire à contact@agencedpc.fr. Il est 10.30.';
    expect(extractLinksFromText(text)).toEqual([]);
  });

  it('reads international names and IP addresses', () => {
    const links = extractLinksFromText('http://аgencedpc.fr/login et http://185.12.4.7/ameli');
    expect(links.map((l) => l.host)).toEqual(['xn--gencedpc-06g.fr', '185.12.4.7']);
  });

  it('reads nothing into a long run of dots (timings are measured by bench.ts, not here)', () => {
    expect(extractLinksFromText('a.'.repeat(50_000))).toEqual([]);
  });
});

describe('parseHref', () => {
  it('keeps dangerous schemes and drops mailto', () => {
    expect(parseHref('javascript:alert(1)')?.unusualScheme).toBe('javascript');
    expect(parseHref('mailto:a@b.fr')).toBeNull();
    expect(parseHref('https://bit.ly/3xYz')?.host).toBe('bit.ly');
  });
});
