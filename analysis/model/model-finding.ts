/**
 * The statistical model as a finding, and how it may move the score (conservatively):
 *  - p ≥ thresholds.suspect: a wording finding of MODEL_SUSPECT_WEIGHT, enough alone to make the
 *    message « suspect », never « fraude probable »;
 *  - p ≥ thresholds.support: MODEL_SUPPORT_WEIGHT, which may lift to « fraude probable » only a message
 *    the rules alone already call « suspect ».
 * The finding is mitigable: reassuring signs (a prevention notice, only official links) lower it like
 * any wording evidence. See combineWithModel.
 */
import type { StatisticalModel } from '../analysis.types.js';
import type { PreparedText } from '../engine/match.js';
import { mergeSpans } from '../engine/match.js';
import type { ScoredFinding } from '../messages/scored-finding.js';
import { frenchList, wordingFinding } from '../messages/scored-finding.js';
import { scoreModel } from './score-model.js';

export const MODEL_RULE_ID = 'modele.ressemblance';
export const MODEL_SUSPECT_WEIGHT = 30;
export const MODEL_SUPPORT_WEIGHT = 45;
const SHOWN_WORDS = 5;

export interface ModelOpinion {
  readonly probability: number;
  /** The finding to show, when the model speaks (p ≥ thresholds.suspect). */
  readonly scored: ScoredFinding | null;
  /** p ≥ thresholds.support. */
  readonly support: boolean;
}

export function modelOpinion(text: PreparedText, model: StatisticalModel): ModelOpinion {
  const { probability, topWords } = scoreModel(text, model, SHOWN_WORDS, model.thresholds.suspect);
  if (probability < model.thresholds.suspect) return { probability, scored: null, support: false };
  const support = probability >= model.thresholds.support;
  const words = topWords.map((w) => `« ${w.word} »`);
  const percent = Math.min(99, Math.floor(100 * probability));
  const explanation =
    `Ressemble à des messages frauduleux connus (modèle statistique, ressemblance estimée à ${percent} %)` +
    (words.length > 0 ? ` ; mots les plus proches des fraudes connues : ${frenchList(words)}.` : '.') +
    ' Indice statistique, à confirmer par les autres vérifications.';
  const scored = wordingFinding({
    ruleId: MODEL_RULE_ID,
    category: 'texte',
    explanation,
    evidence: mergeSpans(
      topWords.map((w) => w.span).sort((a, b) => a.start - b.start),
      0,
    ),
    weight: support ? MODEL_SUPPORT_WEIGHT : MODEL_SUSPECT_WEIGHT,
  });
  return { probability, scored, support };
}

/**
 * The final score from the rules' score and the score with the model's finding added: the model
 * never lowers the score, and it lifts it to « fraude probable » only when the rules alone reach
 * « suspect » and the model supports them.
 */
export function combineWithModel(rulesScore: number, withModel: number, opinion: ModelOpinion, thresholds: { readonly suspect: number; readonly fraudeProbable: number }): number {
  if (opinion.scored === null) return rulesScore;
  const ceiling = opinion.support && rulesScore >= thresholds.suspect ? 100 : thresholds.fraudeProbable - 1;
  return Math.max(rulesScore, Math.min(withModel, ceiling));
}
