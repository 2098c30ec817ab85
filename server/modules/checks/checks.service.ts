import { analyzePrepared, indicatorLookupKeys, indicatorsOf, MessageInputError, prepareMessage } from '../../../analysis/analyze.js';
import type { KnownIndicator, MessageInput } from '../../../analysis/analysis.types.js';
import { apiEmlTooLargeMessage, MAX_API_EML_BYTES } from '../../../contracts/checks.limits.js';
import type { TAnalysis, TAnalysisRequest } from '../../../contracts/checks.schemas.js';
import { ERROR_MESSAGES } from '../../../contracts/errors.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { IndicatorLookup } from '../indicators/index.js';

function toMessageInput(request: TAnalysisRequest): MessageInput {
  return {
    kind: request.kind,
    ...(request.emlBase64 !== undefined ? { raw: new Uint8Array(Buffer.from(request.emlBase64, 'base64')) } : { text: request.text ?? '' }),
    ...(request.receivedAt !== undefined ? { receivedAt: request.receivedAt } : {}),
  };
}

/**
 * Analyses a suspicious message for anyone, logged in or not. Nothing is stored: the message lives only
 * in this request. Indicators already reported to Vigie (active ones only) strengthen the verdict, by
 * count and campaign name, never revealing who reported them; they are read from the in-memory cache
 * (indicator-cache.ts), which answers as the database would. Throws VALIDATION_FAILED on input the
 * engine refuses.
 */
export async function analyzeMessage(indicators: IndicatorLookup, request: TAnalysisRequest): Promise<TAnalysis> {
  const input = toMessageInput(request);
  // Base64 with line breaks can pass the body limit with a file a little over the limit: same 413.
  if (input.raw !== undefined && input.raw.length > MAX_API_EML_BYTES) {
    throw new AppError('EML_TOO_LARGE', undefined, `${apiEmlTooLargeMessage(input.raw.length)} ${ERROR_MESSAGES.EML_TOO_LARGE.replace(/^[^.]*\.\s*/, '')}`);
  }
  try {
    // Parse once (MIME decoding is the costly part), look indicators up, then analyse.
    const prepared = await prepareMessage(input);
    const sightings = await indicators.find(indicatorLookupKeys(indicatorsOf(prepared)));
    const knownIndicators = new Map<string, KnownIndicator>(
      sightings.map((s) => [s.value, { reports: s.reportCount, ...(s.campaignLabel ? { campaign: s.campaignLabel } : {}) }]),
    );
    return analyzePrepared(prepared, { knownIndicators });
  } catch (err) {
    if (err instanceof MessageInputError) throw fieldError(request.emlBase64 !== undefined ? 'emlBase64' : 'text', err.message);
    throw err;
  }
}
