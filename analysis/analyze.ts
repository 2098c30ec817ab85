import type { Analysis, AnalyzeOptions, Finding, Indicators, MessageInput, Verdict } from './analysis.types.js';
import { VERDICT_LABELS } from './analysis.types.js';
import { startBudget } from './engine/budget.js';
import type { PreparedText } from './engine/match.js';
import { runRuleset } from './engine/match.js';
import { combineScore } from './engine/score.js';
import { selectAdvice } from './messages/advice.js';
import { collectEvidence } from './messages/collect-evidence.js';
import { attachmentFindings } from './messages/email/attachments.js';
import { checkSender } from './messages/email/sender-checks.js';
import { findFact } from './messages/facts.js';
import type { Combiner, CombinerInput } from './model/combiner.js';
import { combinerProbability, DEFAULT_COMBINER, scoreOfProbability } from './model/combiner.js';
import type { ModelOpinion } from './model/model-finding.js';
import { combineWithModel, modelOpinion } from './model/model-finding.js';
import { DEFAULT_MODEL } from './model/score-model.js';
import type { FamilyId } from './messages/families.js';
import { FAMILY_LABELS, isFamilyId } from './messages/families.js';
import { knownIndicatorFindings } from './messages/known-indicators.js';
import { MAX_LINKS } from './messages/links/extract-links.js';
import { assessLinks } from './messages/links/link-findings.js';
import { DEFAULT_OFFICIAL_DOMAINS } from './messages/links/official-domains.js';
import { isNegatedHit } from './engine/negation.js';
import { findDisguisedWords } from './messages/obfuscation.js';
import { assessPhones } from './messages/phones/phone-findings.js';
import type { PreparedMessage } from './messages/prepare-message.js';
import { DEFAULT_MAX_TEXT_LENGTH, prepareMessage, prepareTextMessage } from './messages/prepare-message.js';
import { MESSAGE_RULESET, VERDICT_THRESHOLDS } from './messages/rules/message-ruleset.js';
import type { ScoredFinding } from './messages/scored-finding.js';
import type { StructureOpinion, StructureParams } from './messages/structure/structure-finding.js';
import { combineWithStructure, DEFAULT_STRUCTURE_PARAMS, structureOf } from './messages/structure/structure-finding.js';

export { indicatorLookupKeys } from './messages/known-indicators.js';
export { MessageInputError, prepareMessage, prepareTextMessage } from './messages/prepare-message.js';
export type { PreparedMessage } from './messages/prepare-message.js';

/** Time allowed for matching one message; far above the usual few milliseconds. */
export const DEFAULT_BUDGET_MS = 250;

/** Organisations that point to a family when the wording alone does not. */
const FAMILY_OF_ORGANISATION: Readonly<Record<string, FamilyId>> = {
  direction_regionale_certification: 'certification_periodique',
  andpc: 'formation_droits',
  mon_compte_formation: 'formation_droits',
  assurance_maladie: 'assurance_maladie',
  urssaf: 'urssaf',
  antai: 'amende',
  la_poste: 'colis',
  transporteur: 'colis',
  banque: 'conseiller_bancaire',
};
const ORGANISATION_FAMILY_WEIGHT = 15;

/**
 * Findings of the text rules. A rule whose words stand under a negation (« aucun frais ne vous sera
 * demandé », « ne vous demandera jamais de code ») is read backwards and left out (messages/negation.ts).
 */
function textRuleFindings(text: PreparedText, hits: ReturnType<typeof runRuleset>['hits']): ScoredFinding[] {
  return hits.filter((hit) => !isNegatedHit(text, hit)).map((hit) => {
    const rule = hit.rule.definition;
    const family = rule.family !== undefined && isFamilyId(rule.family) ? rule.family : undefined;
    const finding: Finding = {
      ruleId: rule.id,
      category: 'texte',
      explanation: rule.explanation,
      evidence: hit.spans,
      weight: rule.weight,
      ...(rule.fact !== undefined ? { fact: findFact(rule.fact) } : {}),
      ...(family ? { family } : {}),
    };
    return { finding, mitigable: true };
  });
}

function chooseFamily(findings: readonly Finding[], organisations: Indicators['organisations'], verdict: Verdict): FamilyId | null {
  if (verdict === 'aucun_signal') return null;
  const votes = new Map<FamilyId, number>();
  for (const finding of findings) {
    if (finding.family && finding.weight > 0) votes.set(finding.family, (votes.get(finding.family) ?? 0) + finding.weight);
  }
  for (const organisation of organisations) {
    const family = FAMILY_OF_ORGANISATION[organisation.id];
    if (family) votes.set(family, (votes.get(family) ?? 0) + ORGANISATION_FAMILY_WEIGHT);
  }
  let best: FamilyId | null = null;
  for (const [family, weight] of votes) if (best === null || weight > (votes.get(best) ?? 0)) best = family;
  return best ?? 'hameconnage';
}

function verdictOf(score: number): Verdict {
  if (score >= VERDICT_THRESHOLDS.fraudeProbable) return 'fraude_probable';
  return score >= VERDICT_THRESHOLDS.suspect ? 'suspect' : 'aucun_signal';
}

