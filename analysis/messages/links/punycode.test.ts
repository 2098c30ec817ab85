import { describe, expect, it } from 'vitest';
import { decodePunycodeLabel, hostToUnicode } from './punycode.js';

describe('punycode', () => {
  it('decodes internationalised labels, whatever the case of their prefix', () => {
    expect(decodePunycodeLabel('xn--gencedpc-06g')).toBe('\u0430gencedpc');
    expect(decodePunycodeLabel('XN--bcher-kva')).toBe('bücher');
    expect(hostToUnicode('www.xn--mdecin-bva.fr')).toBe('www.médecin.fr');
  });

  it('leaves other labels alone', () => {
    expect(decodePunycodeLabel('ameli')).toBeNull();
    expect(hostToUnicode('www.ameli.fr')).toBe('www.ameli.fr');
  });

  it('keeps a label that is not valid Punycode as written instead of throwing', () => {
    for (const label of ['xn--é', 'xn---', 'xn--99999999999', 'xn--zzzzzzzzzzzzzzzzzzzz', `xn--${'a'.repeat(300)}`]) {
      expect(decodePunycodeLabel(label)).toBeNull();
    }
    expect(hostToUnicode('xn--99999999999.xn--bcher-kva.de')).toBe('xn--99999999999.bücher.de');
  });
});
