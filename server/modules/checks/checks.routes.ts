import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_EML_BASE64_CHARS, ZAnalysis, ZAnalysisRequest } from '../../../contracts/checks.schemas.js';
import { apiEmlTooLargeMessage } from '../../../contracts/checks.limits.js';
import { ERROR_MESSAGES } from '../../../contracts/errors.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { zodFastSerializerCompiler } from '../../platform/http/compiled-serializer.js';
import { startIndicatorCache } from '../indicators/index.js';
import { analyzeMessage } from './checks.service.js';

/**
 * The body holds an .eml of up to MAX_API_EML_BYTES (10 Mo) in base64, a third larger, plus the JSON
 * around it. Past this, 413 EML_TOO_LARGE, naming the limit.
 */
export const CHECKS_BODY_LIMIT = MAX_EML_BASE64_CHARS + 64 * 1024;

/** 413 with the limit named; the size is estimated from the request's length when it is known. */
function emlTooLarge(contentLength: number | undefined): AppError {
  const message = contentLength !== undefined && contentLength > 0 ? `${apiEmlTooLargeMessage(Math.round((contentLength * 3) / 4))} ${ERROR_MESSAGES.EML_TOO_LARGE.replace(/^[^.]*\.\s*/, '')}` : ERROR_MESSAGES.EML_TOO_LARGE;
  return new AppError('EML_TOO_LARGE', undefined, message);
}

export const checksRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  // Known indicators from memory, no database round trip per check (docs/performance.md).
  const indicators = await startIndicatorCache(deps.database, app.log);
  app.addHook('onClose', () => indicators.close());
  app.post('/api/analyses', {
    // Public: a doctor in a hurry checks a message without an account. Nothing is stored.
    config: { access: 'public', rateLimit: { max: deps.config.checkRateLimitPerMinute, timeWindow: 60_000 } },
    bodyLimit: CHECKS_BODY_LIMIT,
    // A declared length over the limit is refused before the body is read.
    preParsing: async (req) => {
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > CHECKS_BODY_LIMIT) throw emlTooLarge(length);
    },
    // A body without a declared length is cut by Fastify at the limit: same answer. Thrown, the error
    // goes on to the app's handler, which writes the envelope.
    errorHandler: (err: FastifyError) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw emlTooLarge(undefined);
      throw err;
    },
    schema: {
      tags: ['checks'],
      summary: 'Analyse a suspicious SMS, email, call, link or phone number',
      description: 'An email file goes in `emlBase64` (base64 without line breaks, 25 Mo at most once decoded); past it, 413 EML_TOO_LARGE.',
      body: ZAnalysisRequest,
      response: { 200: ZAnalysis },
    },
    // The answer is written by fast-json-stringify compiled from ZAnalysis: the same bytes as zod's
    // serialiser, in a third of its time (checks-response.unit.test.ts, docs/performance.md).
    serializerCompiler: zodFastSerializerCompiler,
  }, async (req) => analyzeMessage(indicators, req.body));
};
