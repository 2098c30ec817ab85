import { z } from './zod.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';
import { REPORT_VERDICTS } from './report-vocabulary.js';

import { MAX_EML_BASE64_CHARS, MAX_EML_BYTES, MAX_TEXT_CHARS } from './checks.limits.js';

export { MAX_EML_BASE64_CHARS, MAX_EML_BYTES, MAX_TEXT_CHARS };

export const ZAnalysisRequest = z
  .strictObject({
    kind: z.enum(MESSAGE_KINDS, { error: 'Choisissez le type : SMS, courriel, appel, lien ou numéro.' }),
    text: z.string().max(MAX_TEXT_CHARS, { error: `Le texte dépasse ${MAX_TEXT_CHARS.toLocaleString('fr-FR')} caractères.` }).optional(),
    emlBase64: z
      .string()
      // No length here: the route's body limit bounds it (MAX_EML_BASE64_CHARS and the JSON around), and
      // a decoded file over MAX_EML_BYTES is refused with 413 EML_TOO_LARGE (checks.routes.ts, .service.ts).
      .regex(/^[A-Za-z0-9+/=\r\n]*$/, { error: 'Le fichier doit être transmis en base64.' })
      .optional(),
    receivedAt: z.iso.datetime({ offset: true, error: 'Date de réception invalide.' }).optional(),
  })
  .refine((v) => (v.text !== undefined && v.text.trim() !== '') || v.emlBase64 !== undefined, {
    error: 'Collez le message ou déposez le fichier .eml.',
    path: ['text'],
  })
  .refine((v) => v.emlBase64 === undefined || v.kind === 'email', {
    error: 'Un fichier .eml ne peut être analysé que comme courriel.',
    path: ['emlBase64'],
  });
export type TAnalysisRequest = z.infer<typeof ZAnalysisRequest>;

const ZSpan = z.object({ start: z.number().int(), end: z.number().int() });

export const ZAnalysis = z.object({
  kind: z.enum(MESSAGE_KINDS),
  verdict: z.enum(REPORT_VERDICTS),
  verdictLabel: z.string(),
  score: z.number(),
  family: z.object({ id: z.string(), label: z.string() }).nullable(),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      category: z.string(),
      explanation: z.string(),
      evidence: z.array(ZSpan).readonly(),
      weight: z.number(),
      fact: z.object({ id: z.string(), text: z.string(), source: z.string() }).optional(),
      family: z.string().optional(),
    }),
  ).readonly(),
  advice: z.array(z.object({ id: z.string(), text: z.string() })).readonly(),
  indicators: z.object({
    phones: z.array(z.object({ e164: z.string(), country: z.string().optional(), category: z.string(), evidence: ZSpan })).readonly(),
    domains: z.array(z.string()).readonly(),
    urls: z.array(z.string()).readonly(),
    emailAddresses: z.array(z.object({ address: z.string(), role: z.string(), displayName: z.string().optional() })).readonly(),
    organisations: z.array(z.object({ id: z.string(), label: z.string() })).readonly(),
  }),
  shownText: z.string(),
  rulesetVersion: z.string(),
  complete: z.boolean(),
  notices: z.array(z.string()).readonly(),
  receivedAt: z.string().optional(),
});
export type TAnalysis = z.infer<typeof ZAnalysis>;
