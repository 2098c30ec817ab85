import { describe, expect, it } from 'vitest';
import { attributeValue, decodeEntities, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('keeps visible text, drops styles and scripts, and lists links with their displayed text', () => {
    const html = '<html><head><style>a{}</style></head><body><p>Bonjour&nbsp;Docteur,</p><script>x()</script>'
      + '<p>Voir <a class="b" href="https://agencedpc-validation.fr/login">www.agencedpc.fr</a>.</p></body></html>';
    const result = htmlToText(html);
    expect(result.text).toBe('Bonjour\u00a0Docteur,\nVoir www.agencedpc.fr.');
    expect(result.anchors).toHaveLength(1);
    const anchor = result.anchors[0]!;
    expect(anchor.href).toBe('https://agencedpc-validation.fr/login');
    expect(result.text.slice(anchor.start, anchor.end)).toBe('www.agencedpc.fr');
  });

  it('reads quoted and unquoted attributes and decodes entities', () => {
    expect(attributeValue(' a HREF=http://x.fr/?a=1&amp;b=2 title="t"', 'href')).toBe('http://x.fr/?a=1&b=2');
    expect(attributeValue(" a data-href='no' href='https://y.fr'", 'href')).toBe('https://y.fr');
    expect(decodeEntities('d&eacute;j&#224; &#x20AC; &unknown; &')).toBe('déjà € &unknown; &');
  });

  it('copes with unclosed links and styles (timings are measured by bench.ts, not here)', () => {
    const result = htmlToText('<a href="https://x.fr">'.repeat(2_000) + 'texte<style>'.repeat(500));
    expect(result.text).toBe('texte');
    expect(result.anchors).toEqual([]);
  });
});
