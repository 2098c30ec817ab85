import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION, screenProgramme, type DriftScreening } from '../../../analysis/dpc/index.js';

/**
 * What the catalogue screens programmes with: the drift lexicon of analysis/dpc, named by its version
 * and its fingerprint (which changes on any edit). A rescreen is given another one only by the
 * benchmark, to stand for a lexicon release without editing the real one.
 */
export interface ProgrammeScreener {
  lexiconVersion: string;
  lexiconFingerprint: string;
  screen(text: string): DriftScreening;
}

export const CURRENT_SCREENER: ProgrammeScreener = {
  lexiconVersion: DRIFT_LEXICON_VERSION,
  lexiconFingerprint: DRIFT_LEXICON_FINGERPRINT,
  screen: screenProgramme,
};

/** The text of an action the screening reads: its title, then its programme, as the organisation wrote them. */
export function screenedTextOf(action: { title: string; programme: string }): string {
  return `${action.title}\n\n${action.programme}`;
}
