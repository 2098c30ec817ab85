import type { Span } from './engine/normalize.js';
import type { OrdreFact } from './messages/facts.js';
import type { FamilyId } from './messages/families.js';
import type { OfficialDomain } from './messages/links/official-domains.js';
import type { Combiner } from './model/combiner.js';

export type { Span } from './engine/normalize.js';
export type { OrdreFact } from './messages/facts.js';
export type { FamilyId } from './messages/families.js';
export type { OfficialDomain } from './messages/links/official-domains.js';

export const MESSAGE_KINDS = ['sms', 'email', 'call', 'link', 'phone'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What the doctor submits. `text` is what was pasted or written down (an SMS, notes of a call, a link,
 * a number, or an email copied without its headers); `raw` is a whole email file (.eml, MIME bytes).
 */
export interface MessageInput {
  readonly kind: MessageKind;
  readonly text?: string;
  readonly raw?: Uint8Array;
  /** When the doctor received it (ISO 8601); carried into the result, never compared to a clock. */
  readonly receivedAt?: string;
}

export type Verdict = 'fraude_probable' | 'suspect' | 'aucun_signal';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  fraude_probable: 'Fraude probable',
  suspect: 'Suspect',
  aucun_signal: 'Aucun signal détecté',
};

export type FindingCategory = 'texte' | 'lien' | 'expediteur' | 'piece_jointe' | 'telephone' | 'signalement' | 'dissimulation';

/** One reason behind the verdict. */
export interface Finding {
  /** Rule identifier (`certification.menace-radiation`, `lien.sosie`…), stable across versions. */
  readonly ruleId: string;
  readonly category: FindingCategory;
  /** What was found and why it matters, in French. */
  readonly explanation: string;
  /** Where, as offsets into `Analysis.shownText` (UTF-16 code units, end exclusive). */
  readonly evidence: readonly Span[];
  /** Contribution to the score; negative for reassuring signs. */
  readonly weight: number;
  /** The Ordre's statement this message contradicts, when there is one. */
  readonly fact?: OrdreFact;
  readonly family?: FamilyId;
}

export interface AdviceItem {
  readonly id: string;
  readonly text: string;
}

export type PhoneCategory = 'surtaxe' | 'majore' | 'gratuit' | 'mobile' | 'fixe' | 'voip' | 'court' | 'etranger' | 'autre';

export interface PhoneIndicator {
  /** E.164 (« +33899123456 »), or the digits of a French short number (« 3646 »). */
  readonly e164: string;
  readonly country?: string;
  readonly category: PhoneCategory;
  readonly evidence: Span;
}

export type EmailAddressRole = 'from' | 'reply_to' | 'return_path' | 'sender' | 'text';

export interface EmailAddressIndicator {
  readonly address: string;
  readonly role: EmailAddressRole;
  readonly displayName?: string;
}

export interface OrganisationIndicator {
  readonly id: string;
  readonly label: string;
}

/** What a message points to, for lookups in the reports database and for campaign grouping. */
export interface Indicators {
  readonly phones: readonly PhoneIndicator[];
  /** Registrable domains (« example.com »), or the address for an IP literal, of links and senders. */
  readonly domains: readonly string[];
  readonly urls: readonly string[];
  readonly emailAddresses: readonly EmailAddressIndicator[];
  /** Organisations the message claims to come from or speaks for. */
  readonly organisations: readonly OrganisationIndicator[];
}

/** What the server knows about an indicator from earlier reports (never who reported it). */
export interface KnownIndicator {
  readonly reports: number;
  readonly campaign?: string;
}

/**
 * A compiled statistical model (analysis/model/score-model.ts): bias, dense hashed weights and the
 * probabilities from which it speaks (chosen by cross-validation).
 */
export interface StatisticalModel {
  readonly bias: number;
  readonly dense: Float32Array;
  readonly thresholds: { readonly suspect: number; readonly support: number };
}

export interface AnalyzeOptions {
  /** Keyed by indicator value as listed by `indicatorLookupKeys` (E.164, domain, URL, address). */
  readonly knownIndicators?: ReadonlyMap<string, KnownIndicator>;
  /** Replaces the default list of official domains. */
  readonly officialDomains?: readonly OfficialDomain[];
  /** Clock in milliseconds, for the time budget only; defaults to performance.now. */
  readonly now?: () => number;
  /** Time budget for matching; past it, matching stops and the result says it is partial. */
  readonly budgetMs?: number;
  /** Longer texts are cut to this many characters before analysis. */
  readonly maxTextLength?: number;
  /** Replaces the shipped statistical model; null leaves it out (rules only). */
  readonly model?: StatisticalModel | null;
  /**
   * Replaces the shipped combiner (model/combiner.ts), which weighs every finding, the structural
   * reading and the model into one probability; null decides by the findings' own weights instead.
   */
  readonly combiner?: Combiner | null;
}

export interface Analysis {
  readonly kind: MessageKind;
  readonly verdict: Verdict;
  readonly verdictLabel: string;
  /** 0 to 100. */
  readonly score: number;
  readonly family: { readonly id: FamilyId; readonly label: string } | null;
  /** Strongest first. */
  readonly findings: readonly Finding[];
  readonly advice: readonly AdviceItem[];
  readonly indicators: Indicators;
  /** The text the evidence offsets refer to: the message itself, or for an email the decoded headers and body. */
  readonly shownText: string;
  /** `messages@1.0.0#1a2b3c4d`: the ruleset version and a fingerprint of its exact content. */
  readonly rulesetVersion: string;
  /**
   * False when part of the message was not examined: time budget spent, text or file cut, MIME
   * structure refused (then read as raw text), links or attachments beyond the checked number;
   * `notices` says which, in French.
   */
  readonly complete: boolean;
  readonly notices: readonly string[];
  readonly receivedAt?: string;
}
