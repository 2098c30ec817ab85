/**
 * The face of the DPC drift screening (issue 12): what the server, the CLI and the awareness page may
 * use. Everything here is pure and synchronous.
 */
import type { DriftScreening } from './screen-drift.js';
import { screenDrift } from './screen-drift.js';

export type { DriftFinding, DriftPriority, DriftScreening, EvidenceSpan } from './screen-drift.js';
export { PRIORITY_FLOORS, priorityOf, SCREENING_THRESHOLD } from './screen-drift.js';
export type { DriftFamilyAwareness, DriftMarker } from './drift-awareness.js';
export { DRIFT_REFERRALS, driftFamilies } from './drift-awareness.js';
export type { DriftFamilyId, DriftSource, DriftSourceId } from './drift-families.js';
export { DRIFT_FAMILY_IDS, isDriftFamilyId } from './drift-families.js';
export { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION } from './drift-lexicon.js';
export type { ScreenedKind } from './rules/drift-rule.js';

/** Screens the text of a training action as its organisation describes it (title, objectives, programme…). */
export function screenProgramme(text: string): DriftScreening {
  return screenDrift(text, 'programme');
}

/** Screens what a doctor, a participant or a patient's relative wrote to report a training or a practitioner. */
export function screenSignalement(text: string): DriftScreening {
  return screenDrift(text, 'signalement');
}
