import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../analysis/corpus/load-corpus.js';
import { ZAnalysis, type TAnalysisRequest } from '../../../contracts/checks.schemas.js';
import { compileZodSerializer } from '../../platform/http/compiled-serializer.js';
import { valuesOfZod, zodSerializer } from '../../platform/http/compiled-serializer.testing.js';
import type { IndicatorLookup } from '../indicators/index.js';
import { analyzeMessage } from './checks.service.js';

// POST /api/analyses writes its answer with fast-json-stringify compiled from ZAnalysis
// (checks.routes.ts); before, zod validated and stripped it, then JSON.stringify wrote it. Same bytes.

/** Every indicator already reported, some by a campaign: the analyses then carry their known-indicator findings. */
const everythingKnown: IndicatorLookup = {
  find: async (values) => values.map((value, i) => ({ value, reportCount: 2 + i, campaignLabel: i % 2 === 0 ? 'Faux « contrôle » DPC — novembre' : null })),
  close: async () => {},
};
const nothingKnown: IndicatorLookup = { find: async () => [], close: async () => {} };

const EML = [
  'From: "ANDPC Service" <contact@andpc-validation.com>',
  'To: docteur@exemple.fr',
  'Subject: =?UTF-8?B?VmFsaWRleiB2b3MgZHJvaXRzIERQQw==?=',
  'Reply-To: dossier@gmail.com',
  'Date: Tue, 3 Nov 2026 09:12:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Bonjour Docteur, gr=C3=A2ce =C3=A0 vos droits DPC, une formation est prise en charge.',
  'Cr=C3=A9ez votre compte ici : https://andpc-validation.com/connexion ou appelez le 09 70 12 34 56.',
  '',
].join('\r\n');

/** Real requests: the whole labelled corpus (every kind, fraud and genuine), an .eml and a dated SMS. */
function realRequests(): TAnalysisRequest[] {
  return [
    ...loadCorpus().map((entry) => ({ kind: entry.kind, text: entry.text })),
    { kind: 'email', emlBase64: Buffer.from(EML).toString('base64') },
    { kind: 'sms', text: 'Votre colis est bloqué, réglez 1,99 € sur https://colis-suivi.info/r?id=42', receivedAt: '2026-11-03T09:12:00+01:00' },
  ];
}

describe('the check’s answer, written by the compiled serialiser', () => {
  const compiled = compileZodSerializer(ZAnalysis);
  const reference = zodSerializer(ZAnalysis);

  it('is byte for byte what zod’s serialiser wrote, on real analyses', async () => {
    let compared = 0;
    for (const lookup of [nothingKnown, everythingKnown]) {
      for (const request of realRequests()) {
        const analysis = await analyzeMessage(lookup, request);
        expect(compiled(analysis)).toBe(reference(analysis));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('covers the optional and nullable parts of the answer in those analyses', async () => {
    const written = await Promise.all(realRequests().map(async (request) => compiled(await analyzeMessage(everythingKnown, request))));
    const all = written.join('\n');
    for (const part of ['"family":null', '"family":{"id"', '"fact":{', '"country":"FR"', '"displayName"', '"receivedAt"', '"category":"signalement"']) expect(all).toContain(part);
  });

  it('is byte for byte what zod’s serialiser wrote, on any value of the answer’s type (undeclared keys included)', () => {
    fc.assert(
      fc.property(valuesOfZod(ZAnalysis), (value) => {
        expect(compiled(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });
});
