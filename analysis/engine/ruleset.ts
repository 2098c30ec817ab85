import { headPrefixCount, headWordCount, internHeadPrefix, internHeadWord, internPhraseWord } from './head-words.js';
import { normalizeText } from './normalize.js';
import { checkRegexSafety } from './regex-safety.js';
import { STOP_WORDS, stemWord, tokenize } from './tokenize.js';

/**
 * What a rule looks for. A string is a phrase of words matched in order over the normalised text
 * (case, accents and stop words ignored): a word ending in `*` matches any word starting so
 * (« radi* »), a word between straight double quotes must be written in capitals in the message
 * (`"ANS"`, not « ans »). `{ regex }` is a regular expression over the normalised text, checked by
 * `checkRegexSafety`.
 */
export type Expression = string | { readonly regex: string };

/** One rule, written by hand; see analysis/README.md for how to write one. */
export interface RuleDefinition {
  /** Stable identifier, `family.name` in kebab-case. Never reused for another meaning. */
  readonly id: string;
  /** What the rule detects, for whoever maintains the rules (French). */
  readonly description: string;
  /** What the user reads when the rule matches (French). */
  readonly explanation: string;
  /** Weight from -100 to 100: how much a match raises the score; negative values lower it. */
  readonly weight: number;
  readonly family?: string;
  /** Identifier of the fact the message contradicts, from the ruleset's facts. */
  readonly fact?: string;
  /** Contexts where the rule applies (for messages: sms, email, call, link, phone). All if absent. */
  readonly scopes?: readonly string[];
  /** Every group must be found, one expression of each group, all within `within` words. */
  readonly allOf: readonly (readonly Expression[])[];
  /** Window in words (stop words not counted); 20 if absent. */
  readonly within?: number;
  /** Expressions that cancel a match when found within `unlessWithin` words of it (negations…). */
  readonly unlessNear?: readonly Expression[];
  readonly unlessWithin?: number;
  /** Texts the rule must recognise, and texts it must leave alone; both are run as tests. */
  readonly examples: { readonly match: readonly string[]; readonly noMatch: readonly string[] };
}

export interface RulesetDefinition {
  readonly id: string;
  /** Bumped by hand when rules change meaning; the fingerprint changes on any edit anyway. */
  readonly version: string;
  readonly rules: readonly RuleDefinition[];
}

export interface PhraseWord {
  readonly text: string;
  readonly prefix: boolean;
  readonly capitals: boolean;
  /** Number of a whole word in the phrase-word table (head-words.ts), -1 for a prefix. */
  readonly id: number;
}

/**
 * `slot` numbers expressions by `key`: the same expression compiled twice (in two rules, or in a rule
 * and an organisation name) gets the same slot, so a text caches its occurrences in an array.
 */
export type CompiledExpression =
  | {
      readonly kind: 'phrase';
      readonly key: string;
      readonly slot: number;
      readonly words: readonly PhraseWord[];
      /** Number of the first word in the head-word table (see head-words.ts); -1 when it is a prefix. */
      readonly headId: number;
      /** Number of the first word in the head-prefix table when it is a prefix (« radi* »), else -1. */
      readonly prefixId: number;
      readonly regex: null;
    }
  | {
      readonly kind: 'regex';
      readonly key: string;
      readonly slot: number;
      /** Empty, -1 and -1: both kinds have the same fields, in the same order (one object shape for V8, read faster). */
      readonly words: readonly PhraseWord[];
      readonly headId: number;
      readonly prefixId: number;
      readonly regex: RegExp;
    };

/**
 * What a prepared text must hold for a group of expressions to possibly occur: one of the head words
 * `heads` or head prefixes `prefixes` (numbers in the tables of head-words.ts); a group with a
 * regular expression is always looked for.
 */
export interface GroupFilter {
  readonly heads: Int32Array;
  readonly prefixes: Int32Array;
  readonly regex: boolean;
}

/**
 * The groups of a whole ruleset, numbered, and which of them each head word may satisfy: a text
 * marks the groups its words open, and only rules whose groups are all open are matched.
 */
