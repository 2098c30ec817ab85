import type { TDpcVigilance } from '../../../contracts/dpc.schemas.js';
import type { DriftMarker, ScreenedKind } from '../../../analysis/dpc/index.js';
import { DRIFT_LEXICON_VERSION, DRIFT_REFERRALS, driftFamilies } from '../../../analysis/dpc/index.js';

type TDpcDriftMarker = TDpcVigilance['families'][number]['markers'][number];

let vigilance: TDpcVigilance | undefined;

/**
 * The awareness page's content (issue 12, the convention's first axis): every family of drift markers
 * with its markers and sources, and where to refer, read from the lexicon the screening runs, so the page
 * cannot say something the screening does not do. The lexicon changes only with a deployment: the view
 * is built once per process.
 */
export function describeDriftVigilance(): TDpcVigilance {
  vigilance ??= {
    lexiconVersion: DRIFT_LEXICON_VERSION,
    families: driftFamilies().map((family) => ({ ...family, markers: family.markers.map(markerView), sources: [...family.sources] })),
    referrals: DRIFT_REFERRALS.map((referral) => ({ ...referral })),
  };
  return vigilance;
}

function markerView(marker: DriftMarker): TDpcDriftMarker {
  const { onlyIn, ...rest } = marker;
  return {
    ...rest,
    phrases: [...marker.phrases],
    examples: [...marker.examples],
    // The awareness type keeps a rule's scopes as plain strings; they are the rule's screened kinds, and
    // the response schema checks them.
    ...(onlyIn ? { onlyIn: [...onlyIn] as ScreenedKind[] } : {}),
  };
}
