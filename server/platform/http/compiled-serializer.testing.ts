import fc from 'fast-check';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Strings a hand-made escaper gets wrong: quotes, backslashes, controls, line separators, lone surrogates. */
const NASTY_STRINGS = ['', '"', '\\', '\u0000', '\n\r\t\b\f', '\u001f\u007f', '\u2028\u2029', '\ud800', 'a\udfffb', '😀', '« ’ »', '</script>', 'x'.repeat(6000)];

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...NASTY_STRINGS));

/** Keys zod does not declare, to be dropped (never a declared one, never the prototype's). */
function extraKeys(declared: ReadonlySet<string>) {
  const key = fc.string({ maxLength: 12 }).filter((k) => !declared.has(k) && k !== '__proto__');
  return fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
}

/**
 * Values the zod schema whose JSON schema (z.toJSONSchema, output side) this is accepts, with undeclared
 * keys mixed in at every level and optional keys absent, present or explicitly undefined.
 */
export function valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (anyOf) return fc.oneof(...anyOf.map(valuesOf));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const fields = Object.fromEntries(
        Object.entries(properties).map(([key, sub]) => [key, required.has(key) ? valuesOf(sub) : fc.option(valuesOf(sub), { nil: undefined })]),
      );
      const declared = fc.record(fields, { requiredKeys: [...required, ...Object.keys(properties).filter((key) => !required.has(key)).slice(0, 1)] });
      return fc.tuple(declared, extraKeys(new Set(Object.keys(properties))), fc.boolean()).map(([own, extra, extraFirst]) => (extraFirst ? { ...extra, ...own } : { ...own, ...extra }));
    }
    case 'array':
      return fc.array(valuesOf(schema.items as JsonSchema), { maxLength: 3 });
    case 'string':
      return text;
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.maxSafeInteger());
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`no generator for ${JSON.stringify(schema)}`);
  }
}

/** Values of a zod schema (see valuesOf). */
export function valuesOfZod(schema: z.ZodType): fc.Arbitrary<unknown> {
  return valuesOf(z.toJSONSchema(schema, { io: 'output' }) as JsonSchema);
}

/** The serialiser Vigie's routes use (zod validates and strips, then JSON.stringify): the reference. */
export function zodSerializer(schema: z.ZodType): (data: unknown) => string {
  return serializerCompiler({ schema, method: 'POST', url: '/test' } as Parameters<typeof serializerCompiler>[0]);
}