/**
 * Analyses a prepared message: pure and synchronous. Reads no clock except `options.now` for the
 * time budget; past the budget, matching stops and the result is marked incomplete.
 */
export function analyzePrepared(prepared: PreparedMessage, options: AnalyzeOptions = {}): Analysis {
  return analyzePreparedWith(prepared, options, DEFAULT_STRUCTURE_PARAMS);
}

/** Everything the engine reads in a message before deciding. */
interface Assessment {
  readonly evidence: ReturnType<typeof collectEvidence>;
  readonly run: ReturnType<typeof runRuleset>;
  readonly budget: ReturnType<typeof startBudget>;
  /** Findings of rules, links, numbers, sender, attachments and known indicators. */
  readonly scored: readonly ScoredFinding[];
  /** Their noisy-OR score (engine/score.ts). */
  readonly rulesScore: number;
  readonly model: ModelOpinion | null;
  readonly structure: StructureOpinion | null;
}

/** The clock of the time budget when the caller gives none. */
function readClock(): number {
  return performance.now();
}

function assess(prepared: PreparedMessage, options: AnalyzeOptions, structureParams: StructureParams, readAll: boolean): Assessment {
  const now = options.now ?? readClock;
  const budget = startBudget(now, options.budgetMs ?? DEFAULT_BUDGET_MS);
  const officials = options.officialDomains ?? DEFAULT_OFFICIAL_DOMAINS;
  const evidence = collectEvidence(prepared);
  const wantsRules = prepared.kind !== 'link' && prepared.kind !== 'phone';
  const run = wantsRules ? runRuleset(evidence.text, MESSAGE_RULESET, { scope: prepared.kind, budget }) : { hits: [], complete: true, evaluatedRules: 0 };
  const linkReport = assessLinks(evidence.links, evidence.claimed, officials, budget);
  const email = prepared.email;
  const scored: ScoredFinding[] = [
    ...textRuleFindings(evidence.text, run.hits),
    ...findDisguisedWords(evidence.text, run.hits),
    ...linkReport.findings,
    ...assessPhones(evidence.phones, evidence.claimed),
    ...(email ? checkSender(email, evidence.claimed, officials) : []),
    ...(email ? attachmentFindings(email.attachments) : []),
    ...knownIndicatorFindings(evidence.indicators, options.knownIndicators, linkReport.links, prepared.shownText),
  ];
  const rulesScore = combineScore(scored.map((s) => ({ weight: s.finding.weight, mitigable: s.mitigable })));
  const model = options.model === undefined ? DEFAULT_MODEL : options.model;
  const modelRead = model !== null && wantsRules && (readAll || rulesScore < VERDICT_THRESHOLDS.fraudeProbable) ? modelOpinion(evidence.text, model) : null;
  const structure =
    structureParams.enabled && wantsRules ? structureOf(prepared, evidence, linkReport.links, officials, structureParams, readAll ? 100 : rulesScore) : null;
  return { evidence, run, budget, scored, rulesScore, model: modelRead, structure };
}

/**
 * What the combiner reads of a message (model/combiner.ts); train.ts calls it with each fold's model.
 * Pure and synchronous, like analyzePrepared.
 */
export function combinerInputOf(prepared: PreparedMessage, options: AnalyzeOptions = {}): CombinerInput {
  return combinerInput(prepared.kind, assess(prepared, options, DEFAULT_STRUCTURE_PARAMS, true));
}

function combinerInput(kind: PreparedMessage['kind'], assessment: Assessment): CombinerInput {
  const probability = assessment.model?.probability;
  return {
    kind,
    ruleIds: assessment.scored.map((s) => s.finding.ruleId),
    structure: assessment.structure?.reading ?? null,
    modelLogit: probability === undefined ? null : Math.log(Math.max(probability, 1e-9) / Math.max(1 - probability, 1e-9)),
    rulesScore: assessment.rulesScore,
  };
}

/**
 * Findings whose meaning does not depend on wording and which the training messages cannot hold (a
 * council-confirmed indicator, a forged sender proven by the mail servers, code hidden in a link, an
 * executable attachment): they keep their own score as a floor under the combiner's.
 */
const FLOOR_RULE_IDS: ReadonlySet<string> = new Set(['signalements.deja-signale', 'expediteur.authentification-echouee', 'lien.code-cache', 'piece-jointe.risquee']);

/** The combiner's decision (model/combiner.ts): score and the findings shown beside it. */
function decideWithCombiner(kind: PreparedMessage['kind'], assessment: Assessment, combiner: Combiner): { score: number; shown: ScoredFinding[] } {
  const probability = combinerProbability(combinerInput(kind, assessment), combiner);
  const floor = combineScore(assessment.scored.filter((s) => FLOOR_RULE_IDS.has(s.finding.ruleId)).map((s) => ({ weight: s.finding.weight, mitigable: s.mitigable })));
  const shown = [...assessment.scored];
  if (assessment.model?.scored) shown.push(assessment.model.scored);
  if (assessment.structure?.scheme) shown.push(assessment.structure.scheme);
  if (assessment.structure?.protective) shown.push(assessment.structure.protective);
  return { score: Math.max(floor, scoreOfProbability(probability, combiner.thresholds, VERDICT_THRESHOLDS)), shown };
}

