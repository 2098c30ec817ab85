/**
 * Whether a programme quotes drift markers to warn against them. A DPC session on recognising drift
 * (the convention's first axis) names the very markers the screening looks for; near a warning word a
 * marker is quoted, and a programme with several warning words is about drift as a whole.
 */
import type { Occurrence, PreparedText, RuleHit } from '../engine/match.js';
import { findExpression } from '../engine/match.js';
import type { CompiledExpression, CompiledRuleset } from '../engine/ruleset.js';
import { compileRuleset } from '../engine/ruleset.js';
import { wordAt } from '../engine/negation.js';
import { ABOUT_DRIFT_CUES, WARNING_CUES } from './rules/vetoes.js';

/** Words around a marker where a warning cue makes it a quotation (a sentence or two). */
export const WARNING_DISTANCE = 15;
/** Distinct cues that make a whole programme one about drift. */
export const ABOUT_DRIFT_MIN_CUES = 2;

// Compiled with the engine so that cues are read exactly as rules are (accents, plurals, elisions).
const CUES: CompiledRuleset = compileRuleset({
  id: 'dpc-mise-en-garde',
  version: '1.0.0',
  rules: [
    {
      id: 'contexte.mise-en-garde',
      description: 'Mot de mise en garde contre les dérives.',
      explanation: 'Le programme met en garde contre les dérives.',
      weight: 1,
      allOf: [[...WARNING_CUES]],
      examples: { match: ['savoir repérer les dérives'], noMatch: ['soigner la douleur'] },
    },
    {
      id: 'contexte.sur-les-derives',
      description: 'Mot d’un programme consacré aux dérives.',
      explanation: 'Le programme est consacré au repérage des dérives.',
      weight: 1,
      allOf: [[...ABOUT_DRIFT_CUES]],
      examples: { match: ['les dérives sectaires en santé'], noMatch: ['soigner la douleur'] },
    },
  ],
});

/** Changes when a cue changes: part of the lexicon's fingerprint. */
export const WARNING_CUES_FINGERPRINT = CUES.fingerprint;

function groupOf(ruleIndex: number): readonly CompiledExpression[] {
  return CUES.rules[ruleIndex]?.groups[0] ?? [];
}

export interface WarningContext {
  /** Occurrences of every warning cue, in word positions. */
  readonly cues: readonly Occurrence[];
  readonly aboutDrift: boolean;
}

export function readWarningContext(text: PreparedText): WarningContext {
  const cues = groupOf(0).flatMap((expression) => [...findExpression(text, expression)]);
  const distinct = groupOf(1).filter((expression) => findExpression(text, expression).length > 0).length;
  return { cues, aboutDrift: distinct >= ABOUT_DRIFT_MIN_CUES };
}

/** True when a warning cue stands within WARNING_DISTANCE words of the hit. */
export function isQuotedAsWarning(text: PreparedText, hit: RuleHit, context: WarningContext): boolean {
  if (context.cues.length === 0 || hit.normalizedSpans.length === 0) return false;
  const first = wordAt(text, (hit.normalizedSpans[0] as { start: number }).start);
  const last = wordAt(text, (hit.normalizedSpans[hit.normalizedSpans.length - 1] as { end: number }).end - 1);
  if (first < 0 || last < 0) return false;
  return context.cues.some((cue) => cue.last >= first - WARNING_DISTANCE && cue.first <= last + WARNING_DISTANCE);
}
