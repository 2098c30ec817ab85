import type { FastifySchemaCompiler } from 'fastify';

// Control characters have no place in text a person typed: U+0000 is refused by PostgreSQL (a 500
// before this rule), and the others hide text from reviewers or break CSV and mail. Tab, line feed and
// carriage return stay; everything else in C0, DEL and C1 goes. One rule for every text field.
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's whole point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The text without control characters other than tab, line feed and carriage return. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // Query strings are parsed into objects whose prototype itself has no prototype.
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

function stripDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(stripDeep);
  if (isPlainObject(value)) {
    // fromEntries defines own properties: a key « __proto__ » stays a key and never sets the prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControlCharacters(k), stripDeep(v)]));
  }
  return value;
}

/**
 * The same rule applied to every string inside parsed JSON, a query string or path parameters (plain
 * objects and arrays, keys included). Anything else (a Buffer, a stream) is left as it is. The result
 * has the value's shape (only characters inside strings go), hence its type: a caller cleaning a typed
 * value (an analysis) keeps its type. A key made only of control characters would become '' — no
 * typed value has one.
 */
export function stripControlCharactersDeep<T>(value: T): T {
  return stripDeep(value) as T;
}

/**
 * Wraps the routes' validator compiler so the body, query string and path parameters are cleaned by the
 * rule above before the schema reads them: every route that validates its input gets the rule, with no
 * line in the route. Headers are left alone (they are not stored text, and Node already refuses NUL there).
 */
export function stripBeforeValidation<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route);
    if (route.httpPart === 'headers') return validate;
    return (data: unknown) => validate(stripControlCharactersDeep(data));
  };
}