/**
 * The decision without the combiner (options.combiner null, and links and numbers checked alone):
 * noisy-OR of the findings, the model lifting conservatively (model/model-finding.ts) and the
 * structural scorer likewise (structure/structure-finding.ts).
 */
function decideByRules(assessment: Assessment): { score: number; shown: ScoredFinding[] } {
  const scored = [...assessment.scored];
  const signals = scored.map((s) => ({ weight: s.finding.weight, mitigable: s.mitigable }));
  let score = assessment.rulesScore;
  const rulesScore = score;
  const opinion = assessment.model;
  if (opinion?.scored && score < VERDICT_THRESHOLDS.fraudeProbable) {
    const withModel = combineScore([...signals, { weight: opinion.scored.finding.weight, mitigable: opinion.scored.mitigable }]);
    const combined = combineWithModel(score, withModel, opinion, VERDICT_THRESHOLDS);
    if (combined > score) scored.push(opinion.scored);
    score = combined;
  }
  const structure = assessment.structure;
  const added = structure ? [structure.scheme, structure.protective].filter((s): s is ScoredFinding => s !== null) : [];
  if (structure && added.length > 0) {
    const withStructure = combineScore([...scored, ...added].map((s) => ({ weight: s.finding.weight, mitigable: s.mitigable })));
    const combined = combineWithStructure(score, rulesScore, withStructure, structure, VERDICT_THRESHOLDS);
    if (combined !== score) scored.push(...added);
    score = combined;
  }
  return { score, shown: scored };
}

/** analyzePrepared with other weights for the structural scorer (its cross-validation, structure/cv.ts). */
export function analyzePreparedWith(prepared: PreparedMessage, options: AnalyzeOptions, structureParams: StructureParams): Analysis {
  const combiner = options.combiner === undefined ? DEFAULT_COMBINER : options.combiner;
  const useCombiner = combiner !== null && prepared.kind !== 'link' && prepared.kind !== 'phone';
  const assessment = assess(prepared, options, structureParams, useCombiner);
  const { evidence, run, budget } = assessment;
  const { score, shown: scored } = useCombiner ? decideWithCombiner(prepared.kind, assessment, combiner) : decideByRules(assessment);
  const verdict = verdictOf(score);
  const findings = scored.map((s) => s.finding).sort((a, b) => b.weight - a.weight);
  const familyId = chooseFamily(findings, evidence.indicators.organisations, verdict);
  const complete = run.complete && !budget.exceeded() && !prepared.partial && !evidence.linksLeftOut;
  const notices = [...prepared.notices];
  if (evidence.linksLeftOut) notices.push(`Le message contient plus de ${MAX_LINKS} liens : seuls les ${MAX_LINKS} premiers ont été vérifiés.`);
  if (!run.complete || budget.exceeded()) {
    notices.push(`Analyse interrompue après ${Math.round(budget.elapsedMs())} ms (limite ${budget.limitMs} ms) : le résultat est partiel.`);
  }
  return {
    kind: prepared.kind,
    verdict,
    verdictLabel: VERDICT_LABELS[verdict],
    score,
    family: familyId ? { id: familyId, label: FAMILY_LABELS[familyId] } : null,
    findings,
    advice: selectAdvice({ verdict, kind: prepared.kind, family: familyId, findings, hasLinks: evidence.links.length > 0 }),
    indicators: evidence.indicators,
    shownText: prepared.shownText,
    rulesetVersion: MESSAGE_RULESET.fingerprint,
    complete,
    notices,
    ...(prepared.receivedAt !== undefined ? { receivedAt: prepared.receivedAt } : {}),
  };
}

/** Analyses any message; an email file is parsed (MIME) first, hence the promise. */
export async function analyze(input: MessageInput, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyzePrepared(await prepareMessage(input, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH), options);
}

/** Synchronous analysis of a text (SMS, call notes, link, number, email copied without headers). */
export function analyzeText(input: MessageInput, options: AnalyzeOptions = {}): Analysis {
  return analyzePrepared(prepareTextMessage(input, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH), options);
}

/** Indicators of a message (numbers, domains, links, addresses, organisations), without any verdict. */
export async function extractIndicators(input: MessageInput, options: Pick<AnalyzeOptions, 'maxTextLength'> = {}): Promise<Indicators> {
  return collectEvidence(await prepareMessage(input, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH)).indicators;
}

/** Indicators of an already prepared message: lets a caller parse an email once, look up, then analyse. */
export function indicatorsOf(prepared: PreparedMessage): Indicators {
  return collectEvidence(prepared).indicators;
}

/** Synchronous `extractIndicators` for text input. */
export function extractTextIndicators(input: MessageInput, options: Pick<AnalyzeOptions, 'maxTextLength'> = {}): Indicators {
  return collectEvidence(prepareTextMessage(input, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH)).indicators;
}