export interface RulesetIndex {
  readonly groupCount: number;
  /** Per rule, the numbers of its groups. */
  readonly ruleGroups: readonly Int32Array[];
  /** Per head word number, the groups holding a phrase that starts with that word. */
  readonly wordPostings: readonly (Int32Array | undefined)[];
  /** Per head prefix number, the groups holding a phrase that starts with that prefix. */
  readonly prefixPostings: readonly (Int32Array | undefined)[];
  /** Groups with a regular expression, always looked at. */
  readonly regexGroups: Int32Array;
  /** Sizes of the head tables once the ruleset was compiled: a text prepared earlier lacks marks. */
  readonly wordCount: number;
  readonly prefixCount: number;
}

export interface CompiledRule {
  readonly definition: RuleDefinition;
  readonly groups: readonly (readonly CompiledExpression[])[];
  /** The head code (see headCodesOf) of each expression of each group. */
  readonly groupHeads: readonly Int32Array[];
  /** One filter per group, in the same order. */
  readonly filters: readonly GroupFilter[];
  readonly unless: readonly CompiledExpression[];
  readonly unlessHeads: Int32Array;
  readonly within: number;
  readonly unlessWithin: number;
}

export interface CompiledRuleset {
  readonly id: string;
  readonly version: string;
  /** `id@version#hash`: ties a stored verdict to the exact rules that produced it. */
  readonly fingerprint: string;
  readonly rules: readonly CompiledRule[];
  readonly index: RulesetIndex;
}

/** A rule that cannot be compiled; the message (French) names the rule and the problem. */
export class RulesetError extends Error {}

const RULE_ID = /^[a-z0-9]{1,30}(?:[.-][a-z0-9]{1,30}){0,6}$/;
const DEFAULT_WITHIN = 20;
const DEFAULT_UNLESS_WITHIN = 10;
const MIN_PREFIX_LENGTH = 3;

/** Compiles a ruleset once, at load time; throws RulesetError on the first invalid rule. */
export function compileRuleset(definition: RulesetDefinition): CompiledRuleset {
  const seen = new Set<string>();
  const rules = definition.rules.map((rule) => {
    if (!RULE_ID.test(rule.id)) throw new RulesetError(`Identifiant de règle invalide : « ${rule.id} »`);
    if (seen.has(rule.id)) throw new RulesetError(`Identifiant de règle en double : « ${rule.id} »`);
    seen.add(rule.id);
    return compileRule(rule);
  });
  const fingerprint = `${definition.id}@${definition.version}#${fnv1a(JSON.stringify(definition))}`;
  return { id: definition.id, version: definition.version, fingerprint, rules, index: indexRuleset(rules) };
}

function indexRuleset(rules: readonly CompiledRule[]): RulesetIndex {
  const wordPostings: number[][] = [];
  const prefixPostings: number[][] = [];
  const regexGroups: number[] = [];
  let groupCount = 0;
  const ruleGroups = rules.map((rule) =>
    Int32Array.from(rule.filters, (filter) => {
      const group = groupCount;
      groupCount += 1;
      for (const head of filter.heads) (wordPostings[head] ??= []).push(group);
      for (const prefix of filter.prefixes) (prefixPostings[prefix] ??= []).push(group);
      if (filter.regex) regexGroups.push(group);
      return group;
    }),
  );
  const packed = (lists: number[][], length: number): (Int32Array | undefined)[] =>
    Array.from({ length }, (_, id) => (lists[id] ? Int32Array.from(lists[id]) : undefined));
  return {
    groupCount,
    ruleGroups,
    wordPostings: packed(wordPostings, headWordCount()),
    prefixPostings: packed(prefixPostings, headPrefixCount()),
    regexGroups: Int32Array.from(regexGroups),
    wordCount: headWordCount(),
    prefixCount: headPrefixCount(),
  };
}

