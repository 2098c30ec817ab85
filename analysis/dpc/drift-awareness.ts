/**
 * What the awareness page (the convention's first axis) shows, generated from the lexicon itself so
 * that the page never says something the screening does not do: each family in plain French, its
 * markers as readable phrases and examples, and the sources they are written from.
 */
import type { Expression } from '../engine/ruleset.js';
import type { DriftFamilyId, DriftSource, DriftSourceId } from './drift-families.js';
import { DRIFT_FAMILIES, DRIFT_FAMILY_IDS, DRIFT_SOURCES } from './drift-families.js';
import { DRIFT_RULES } from './drift-lexicon.js';
import type { DriftRule } from './rules/drift-rule.js';

export interface DriftMarker {
  readonly ruleId: string;
  readonly description: string;
  readonly explanation: string;
  /** The phrases the rule looks for, readable (« guéri… » for a prefix); regular expressions are left out. */
  readonly phrases: readonly string[];
  /** Sentences the rule recognises (they are run as tests). */
  readonly examples: readonly string[];
  /** Texts that only count within this kind of text (a signalement), when the rule is restricted. */
  readonly onlyIn?: readonly string[];
}

export interface DriftFamilyAwareness {
  readonly id: DriftFamilyId;
  readonly label: string;
  readonly explanation: string;
  readonly markers: readonly DriftMarker[];
  readonly sources: readonly (DriftSource & { readonly id: DriftSourceId })[];
}

/** Where to refer a family or a patient (seed 004, the ANDPC–MIVILUDES convention). */
export const DRIFT_REFERRALS = [
  { body: 'MIVILUDES', what: 'Signaler une situation de dérive sectaire, demander un avis', url: 'https://www.derives-sectes.gouv.fr', email: 'miviludes@pm.gouv.fr' },
  { body: 'Agence nationale du DPC', what: 'Signaler une action de DPC sans contenu scientifique', url: 'https://www.agencedpc.fr', email: 'communication@agencedpc.fr' },
] as const;

const MAX_PHRASES_PER_MARKER = 12;

/** Every family, in the lexicon's order, with every rule of the lexicon under its family. */
export function driftFamilies(): DriftFamilyAwareness[] {
  return DRIFT_FAMILY_IDS.map((id) => {
    const rules = DRIFT_RULES.filter((rule) => rule.family === id);
    const sourceIds = [...new Set(rules.flatMap((rule) => rule.sources))];
    return {
      ...DRIFT_FAMILIES[id],
      markers: rules.map(markerOf),
      sources: sourceIds.map((sourceId) => ({ id: sourceId, ...DRIFT_SOURCES[sourceId] })),
    };
  });
}

function markerOf(rule: DriftRule): DriftMarker {
  // The last group is the most telling one when there are several (« guérir » + the disease).
  const group = rule.allOf[rule.allOf.length - 1] ?? [];
  return {
    ruleId: rule.id,
    description: rule.description,
    explanation: rule.explanation,
    phrases: group.flatMap(readable).slice(0, MAX_PHRASES_PER_MARKER),
    examples: rule.examples.match,
    ...(rule.scopes ? { onlyIn: rule.scopes } : {}),
  };
}

function readable(expression: Expression): string[] {
  if (typeof expression !== 'string') return [];
  // Rules write elisions as separate words (« mémoire de l eau »): the page shows them as French does.
  return [expression.replaceAll('"', '').replace(/\*(?=\s|$)/g, '…').replace(/\b([cdjlmnst]) (?=\p{L})/gu, '$1’')];
}
