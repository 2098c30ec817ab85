import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { compileZodSerializer, zodFastSerializerCompiler } from './compiled-serializer.js';
import { valuesOfZod, zodSerializer } from './compiled-serializer.testing.js';

const ZSample = z.object({
  id: z.string(),
  // Optional before required ones: fast-json-stringify alone would move it after them.
  country: z.string().optional(),
  category: z.enum(['fixe', 'mobile']),
  span: z.object({ start: z.number().int(), end: z.number().int() }),
  owner: z.object({ id: z.string(), label: z.string() }).nullable(),
  scores: z.array(z.number()).readonly(),
  flags: z.array(z.object({ on: z.boolean(), note: z.string().optional() })),
  receivedAt: z.string().optional(),
});

describe('compileZodSerializer', () => {
  const compiled = compileZodSerializer(ZSample);
  const reference = zodSerializer(ZSample);

  it('writes the declared fields in zod’s order and drops the others, like zod', () => {
    const value = {
      secret: 'never sent',
      category: 'fixe',
      span: { end: 9, start: 2, extra: true },
      id: '+33612345678',
      country: 'FR',
      owner: null,
      scores: [0.5, -0, 1e21],
      flags: [{ on: true, note: undefined, hidden: 1 }],
    };
    const written = compiled(value);
    expect(written).toBe(reference(value));
    expect(written).toBe('{"id":"+33612345678","country":"FR","category":"fixe","span":{"start":2,"end":9},"owner":null,"scores":[0.5,0,1e+21],"flags":[{"on":true}]}');
  });

  it('writes exactly what zod’s serialiser wrote, for any value of the schema', () => {
    fc.assert(
      fc.property(valuesOfZod(ZSample), (value) => {
        expect(compiled(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses at start a schema it cannot write the same way', () => {
    expect(() => compileZodSerializer(z.object({ either: z.union([z.string(), z.number()]) }))).toThrow(/#\/either/);
    expect(() => compileZodSerializer(z.object({ pair: z.tuple([z.string(), z.number()]) }))).toThrow(/tuples/);
    expect(() => compileZodSerializer(z.object({ byKey: z.record(z.string(), z.number()) }))).toThrow(/byKey/);
    expect(() => compileZodSerializer(z.looseObject({ id: z.string() }))).toThrow(/listed keys/);
    expect(() => zodFastSerializerCompiler({ schema: { type: 'object' } })).toThrow(/zod/);
  });
});
