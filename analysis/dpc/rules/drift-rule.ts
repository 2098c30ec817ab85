import type { RuleDefinition } from '../../engine/ruleset.js';
import type { DriftFamilyId, DriftSourceId } from '../drift-families.js';

/** The texts the DPC screening reads: a training programme, or a signalement written by a person. */
export const SCREENED_KINDS = ['programme', 'signalement'] as const;
export type ScreenedKind = (typeof SCREENED_KINDS)[number];

/**
 * A drift marker: an engine rule with its family and the public sources it is written from. `scopes`,
 * when present, lists the kinds of text it applies to (some markers only make sense in what a person
 * reports: « sous emprise », « a coupé les ponts »).
 */
export interface DriftRule extends RuleDefinition {
  readonly family: DriftFamilyId;
  readonly sources: readonly DriftSourceId[];
  readonly scopes?: readonly ScreenedKind[];
  /**
   * The group (index in `allOf`) whose phrase carries the claim, read for a negation; 0 if absent.
   * « la chimiothérapie n’est pas un poison » negates the poison, not the chemotherapy.
   */
  readonly claimGroup?: number;
}
