/**
 * The structural scorer: a scheme is « pretext + requested action + a means of action + (pressure or
 * incoherent means) »; protective framing or official means only lower it. It yields at most one
 * finding (French, saying what the message wants), and a reassuring one for prevention notices.
 * Combined conservatively with the rest (combineWithStructure): alone it makes « suspect » at most;
 * it reaches « fraude probable » only with an incoherent means or rules that already see a sign.
 */
import type { Finding } from '../../analysis.types.js';
import { mergeSpans } from '../../engine/match.js';
import type { Span } from '../../engine/normalize.js';
import { parse as parseDomain } from 'tldts';
import type { CollectedEvidence } from '../collect-evidence.js';
import type { AssessedLink } from '../links/link-findings.js';
import { assessHost } from '../links/lookalike.js';
import type { OfficialDomain } from '../links/official-domains.js';
import { TRACKING_DOMAINS } from '../links/official-domains.js';
import type { PreparedMessage } from '../prepare-message.js';
import type { ScoredFinding } from '../scored-finding.js';
import { frenchList, wordingFinding } from '../scored-finding.js';
import type { MeansContext, StructureElement, StructureReading } from './structure.js';
import { extractActions, extractPretexts, readStructure } from './structure.js';

export const STRUCTURE_RULE_ID = 'structure.schema';
export const PROTECTIVE_RULE_ID = 'prevention.structure';
export const OFFICIAL_WAYS_RULE_ID = 'prevention.moyens-officiels';

/** Weights of the structural scorer, chosen by 5-fold cross-validation (structure/cv.ts, docs/detection.md). */
export interface StructureParams {
  /** Off: the reading is neither scored nor shown. */
  readonly enabled: boolean;
  /** Weight of a scheme whose means are not shown to be incoherent. */
  readonly schemeWeight: number;
  /** Weight of a scheme whose means contradict the body it claims. */
  readonly incoherentWeight: number;
  /** Negative weight of protective framing (0: not used). */
  readonly protectiveWeight: number;
  /** Negative weight when every way to act leads to an official body (0: not used). */
  readonly officialWaysWeight: number;
  /** A scheme needs pressure or an incoherent means (true), or only pressure-free pretext + action + means (false). */
  readonly needsPressure: boolean;
}

export const DEFAULT_STRUCTURE_PARAMS: StructureParams = {
  enabled: true,
  schemeWeight: 20,
  incoherentWeight: 30,
  protectiveWeight: -50,
  officialWaysWeight: -60,
  needsPressure: true,
};

export interface StructureOpinion {
  readonly reading: StructureReading;
  readonly scheme: ScoredFinding | null;
  readonly protective: ScoredFinding | null;
  /** The scheme rests on an incoherent means: it may lift to « fraude probable ». */
  readonly incoherent: boolean;
}

function isTracking(link: AssessedLink): boolean {
  const domain = link.assessment.registrableDomain;
  return domain !== null && TRACKING_DOMAINS.has(domain);
}

/** What the analysis knows about the means of a message, for the coherence check. */
export function meansContext(prepared: PreparedMessage, evidence: CollectedEvidence, links: readonly AssessedLink[], officials: readonly OfficialDomain[]): MeansContext {
  const email = prepared.email;
  let senderOfficial: boolean | null = null;
  let senderSpan: Span | undefined;
  const from = email?.from?.address;
  if (from?.includes('@')) {
    const host = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
    const assessed = assessHost(host, officials);
    // A host that is no registrable domain (a typo, « localhost ») says nothing either way.
    senderOfficial = parseDomain(host).domain === null ? null : assessed.official !== undefined || assessed.unlistedRestricted !== undefined;
    senderSpan = email?.from?.addressSpan;
  }
  return {
    kind: prepared.kind,
    links: links
      .filter((l) => !l.link.unusualScheme)
      .map((l) => ({
        span: l.link.evidence,
        official: l.assessment.official !== undefined || l.assessment.unlistedRestricted !== undefined,
        tracking: isTracking(l),
        lookalike: l.assessment.lookalike !== undefined,
      })),
    phones: evidence.phones.map((p) => ({ span: p.evidence, category: p.category, official: p.officialBody !== undefined })),
    addresses: evidence.indicators.emailAddresses.filter((a) => a.role === 'text' || a.role === 'reply_to').length,
    attachments: email?.attachments.length ?? 0,
    senderOfficial,
    ...(senderSpan ? { senderSpan } : {}),
    claimsOfficialBody: evidence.claimed.some((c) => c.organisation.publicBody && c.speaksFor),
  };
}

function firstSpan(element: StructureElement): number {
  return element.spans[0]?.start ?? Number.MAX_SAFE_INTEGER;
}

/** The element found first in the text (the first of them when several start together). */
function firstInText(elements: readonly StructureElement[]): StructureElement | undefined {
  let first: StructureElement | undefined;
  for (const element of elements) if (first === undefined || firstSpan(element) < firstSpan(first)) first = element;
  return first;
}

/** What a scheme's finding highlights: the pretext, each request, two incoherent means and each pressure, in text order. */
function schemeSpans(reading: StructureReading, pretext: StructureElement): Span[] {
  const spans: Span[] = [];
  pushFirstSpan(spans, pretext);
  for (const action of reading.actions) pushFirstSpan(spans, action);
  let incoherent = 0;
  for (const means of reading.coherence.incoherent) {
    if (means.span && incoherent < 2) {
      spans.push(means.span);
      incoherent += 1;
    }
  }
  for (const pressure of reading.pressure) pushFirstSpan(spans, pressure);
  return spans.sort((a, b) => a.start - b.start);
}

