import fastJsonStringify from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON schema fast-json-stringify compiles, derived from zod's own (`z.toJSONSchema`, output side),
 * so that on any value the zod schema accepts it writes the bytes zod's serialiser wrote:
 * - objects list only their declared properties, in zod's order, and drop any other key
 *   (`additionalProperties: false`), as zod's strip did;
 * - fast-json-stringify writes required properties before optional ones: `required` keeps only the
 *   required properties before the first optional one, so it moves nothing (an optional one in the middle,
 *   like a phone's `country`, stays where zod puts it);
 * - `X | null` becomes X with `nullable: true` (fast-json-stringify's `anyOf` would validate at run time);
 * - validation keywords (enum, format, bounds) are dropped: serialising a string does not depend on them.
 * Anything else (references, unions, tuples, records, loose objects) is refused, so a schema this does
 * not handle fails at start rather than answering differently.
 */
export function serializationSchema(schema: JsonSchema, where = '#'): JsonSchema {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (anyOf) {
    const [value, nullBranch, ...rest] = anyOf;
    if (!value || nullBranch?.type !== 'null' || rest.length > 0) throw new Error(`${where}: only « X | null » unions are supported`);
    return { ...serializationSchema(value, where), nullable: true };
  }
  switch (schema.type) {
    case 'object': {
      // A record or a loose object (additional properties kept) has keys the schema does not list.
      if (schema.additionalProperties !== false || schema.patternProperties) throw new Error(`${where}: only objects with listed keys are supported`);
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(properties);
      const firstOptional = keys.findIndex((key) => !required.has(key));
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, serializationSchema(value, `${where}/${key}`)])),
        required: firstOptional === -1 ? keys : keys.slice(0, firstOptional),
        additionalProperties: false,
      };
    }
    case 'array':
      if (Array.isArray(schema.items) || schema.prefixItems) throw new Error(`${where}: tuples are not supported`);
      return { type: 'array', items: serializationSchema(schema.items as JsonSchema, `${where}[]`) };
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type: schema.type };
    default:
      throw new Error(`${where}: no serialisation for ${JSON.stringify(schema)}`);
  }
}

/**
 * Compiles a zod response schema into a fast-json-stringify serialiser, for a route's
 * `serializerCompiler`. It writes what zod's serialiser wrote for every value of the schema's type
 * (checks-response.unit.test.ts proves it on real analyses and generated ones) in a third of the time,
 * but does not validate: the route's handler is held to the schema's type by the compiler, and undeclared
 * keys still never leave.
 */
export function compileZodSerializer(schema: z.ZodType): (data: unknown) => string {
  const compiled = serializationSchema(z.toJSONSchema(schema, { io: 'output' }) as JsonSchema);
  return fastJsonStringify(compiled as unknown as Parameters<typeof fastJsonStringify>[0]);
}

/**
 * The route option: `serializerCompiler: zodFastSerializerCompiler`. Fastify hands it each declared
 * response schema (typed loosely by Fastify as the route's whole schema, hence the check).
 */
export function zodFastSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('zodFastSerializerCompiler needs a zod response schema');
  return compileZodSerializer(schema);
}