function compileRule(rule: RuleDefinition): CompiledRule {
  const fail = (problem: string): never => {
    throw new RulesetError(`Règle « ${rule.id} » : ${problem}`);
  };
  if (!Number.isInteger(rule.weight) || rule.weight < -100 || rule.weight > 100) fail('le poids doit être un entier entre -100 et 100');
  if (rule.allOf.length === 0 || rule.allOf.some((group) => group.length === 0)) fail('chaque groupe doit contenir au moins une expression');
  if (rule.description.trim() === '' || rule.explanation.trim() === '') fail('description et explication sont obligatoires');
  const compile = (expression: Expression): CompiledExpression => {
    try {
      return compileExpression(expression);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
  };
  const groups = rule.allOf.map((group) => group.map(compile));
  const unless = (rule.unlessNear ?? []).map(compile);
  return {
    definition: rule,
    groups,
    groupHeads: groups.map(headCodesOf),
    filters: groups.map(groupFilter),
    unless,
    unlessHeads: headCodesOf(unless),
    within: rule.within ?? DEFAULT_WITHIN,
    unlessWithin: rule.unlessWithin ?? DEFAULT_UNLESS_WITHIN,
  };
}

const slots = new Map<string, number>();

/** The cache slot of an expression key; grows with the distinct expressions compiled, never per text. */
function slotOf(key: string): number {
  let slot = slots.get(key);
  if (slot === undefined) {
    slot = slots.size;
    slots.set(key, slot);
  }
  return slot;
}

function groupFilter(group: readonly CompiledExpression[]): GroupFilter {
  const heads = new Set<number>();
  const prefixes = new Set<number>();
  let regex = false;
  for (const expression of group) {
    if (expression.kind === 'regex') regex = true;
    else if (expression.headId >= 0) heads.add(expression.headId);
    else prefixes.add(expression.prefixId);
  }
  return { heads: Int32Array.from(heads), prefixes: Int32Array.from(prefixes), regex };
}

/**
 * What a text must hold for each expression of a list to occur, as one number per expression: its
 * head word's number (≥ 0), -2 - its head prefix's number, or -1 for a regular expression (always
 * looked for). Read from a typed array, most expressions of a list are passed over without touching
 * them (match.ts `mayHoldHead`).
 */
export function headCodesOf(expressions: readonly CompiledExpression[]): Int32Array {
  return Int32Array.from(expressions, (e) => (e.kind === 'regex' ? -1 : e.headId >= 0 ? e.headId : -2 - e.prefixId));
}

/** Compiles one expression with the same normalisation as the texts it will meet. */
export function compileExpression(expression: Expression): CompiledExpression {
  if (typeof expression !== 'string') {
    const verdict = checkRegexSafety(expression.regex);
    if (!verdict.safe) throw new Error(`expression régulière refusée (${verdict.reason}) : ${expression.regex}`);
    const key = `re:${expression.regex}`;
    return { kind: 'regex', key, slot: slotOf(key), words: [], headId: -1, prefixId: -1, regex: new RegExp(expression.regex, 'gu') };
  }
  const words: PhraseWord[] = [];
  for (const raw of expression.trim().split(/\s/)) {
    if (raw === '') continue;
    const capitals = raw.length > 2 && raw.startsWith('"') && raw.endsWith('"');
    const bare = capitals ? raw.slice(1, -1) : raw;
    const prefix = bare.endsWith('*');
    const tokens = tokenize(normalizeText(prefix ? bare.slice(0, -1) : bare).text).filter((t) => !STOP_WORDS.has(t.text));
    tokens.forEach((token, i) => {
      const isPrefix = prefix && i === tokens.length - 1;
      // Prefixes are stemmed too: « agréé* » must meet « agréé » read as « agre ».
      const text = stemWord(token.text);
      words.push({ text, prefix: isPrefix, capitals, id: isPrefix ? -1 : internPhraseWord(text) });
    });
  }
  if (words.length === 0) throw new Error(`expression vide ou faite de mots ignorés : « ${expression} »`);
  const written = expression.trim().split(/\s/).filter((w) => w !== '').length;
  if (written > 1 && words.length === 1 && !words[0]?.prefix) {
    // « cette adresse » would silently mean « adresse » everywhere: make the author write it so.
    throw new Error(`« ${expression} » se réduit au seul mot « ${words[0]?.text} » (les mots vides sont ignorés) : écrivez une expression plus précise`);
  }
  const short = words.find((word) => word.prefix && word.text.length < MIN_PREFIX_LENGTH);
  if (short) throw new Error(`préfixe trop court (${MIN_PREFIX_LENGTH} lettres au moins) : « ${short.text}* »`);
  const key = words.map((w) => `${w.capitals ? '"' : ''}${w.text}${w.prefix ? '*' : ''}`).join(' ');
  const head = words[0] as PhraseWord;
  return {
    kind: 'phrase',
    key,
    slot: slotOf(key),
    words,
    headId: head.prefix ? -1 : internHeadWord(head.text),
    prefixId: head.prefix ? internHeadPrefix(head.text) : -1,
    regex: null,
  };
}

/** FNV-1a, 32 bits, in hexadecimal: a short, stable fingerprint (not a security hash). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
