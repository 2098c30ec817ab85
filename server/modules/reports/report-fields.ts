import type { z } from '../../../contracts/zod.js';
import { AppError } from '../../platform/errors.js';

/**
 * Parses `input` with a contracts schema; on failure throws VALIDATION_FAILED listing every bad field, in
 * the envelope the error handler gives a route's body (`details.fields`: path joined with dots, an
 * unknown key reported as « Champ non autorisé. »). Used for multipart fields and by the filing service.
 */
export function validateFields<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', {
    fields: parsed.error.issues.flatMap((issue) => {
      const base = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'Champ non autorisé.' }));
      return [{ path: base, message: issue.message }];
    }),
  });
}
