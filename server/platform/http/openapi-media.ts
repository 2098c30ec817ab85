import type { Readable } from 'node:stream';
import { z } from 'zod';

/**
 * How a route that answers something other than JSON declares it, in its `schema.response`: one entry per
 * media type it may send (`{ 200: fileResponse('…', { 'application/pdf': zFileBytes }) }`). The document
 * then names the real types, and a generated client does not parse a PDF as JSON.
 *
 * At run time Fastify keys the response's serializer by the reply's media type, and serializes only what
 * is neither a string nor bytes: a file sent as a Buffer or a string goes out as it is.
 */

/**
 * The bytes of a file, as they are (PDF, image, email): `{ type: string, format: binary }` in the document.
 * Typed as what a handler sends, a Buffer, a stream or a string, which Fastify never hands to a serializer.
 */
export const zFileBytes = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<Buffer | Readable | string>;

/** A response of one or more media types, each with its schema (zod, like every other response). */
export function fileResponse<const C extends Record<string, z.ZodType>>(description: string, content: C): { description: string; content: { [K in keyof C]: { schema: C[K] } } } {
  const entries = Object.entries(content).map(([mediaType, schema]) => [mediaType, { schema }]);
  return { description, content: Object.fromEntries(entries) as { [K in keyof C]: { schema: C[K] } } };
}

/** Media types a route may send that a JSON client reads as JSON (`application/json`, `application/stix+json`…). */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(mediaType.split(';')[0]!.trim());
}

/** The same bytes schema under each of several media types: a download typed by its content. */
export function bytesIn<const T extends readonly string[]>(mediaTypes: T): Record<T[number], typeof zFileBytes> {
  return Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, zFileBytes])) as Record<T[number], typeof zFileBytes>;
}
