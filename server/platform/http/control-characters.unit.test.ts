import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripControlCharacters, stripControlCharactersDeep } from './control-characters.js';

/** Every character the rule removes: C0 but tab, line feed and carriage return; DEL; C1. */
const REMOVED = [...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)].map((c) => String.fromCharCode(c));
const isRemoved = (ch: string) => REMOVED.includes(ch);

const control = fc.constantFrom(...REMOVED);
/** Text a person may type: any Unicode (emojis, accents, other scripts), tab and line breaks, no control. */
const typed = fc.string({ unit: 'grapheme' }).map((s) => [...s].filter((ch) => !isRemoved(ch)).join(''));
/** Any code point, control characters often. */
const anyCharacter = fc.oneof(fc.constantFrom(...REMOVED, '\t', '\n', '\r'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const anyText = fc.string({ unit: anyCharacter });

describe('control characters', () => {
  it('leaves no removed character, whatever the text', () => {
    fc.assert(fc.property(anyText, (text) => [...stripControlCharacters(text)].every((ch) => !isRemoved(ch))));
  });

  it('leaves typed text untouched: accents, emojis, other scripts, tabs and line breaks', () => {
    fc.assert(fc.property(typed, (text) => stripControlCharacters(text) === text));
    expect(stripControlCharacters('Dr Hélène Lefèvre\t👩‍⚕️ 🇫🇷\r\n« 医生 » ∑')).toBe('Dr Hélène Lefèvre\t👩‍⚕️ 🇫🇷\r\n« 医生 » ∑');
  });

  it('removes only the control characters slipped into a text, keeping everything around them', () => {
    fc.assert(
      fc.property(typed, fc.array(fc.tuple(fc.nat(), control), { maxLength: 8 }), (text, insertions) => {
        const chars = [...text];
        for (const [at, ch] of insertions) chars.splice(at % (chars.length + 1), 0, ch);
        return stripControlCharacters(chars.join('')) === text;
      }),
    );
    expect(stripControlCharacters('a\u0000b\u001bc\u007fd\u0085e\u009f')).toBe('abcde');
  });

  it('cleans every string and key of a JSON value, leaving its shape and other values alone', () => {
    const clean = (v: unknown): boolean =>
      typeof v === 'string' ? [...v].every((ch) => !isRemoved(ch)) : Array.isArray(v) ? v.every(clean) : v && typeof v === 'object' ? Object.entries(v).every(([k, x]) => clean(k) && clean(x)) : true;
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: anyCharacter }), (value) => clean(stripControlCharactersDeep(value))));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }), (value) => {
        fc.pre(clean(value));
        expect(stripControlCharactersDeep(value)).toEqual(value);
      }),
    );
    // A « __proto__ » key (JSON.parse makes it an own property) stays a key: it never sets the prototype.
    const polluted = stripControlCharactersDeep(JSON.parse('{"__proto__":{"admin":"oui\\u0000"}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(polluted, '__proto__')?.value).toEqual({ admin: 'oui' });
    // Query strings come as objects whose prototype has no prototype.
    const query = Object.assign(Object.create(Object.create(null) as object) as Record<string, unknown>, { q: 'ab\u0000c' });
    expect(stripControlCharactersDeep(query)).toEqual({ q: 'abc' });
    const bytes = Buffer.from([0, 1, 2]);
    expect(stripControlCharactersDeep({ file: bytes })).toEqual({ file: bytes });
  });
});
