/**
 * The structural reading of a message: what it claims to be (pretext), what it asks (requested
 * action), through which means (link, number, attachment, reply), under which pressure, whether the
 * means belong to the body it claims (coherence), and whether it speaks like a prevention notice
 * (protective framing). Each extractor is a pure function over a prepared text; every phrase is found
 * through the word index (engine/match.ts), never by a regular expression over the text, so the cost
 * is linear in the length of the text.
 */
import type { MessageKind } from '../../analysis.types.js';
import type { Occurrence, PreparedText } from '../../engine/match.js';
import { findExpression, mayHoldHead, mergeSpans } from '../../engine/match.js';
import type { Span } from '../../engine/normalize.js';
import { toOriginalSpan } from '../../engine/normalize.js';
import type { CompiledExpression } from '../../engine/ruleset.js';
import { compileExpression, headCodesOf } from '../../engine/ruleset.js';
import type { LexiconEntry } from './lexicon.js';
import { ACTIONS, MEANS, NEGATION_WORDS, PRESSURES, PRETEXTS, PROTECTIVE_PHRASES } from './lexicon.js';

/** One element found: its category and where it is in the original text. */
export interface StructureElement {
  readonly id: string;
  readonly label: string;
  readonly spans: readonly Span[];
}

interface CompiledEntry {
  readonly entry: LexiconEntry;
  readonly expressions: readonly CompiledExpression[];
  /** Head code of each expression (ruleset.ts `headCodesOf`). */
  readonly heads: Int32Array;
}

/**
 * A compiled list of entries, with the entries each head word (or head prefix) may open: a text
 * looks only at the entries whose first words it holds, so the cost follows the words of the text,
 * not the size of the lexicon.
 */
interface CompiledLexicon {
  readonly entries: readonly CompiledEntry[];
  /** Indexed by head word number, and by head prefix number: arrays, read for every head of every text. */
  readonly byHead: readonly (readonly number[] | undefined)[];
  readonly byPrefix: readonly (readonly number[] | undefined)[];
}