function pushFirstSpan(spans: Span[], element: StructureElement): void {
  if (element.spans.length > 0) spans.push(element.spans[0] as Span);
}

function explain(reading: StructureReading, pretext: StructureElement): string {
  const actions = reading.actions.slice(0, 2).map((a) => a.label);
  const incoherent = reading.coherence.incoherent[0];
  const named = reading.means.find((m) => m.id !== 'messagerie');
  const via = incoherent ? ` via ${incoherent.reason}` : named ? ` via ${named.label}` : '';
  const pressures = [...new Set(reading.pressure.map((p) => p.label))].slice(0, 2);
  const under = pressures.length > 0 ? `, ${frenchList(pressures)}` : '';
  return (
    `Le message se présente comme ${pretext.label}, vous demande de ${frenchList(actions)}${via}${under}. ` +
    'C’est la structure d’une escroquerie connue : ne donnez suite qu’après avoir vérifié auprès de l’organisme, par son site ou son numéro officiels retrouvés vous-même.'
  );
}

/** The structural opinion on a message, from its reading. */
export function structureOpinion(reading: StructureReading, params: StructureParams = DEFAULT_STRUCTURE_PARAMS): StructureOpinion {
  const incoherent = reading.coherence.incoherent.length > 0;
  const pretext = firstInText(reading.pretexts);
  const pressured = reading.pressure.length > 0 || incoherent;
  // Protective framing with no incoherent means: a prevention notice, not a scheme.
  const protectiveOnly = reading.protective !== null && !incoherent;
  const isScheme =
    params.enabled &&
    pretext !== undefined &&
    reading.actions.length > 0 &&
    reading.hasMeans &&
    (!params.needsPressure || pressured) &&
    !reading.coherence.officialMeansOnly &&
    !protectiveOnly;
  let scheme: ScoredFinding | null = null;
  if (isScheme && pretext) {
    const spans = schemeSpans(reading, pretext);
    const finding: Finding = {
      ruleId: STRUCTURE_RULE_ID,
      category: 'texte',
      explanation: explain(reading, pretext),
      evidence: mergeSpans(spans),
      weight: incoherent ? params.incoherentWeight : params.schemeWeight,
    };
    scheme = wordingFinding(finding);
  }
  let protective: ScoredFinding | null = null;
  if (params.enabled && params.officialWaysWeight < 0 && reading.onlyOfficialWays && !incoherent) {
    protective = wordingFinding({
      ruleId: OFFICIAL_WAYS_RULE_ID,
      category: 'lien',
      explanation:
        'Tous les moyens d’agir que donne le message (liens, numéros) mènent à des organismes officiels, et il ne demande ni de répondre, ni d’ouvrir une pièce jointe, ni de flasher un code : une escroquerie a besoin d’un moyen de vous joindre ou de vous faire payer ailleurs. Ce n’est pas une garantie : en cas de doute, passez par le site ou le numéro officiel que vous connaissez.',
      evidence: [],
      weight: params.officialWaysWeight,
    });
  } else if (params.enabled && params.protectiveWeight < 0 && protectiveOnly && reading.protective) {
    protective = wordingFinding({
      ruleId: PROTECTIVE_RULE_ID,
      category: 'texte',
      explanation: 'Le message met en garde contre les escroqueries ou dit ce que l’organisme ne demande jamais, sans vous demander d’agir vers un lien, un numéro ou une adresse inconnus : c’est la forme d’un message de prévention.',
      evidence: reading.protective.spans,
      weight: params.protectiveWeight,
    });
  }
  return { reading, scheme, protective, incoherent: scheme !== null && incoherent };
}

/** Reads and judges a message (sms, email, call); links and phones are those already assessed. */
export function structureOf(
  prepared: PreparedMessage,
  evidence: CollectedEvidence,
  links: readonly AssessedLink[],
  officials: readonly OfficialDomain[],
  params: StructureParams = DEFAULT_STRUCTURE_PARAMS,
  score = 100,
): StructureOpinion | null {
  // Nothing to lower and no scheme possible (no pretext, or nothing asked): the rest is not read.
  if (score === 0 && (extractPretexts(evidence.text).length === 0 || extractActions(evidence.text).length === 0)) return null;
  return structureOpinion(readStructure(evidence.text, meansContext(prepared, evidence, links, officials)), params);
}

/**
 * The final score with the structural opinion: a scheme never lowers the score and lifts it to
 * « fraude probable » only with an incoherent means or when the rules alone reach « suspect »;
 * protective framing only lowers (through combineScore, which never lowers technical evidence).
 * `withStructure` is the combined score of every finding so far plus the structural ones.
 */
export function combineWithStructure(
  score: number,
  rulesScore: number,
  withStructure: number,
  opinion: StructureOpinion,
  thresholds: { readonly suspect: number; readonly fraudeProbable: number },
): number {
  if (opinion.scheme !== null) {
    const ceiling = opinion.incoherent || rulesScore >= thresholds.suspect ? 100 : thresholds.fraudeProbable - 1;
    return Math.max(score, Math.min(withStructure, ceiling));
  }
  if (opinion.protective !== null) return Math.min(score, withStructure);
  return score;
}
