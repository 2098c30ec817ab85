import { describe, expect, it } from 'vitest';
import { csvCell, stixPattern, stixString, uuidv5 } from './indicator-formats.js';
import { toPrintable } from './dossier-pdf.js';

describe('uuidv5', () => {
  it('matches the RFC 4122 construction (DNS namespace example)', () => {
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable and distinct per name', () => {
    expect(uuidv5('phone:+33612345678')).toBe(uuidv5('phone:+33612345678'));
    expect(uuidv5('phone:+33612345678')).not.toBe(uuidv5('phone:+33612345679'));
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+33612345678', `"'+33612345678"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['a;b', '"a;b"'],
    ['dit "oui"', '"dit ""oui"""'],
    ['ligne\nsuivante', '"ligne\nsuivante"'],
    ['exemple.fr', 'exemple.fr'],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('STIX patterns', () => {
  it('escapes backslashes before quotes', () => {
    expect(stixString("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(stixString("\\'")).toBe("'\\\\\\''");
  });

  it('names the object of each kind', () => {
    expect(stixPattern('phone', '+33612345678')).toBe("[x-phone-number:value = '+33612345678']");
    expect(stixPattern('domain', 'exemple.fr')).toBe("[domain-name:value = 'exemple.fr']");
    expect(stixPattern('url', 'https://exemple.fr/a')).toBe("[url:value = 'https://exemple.fr/a']");
    expect(stixPattern('email', 'x@exemple.fr')).toBe("[email-addr:value = 'x@exemple.fr']");
  });
});

describe('toPrintable (PDF standard fonts)', () => {
  it('keeps French text and the Windows-1252 extras', () => {
    expect(toPrintable('Œuvre « été » — 42 € ’')).toEqual({ text: 'Œuvre « été » — 42 € ’', replaced: false });
  });

  it('approximates or replaces the rest, and drops control characters', () => {
    expect(toPrintable('ł→\u200b\u0007x\r\ny\tz')).toEqual({ text: '??x\ny    z', replaced: true });
    expect(toPrintable('ﬁn')).toEqual({ text: 'fin', replaced: false });
  });
});