function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const compiled = entries.map((entry) => {
    const expressions = entry.phrases.map(compileExpression);
    return { entry, expressions, heads: headCodesOf(expressions) };
  });
  const byHead = new Map<number, number[]>();
  const byPrefix = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, id: number, index: number): void => {
    const list = map.get(id);
    if (!list) map.set(id, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  compiled.forEach(({ expressions }, index) => {
    for (const expression of expressions) {
      // Lexicons hold phrases only (no regular expression): see lexicon.ts.
      if (expression.kind !== 'phrase') throw new Error(`expression régulière refusée dans un lexique structurel : ${expression.key}`);
      if (expression.headId >= 0) add(byHead, expression.headId, index);
      else add(byPrefix, expression.prefixId, index);
    }
  });
  return { entries: compiled, byHead: byNumber(byHead), byPrefix: byNumber(byPrefix) };
}

function byNumber(lists: ReadonlyMap<number, readonly number[]>): (readonly number[] | undefined)[] {
  const array = Array.from({ length: Math.max(-1, ...lists.keys()) + 1 }, (): readonly number[] | undefined => undefined);
  for (const [id, list] of lists) array[id] = list;
  return array;
}

let entryMarks = new Uint8Array(256);

/** Entries of the lexicon the text may hold, in lexicon order. */
function openEntries(text: PreparedText, lexicon: CompiledLexicon): CompiledEntry[] {
  // One mark per entry in a reused array (synchronous, never re-entered), read back in lexicon order:
  // the set, its sort and the copies it replaces showed in profiles.
  const count = lexicon.entries.length;
  if (entryMarks.length < count) entryMarks = new Uint8Array(2 * count);
  const marks = entryMarks.fill(0, 0, count);
  let any = false;
  for (const id of text.heads.presentWords) any = markAll(marks, lexicon.byHead[id]) || any;
  for (const id of text.heads.presentPrefixes) any = markAll(marks, lexicon.byPrefix[id]) || any;
  const open: CompiledEntry[] = [];
  if (any) for (let index = 0; index < count; index += 1) if (marks[index] === 1) open.push(lexicon.entries[index] as CompiledEntry);
  return open;
}

function markAll(marks: Uint8Array, indexes: readonly number[] | undefined): boolean {
  if (indexes === undefined || indexes.length === 0) return false;
  for (let i = 0; i < indexes.length; i += 1) marks[indexes[i] as number] = 1;
  return true;
}

const COMPILED_PRETEXTS = compileLexicon(PRETEXTS);
const COMPILED_ACTIONS = compileLexicon(ACTIONS);
const COMPILED_MEANS = compileLexicon(MEANS);
const COMPILED_PRESSURES = compileLexicon(PRESSURES);
const COMPILED_PROTECTIVE = compileLexicon([{ id: 'prevention', label: 'message de prévention', phrases: PROTECTIVE_PHRASES }]);

/** Spans shown per element: enough to highlight, bounded on long texts. */
const MAX_SPANS = 4;
/** Words looked at before (and after) a request for a negation. */
const NEGATION_BEFORE = 4;

/** Occurrences of any of the entry's expressions, by start; copied and sorted only when two lists are found. */
function occurrencesOf(text: PreparedText, { expressions, heads }: CompiledEntry): readonly Occurrence[] {
  let only: readonly Occurrence[] = [];
  let all: Occurrence[] | null = null;
  for (let i = 0; i < expressions.length; i += 1) {
    if (!mayHoldHead(text, heads[i] as number)) continue;
    const found = findExpression(text, expressions[i] as CompiledExpression);
    if (found.length === 0) continue;
    if (only.length === 0) {
      only = found;
      continue;
    }
    all ??= [...only];
    for (const o of found) all.push(o);
  }
  return all === null ? only : all.sort((a, b) => a.start - b.start);
}

function toSpans(text: PreparedText, occurrences: readonly Occurrence[]): Span[] {
  return mergeSpans(occurrences.slice(0, MAX_SPANS).map((o) => toOriginalSpan(text.normalized, o.start, o.end)));
}

function elements(text: PreparedText, lexicon: CompiledLexicon, keep: (o: Occurrence) => boolean = () => true): StructureElement[] {
  const found: StructureElement[] = [];
  for (const compiled of openEntries(text, lexicon)) {
    const occurrences = occurrencesOf(text, compiled).filter(keep);
    const entry = compiled.entry;
    if (occurrences.length > 0) found.push({ id: entry.id, label: entry.label, spans: toSpans(text, occurrences) });
  }
  return found;
}

/** Words between a negation and its verb (« ne vous demandera jamais », « ne jamais donner »). */
const PRONOUNS: ReadonlySet<string> = new Set(['vous', 'nous', 'me', 'te', 'lui', 'y', 'en', 'se', 'jamai', 'jamais', 'pas']);
const NEGATION_WORDS_AFTER: ReadonlySet<string> = new Set(['pas', 'jamai', 'jamais']);

/**
 * How a request is negated: « jamais » (the negation of a prevention notice), « autre » (ne … pas,
 * sans, aucun), or null. Only the negation attached to the verb counts: in « si vous n’êtes pas à
 * l’origine, appelez… » the request is not negated.
 */
export function negationOf(text: PreparedText, o: Occurrence): 'jamais' | 'autre' | null {
  let kind: 'jamais' | 'autre' | null = null;
  let particle = false;
  for (let i = o.first - 1; i >= Math.max(0, o.first - NEGATION_BEFORE); i -= 1) {
    const word = text.words[i]?.text ?? '';
    if (word === 'jamai' || word === 'jamais') kind = 'jamais';
    else if (NEGATION_WORDS.has(word) || word === 'pas') kind ??= 'autre';
    if (word === 'ne' || word === 'n') particle = true;
    if (!PRONOUNS.has(word)) break;
  }
  const after = text.words[o.last + 1]?.text ?? '';
  if (particle && NEGATION_WORDS_AFTER.has(after)) kind = after === 'pas' ? (kind ?? 'autre') : 'jamais';
  return kind;
}

export function isNegated(text: PreparedText, o: Occurrence): boolean {
  return negationOf(text, o) !== null;
}

/** Who the message claims to be. */
export function extractPretexts(text: PreparedText): StructureElement[] {
  return elements(text, COMPILED_PRETEXTS);
}

/** What the message asks the reader to do; a request under a negation (« ne cliquez jamais ») is left out. */
export function extractActions(text: PreparedText): StructureElement[] {
  return readActions(text).asked;
}

/** Requests under « jamais »: what a prevention notice says the body never asks. */
export function extractNegatedActions(text: PreparedText): StructureElement[] {
  return readActions(text).never;
}

/** Requests and requests under « jamais », in one pass over the lexicon of actions. */
function readActions(text: PreparedText): { asked: StructureElement[]; never: StructureElement[] } {
  const asked: StructureElement[] = [];
  const never: StructureElement[] = [];
  for (const compiled of openEntries(text, COMPILED_ACTIONS)) {
    const occurrences = occurrencesOf(text, compiled);
    const entry = compiled.entry;
    if (occurrences.length === 0) continue;
    const kept: Occurrence[] = [];
    const negated: Occurrence[] = [];
    for (const o of occurrences) {
      const negation = negationOf(text, o);
      if (negation === null) kept.push(o);
      else if (negation === 'jamais') negated.push(o);
    }
    if (kept.length > 0) asked.push({ id: entry.id, label: entry.label, spans: toSpans(text, kept) });
    if (negated.length > 0) never.push({ id: entry.id, label: entry.label, spans: toSpans(text, negated) });
  }
  return { asked, never };
}

/** Means of action named in words (the links, numbers and addresses of the message are added by readStructure). */
export function extractMeans(text: PreparedText): StructureElement[] {
  return elements(text, COMPILED_MEANS, (o) => !isNegated(text, o));
}

/** Deadline, threat, loss, gain. */
export function extractPressure(text: PreparedText): StructureElement[] {
  return elements(text, COMPILED_PRESSURES);
}

/** Prevention wording: warnings about scams, what the body never asks. */
export function extractProtective(text: PreparedText, negated: readonly StructureElement[] = extractNegatedActions(text)): StructureElement | null {
  const warnings = elements(text, COMPILED_PROTECTIVE);
  if (warnings.length === 0 && negated.length === 0) return null;
  const spans = mergeSpans([...warnings, ...negated].flatMap((n) => n.spans).sort((a, b) => a.start - b.start));
  return { id: 'prevention', label: 'message de prévention', spans: spans.slice(0, MAX_SPANS * 2) };
}

/** What the rest of the analysis already knows about the message's means (links, numbers, sender). */
export interface MeansContext {
  readonly kind: MessageKind;
  /** Links: whether each is on an official host (or a reserved public suffix), or passes through a mailing service. */
  readonly links: readonly { readonly span: Span; readonly official: boolean; readonly tracking: boolean; readonly lookalike: boolean }[];
  readonly phones: readonly { readonly span: Span; readonly category: string; /** The number is in the register of official sources. */ readonly official: boolean }[];
  /** Email addresses written in the text or in the sender lines. */
  readonly addresses: number;
  readonly attachments: number;
  /** The sender's address is on an official host (true), elsewhere (false), or unknown (null). */
  readonly senderOfficial: boolean | null;
  readonly senderSpan?: Span;
  /** The message presents itself as a public body: named at its top (organisations.ts, `speaksFor`). */
  readonly claimsOfficialBody: boolean;
}

/**
 * Pretexts that name a public body outright: their means can be checked against the register. A
 * bank, a carrier or a supplier writes from many domains nobody lists: they are judged by the
 * organisations they name (organisations.ts, `claimsOfficialBody`), not by their pretext.
 */
const PUBLIC_PRETEXTS: ReadonlySet<string> = new Set(['assurance_maladie', 'impots', 'police_justice']);

export interface Coherence {
  /** Means that do not belong to the body the message claims (or premium numbers). */
  readonly incoherent: readonly { readonly reason: string; readonly span?: Span }[];
  /** Every means of action is an official one (links on official hosts, official numbers). */
  readonly officialMeansOnly: boolean;
}

export function assessCoherence(pretexts: readonly StructureElement[], context: MeansContext): Coherence {
  const claims = context.claimsOfficialBody || pretexts.some((p) => PUBLIC_PRETEXTS.has(p.id));
  const incoherent: { reason: string; span?: Span }[] = [];
  for (const link of context.links) {
    if (link.lookalike) incoherent.push({ reason: 'un lien qui imite un site officiel', span: link.span });
    else if (claims && !link.official && !link.tracking) incoherent.push({ reason: 'un lien qui n’appartient pas à l’organisme', span: link.span });
  }
  for (const phone of context.phones) {
    if (phone.category === 'surtaxe') incoherent.push({ reason: 'un numéro surtaxé', span: phone.span });
    else if (claims && (phone.category === 'etranger' || phone.category === 'mobile')) incoherent.push({ reason: phone.category === 'mobile' ? 'un numéro de portable' : 'un numéro étranger', span: phone.span });
    else if (claims && phone.category === 'court' && !phone.official) incoherent.push({ reason: 'un numéro court inconnu', span: phone.span });
  }
  if (claims && context.senderOfficial === false) incoherent.push({ reason: 'une adresse d’expéditeur qui n’appartient pas à l’organisme', ...(context.senderSpan ? { span: context.senderSpan } : {}) });
  const anyMeans = context.links.length + context.phones.length > 0;
  const officialMeansOnly =
    anyMeans && incoherent.length === 0 && context.links.every((l) => l.official) && context.phones.every((p) => p.official || p.category === 'gratuit' || p.category === 'fixe');
  return { incoherent, officialMeansOnly };
}

/** The whole reading. */
export interface StructureReading {
  readonly pretexts: readonly StructureElement[];
  readonly actions: readonly StructureElement[];
  readonly means: readonly StructureElement[];
  readonly pressure: readonly StructureElement[];
  readonly protective: StructureElement | null;
  readonly coherence: Coherence;
  /** The message holds a means of action: a link, a number, an address, an attachment, or is a call. */
  readonly hasMeans: boolean;
  /** Every way the message offers to act leads to an official body (see onlyOfficialWaysToAct). */
  readonly onlyOfficialWays: boolean;
}

/** Means named in words that lead elsewhere than a link or a number: a QR code, an attachment, a reply. */
const OPAQUE_MEANS: ReadonlySet<string> = new Set(['qr', 'piece_jointe', 'messagerie']);

/**
 * A written message whose every way to act leads to an official body: at least one link or number,
 * every link on an official host, every number in the register, no attachment, no address to write
 * to, no QR code, no request to reply, and a sender (when known) on an official host. A scam needs a
 * way back to the scammer; such a message offers none, whatever its wording. A call is its own way
 * back, so calls never qualify.
 */
export function onlyOfficialWaysToAct(context: MeansContext, means: readonly StructureElement[], actions: readonly StructureElement[]): boolean {
  if (context.kind === 'call') return false;
  const ways = context.links.length + context.phones.length;
  return (
    ways > 0 &&
    context.links.every((l) => l.official && !l.lookalike) &&
    context.phones.every((p) => p.official) &&
    context.attachments === 0 &&
    context.addresses === 0 &&
    context.senderOfficial !== false &&
    !means.some((m) => OPAQUE_MEANS.has(m.id)) &&
    !actions.some((a) => a.id === 'reply')
  );
}

export function readStructure(text: PreparedText, context: MeansContext): StructureReading {
  const pretexts = extractPretexts(text);
  const { asked: actions, never } = readActions(text);
  const means = extractMeans(text);
  const pressure = extractPressure(text);
  const protective = extractProtective(text, never);
  const coherence = assessCoherence(pretexts, context);
  // A call is its own means; an email can be answered (its sender); a request to reply or to send a
  // document goes back to the sender.
  const hasMeans =
    context.kind === 'call' ||
    context.senderOfficial !== null ||
    context.links.length > 0 ||
    context.phones.length > 0 ||
    context.addresses > 0 ||
    context.attachments > 0 ||
    means.length > 0 ||
    actions.some((a) => a.id === 'reply');
  const onlyOfficialWays = onlyOfficialWaysToAct(context, means, actions);
  return { pretexts, actions, means, pressure, protective, coherence, hasMeans, onlyOfficialWays };
}
