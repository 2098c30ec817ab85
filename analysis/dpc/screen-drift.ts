/**
 * Screens a training programme or a signalement against the drift lexicon: which markers, where in the
 * text, and a score from 0 to 100 with a priority for the reviewers. Pure and synchronous.
 */
import type { PreparedText, RuleHit } from '../engine/match.js';
import { findExpression, prepareText, runRuleset } from '../engine/match.js';
import { combineScore, MAX_MITIGATION } from '../engine/score.js';
import { isNegatedWord, wordAt } from '../engine/negation.js';
import type { DriftFamilyId } from './drift-families.js';
import { DRIFT_FAMILIES } from './drift-families.js';
import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION, DRIFT_RULESET } from './drift-lexicon.js';
import type { DriftRule, ScreenedKind } from './rules/drift-rule.js';
import { isQuotedAsWarning, readWarningContext } from './warning-context.js';

export type DriftPriority = 'haute' | 'moyenne' | 'basse' | 'aucune';

/**
 * Lower bounds of the priorities. « moyenne » is the screening threshold: from there a text goes to a
 * reviewer (the recall target of issue 12 is measured at it). It is the lowest score with no false
 * positive on the training part (`npm run eval:dpc` scans it): one clear marker is enough to be read by
 * someone, a weak one alone (« basse ») stays visible in the catalogue but is pushed to no one.
 */
export const PRIORITY_FLOORS = { haute: 70, moyenne: 30 } as const;
export const SCREENING_THRESHOLD = PRIORITY_FLOORS.moyenne;

export interface EvidenceSpan {
  /** Offsets in the screened text, as given (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface DriftFinding {
  readonly ruleId: string;
  readonly family: DriftFamilyId;
  readonly familyLabel: string;
  readonly explanation: string;
  readonly evidence: readonly EvidenceSpan[];
  readonly weight: number;
}

export interface DriftScreening {
  readonly lexiconVersion: string;
  /** Changes on any edit of the lexicon: a stored screening with another one is to be redone. */
  readonly lexiconFingerprint: string;
  readonly kind: ScreenedKind;
  /** A programme about recognising drift: its findings are quotations, its score is lowered. */
  readonly aboutDrift: boolean;
  readonly score: number;
  readonly priority: DriftPriority;
  readonly findings: readonly DriftFinding[];
}

export function priorityOf(score: number): DriftPriority {
  if (score >= PRIORITY_FLOORS.haute) return 'haute';
  if (score >= PRIORITY_FLOORS.moyenne) return 'moyenne';
  return score > 0 ? 'basse' : 'aucune';
}

/** Screens any text of the given kind; never throws on a string. */
export function screenDrift(text: string, kind: ScreenedKind): DriftScreening {
  const prepared = prepareText(text);
  const run = runRuleset(prepared, DRIFT_RULESET, { scope: kind });
  const warning = kind === 'programme' ? readWarningContext(prepared) : null;
  const hits = run.hits.filter((hit) => !isSaidInTheNegative(prepared, hit) && !(warning && isQuotedAsWarning(prepared, hit, warning)));
  const findings = hits.map((hit) => findingOf(hit, text));
  const aboutDrift = warning?.aboutDrift ?? false;
  const signals = findings.map((finding) => ({ weight: finding.weight, mitigable: true }));
  // A programme about drift keeps what it names visible but is not pushed to reviewers for it.
  if (aboutDrift) signals.push({ weight: -100 * MAX_MITIGATION, mitigable: true });
  const score = combineScore(signals);
  return {
    lexiconVersion: DRIFT_LEXICON_VERSION,
    lexiconFingerprint: DRIFT_LEXICON_FINGERPRINT,
    kind,
    aboutDrift,
    score,
    priority: priorityOf(score),
    findings,
  };
}

/**
 * « ce programme ne prétend pas guérir le cancer »: a marker said in the negative is not one. Only the
 * phrase that carries the claim is read for a negation (the rule's `claimGroup`, its first group by
 * default): in « ne plus parler à sa famille », the family is not what is negated, the contact is.
 */
function isSaidInTheNegative(text: PreparedText, hit: RuleHit): boolean {
  const first = wordAt(text, (hit.normalizedSpans[0] as { start: number }).start);
  const last = wordAt(text, (hit.normalizedSpans[hit.normalizedSpans.length - 1] as { end: number }).end - 1);
  const claims = hit.rule.groups[(hit.rule.definition as DriftRule).claimGroup ?? 0] ?? [];
  return claims.some((expression) =>
    findExpression(text, expression).some((o) => o.first >= first && o.last <= last && isNegatedWord(text, o.first)),
  );
}

function findingOf(hit: RuleHit, text: string): DriftFinding {
  // Every rule of DRIFT_RULESET is a DriftRule (drift-lexicon.ts compiles nothing else).
  const rule = hit.rule.definition as DriftRule;
  return {
    ruleId: rule.id,
    family: rule.family,
    familyLabel: DRIFT_FAMILIES[rule.family].label,
    explanation: rule.explanation,
    evidence: hit.spans.map((span) => ({ start: span.start, end: span.end, text: text.slice(span.start, span.end) })),
    weight: rule.weight,
  };
}
