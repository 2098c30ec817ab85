import { describe, expect, it } from 'vitest';
import type { HtmlText } from './html-text.js';
import { htmlToText } from './html-text.js';

/** Each link as [target, displayed text], checking that its span in the text shows that text. */
function links(result: HtmlText): [string, string][] {
  return result.anchors.map((anchor) => {
    expect(result.text.slice(anchor.start, anchor.end)).toBe(anchor.displayedText);
    return [anchor.href, anchor.displayedText];
  });
}

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
    expect(htmlToText('<a HREF=http://x.fr/?a=1&amp;b=2 title="t">x</a>').anchors[0]?.href).toBe('http://x.fr/?a=1&b=2');
    expect(htmlToText("<a data-href='no' href='https://y.fr'>y</a>").anchors[0]?.href).toBe('https://y.fr');
    expect(htmlToText('d&eacute;j&#224; &#x20AC; &unknown; &').text).toBe('déjà € &unknown; &');
  });

  it('copes with unclosed links and styles (timings are measured by bench.ts, not here)', () => {
    const result = htmlToText('<a href="https://x.fr">'.repeat(2_000) + 'texte<style>'.repeat(500));
    expect(result.text).toBe('texte');
    expect(result.anchors).toEqual([]);
  });
});

describe('htmlToText on markup a browser forgives', () => {
  it('decodes character references as a browser does, with or without their semicolon', () => {
    // &#149; is the Windows-1252 bullet, as HTML reads it; « &nbsp| » lacks its semicolon.
    expect(htmlToText('&#149; Offre&nbsp|&nbspRésilier &equiv; &#153').text).toBe('• Offre\u00a0|\u00a0Résilier ≡ ™');
    // In an attribute, « &copy= » is not a reference: a link's query string stays as written.
    expect(htmlToText('<a href="https://x.fr/?a=1&copy=2">x</a>').anchors[0]?.href).toBe('https://x.fr/?a=1&copy=2');
  });

  it('shows the body of a page whose <head> is never closed', () => {
    const result = htmlToText('<html><head><title>Lettre</title><body><p>Votre certification expire.</p>');
    expect(result.text).toBe('Votre certification expire.');
  });

  it('drops comments, unclosed comments and CDATA sections, links included', () => {
    const result = htmlToText('a<!-- <a href="https://x.fr">x</a> -->b<![CDATA[ c ]]>d<!-- <a href="https://y.fr">y</a>');
    expect(result.text).toBe('abd');
    expect(result.anchors).toEqual([]);
  });

  it('keeps a lone « < » as text, and drops a tag cut off by the end of the body', () => {
    expect(htmlToText('prix < 10 € <<< fin <a href="https://x.fr').text).toBe('prix < 10 € <<< fin');
  });

  it('hides the content of frames and shows that of a text area', () => {
    expect(htmlToText('<iframe><p>cadre</p></iframe>a<noscript>b</noscript><textarea>c &lt;d&gt;</textarea>').text).toBe('ac <d>');
  });

  it('lists no link for an <a> without a target, but keeps its text', () => {
    const result = htmlToText('<a name="haut">Haut</a> <a href="">vide</a> <a href>nu</a>');
    expect(result.text).toBe('Haut vide nu');
    expect(result.anchors).toEqual([]);
  });

  it('ends a link at the next <a>, as a browser does, so a link cannot hide behind another', () => {
    const result = htmlToText('<a href="https://evil.example">www.ameli.fr<a href="https://www.ameli.fr">Ameli</a> fin');
    expect(links(result)).toEqual([['https://evil.example', 'www.ameli.fr'], ['https://www.ameli.fr', 'Ameli']]);
  });

  it('keeps a closed link that shows no text (an image), but not an empty one ended by the next <a>', () => {
    const result = htmlToText('<a href="https://image.example"><img src="b.png"></a><a href="https://vide.example"><a href="https://x.fr">x</a>');
    expect(links(result)).toEqual([['https://image.example', ''], ['https://x.fr', 'x']]);
  });

  it('does not list a link still open at the end of the body', () => {
    const result = htmlToText('<p>Cliquez <a href="https://x.fr">ici');
    expect(result.text).toBe('Cliquez ici');
    expect(result.anchors).toEqual([]);
  });

  it('reads an attribute whose value starts on the next line', () => {
    expect(links(htmlToText('<a target="_blank"  href =\n"https://x.fr/"><b>CLIQUEZ</b> </a>'))).toEqual([['https://x.fr/', 'CLIQUEZ']]);
  });

  it('never makes a text longer than its HTML, even from 100 000 unclosed tags', () => {
    const html = '<div><a href="https://x.fr"><b>&eacute;<p>'.repeat(5_000) + '</span>'.repeat(50_000);
    const result = htmlToText(html);
    expect(result.text.length).toBeLessThanOrEqual(html.length);
    expect(result.text.startsWith('é\né')).toBe(true);
  });
});
