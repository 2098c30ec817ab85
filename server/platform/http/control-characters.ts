// Control characters have no place in text a person typed: U+0000 is refused by PostgreSQL (a 500
// before this rule), and the others hide text from reviewers or break CSV and mail. Tab, line feed and
// carriage return stay; everything else in C0, DEL and C1 goes. One rule for every text field.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The text without control characters other than tab, line feed and carriage return. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** The same rule applied to every string inside parsed JSON (objects, arrays), keys included. */
export function stripControlCharactersDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(stripControlCharactersDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[stripControlCharacters(k)] = stripControlCharactersDeep(v);
    return out;
  }
  return value;
}
