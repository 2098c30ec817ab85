import type { Span } from '../../engine/normalize.js';

// What tells a number to call from the other runs of digits a message holds (issue 14): a campaign's
// phone indicators go to partners, so a reference, an identifier or digits inside a link must never
// become one. Each check reads only a few characters or words around one candidate.

/** Lower case, no accents, compatibility forms expanded (« nº » → « no »). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const LETTER = /^[\p{L}_]$/u;

/** Letters glued in front of a number that still announce it (« Tél06 12 34 56 78 »). */
const GLUED_CALL_WORDS: ReadonlySet<string> = new Set(['tel', 'tlf', 'telephone', 'mob', 'mobile', 'port', 'portable', 'gsm', 'fax', 'whatsapp']);

/**
 * The digits are part of a word: a reference or an identifier (« CP2025-88412 », « REF88412 »,
 * « FR76… », « XW123456789FR »), never a number someone writes to be called. A number written with
 * separators may be followed by a word typed without a space; a compact one may not.
 */
export function gluedToLetters(text: string, span: Span): boolean {
  const after = text[span.end] ?? '';
  if (LETTER.test(after) && !/[^0-9]/.test(text.slice(span.start, span.end))) return true;
  let start = span.start;
  while (start > 0 && LETTER.test(text[start - 1] ?? '')) start -= 1;
  return start < span.start && !GLUED_CALL_WORDS.has(fold(text.slice(start, span.start)));
}

/** Characters that end a token of running text (a link or an address stops there). */
const TOKEN_END = /[\s<>"«»“”()[\]{}|]/u;
const MAX_TOKEN = 300;

function tokenBefore(text: string, start: number): string {
  let i = start;
  while (i > 0 && start - i < MAX_TOKEN && !TOKEN_END.test(text[i - 1] ?? '')) i -= 1;
  return text.slice(i, start);
}

function tokenAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && i - end < MAX_TOKEN && !TOKEN_END.test(text[i] ?? '')) i += 1;
  return text.slice(end, i);
}

/** A scheme, « www. », a domain followed by a path, or the query of a link. */
const LINK_BEFORE = /(?:https?:|www\.)|[\p{L}\p{N}-]\.\p{L}{2,}(?::[0-9]+)?[/\\?#]|[?&=#]/iu;

/**
 * The digits are inside a web address (« …/suivi?ref=0612345678 », « bit.ly/0612… ») or an email
 * address (« 0612345678@sms-passerelle.fr »): they are that address's, which is its own indicator.
 */
export function insideLinkOrAddress(text: string, span: Span): boolean {
  const before = tokenBefore(text, span.start);
  const after = tokenAfter(text, span.end);
  return before.includes('@') || /^[\p{L}\p{N}._%+-]*@/u.test(after) || LINK_BEFORE.test(before);
}

/** An amount: a decimal comma, a currency or a percentage right after, or a currency right before. */
export function isAmount(text: string, span: Span): boolean {
  const after = text.slice(span.end, span.end + 8);
  const before = text.slice(Math.max(0, span.start - 3), span.start);
  return /^[\s\u00a0\u202f]?(?:,[0-9]|€|\$|£|%|eur\b|euros?\b)/iu.test(after) || /[€$£][\s\u00a0\u202f]?$/u.test(before);
}

/** Words that introduce a number to call: the nearest of them wins over a reference word further back. */
const CALL_WORD_PREFIXES = ['appel', 'rappel', 'compos', 'contact', 'joindre', 'joign', 'telephon', 'portable', 'mobile', 'whatsapp', 'standard', 'permanence', 'fax'];
const CALL_WORDS: ReadonlySet<string> = new Set(['tel', 'tlf', 'gsm', 'sms', 'vert', 'numero', 'num']);

/**
 * Words after which a number is an identifier, not a number to call (« n° de dossier 0412… »,
 * « Numéro de facture : 0123456789 », « RPPS 10003456789 »). Only words that cannot stand for a
 * service to call: « client » and « carte » name the service too (« Service client : 0 825… »).
 */
const REFERENCE_WORDS: ReadonlySet<string> = new Set([
  'dossier', 'dossiers', 'facture', 'factures', 'commande', 'commandes', 'suivi', 'colis', 'contrat', 'ref', 'reference', 'references',
  'rpps', 'adeli', 'finess', 'siret', 'siren', 'tva', 'iban', 'rib', 'bic', 'nir', 'fiscal', 'fiscale', 'ticket', 'transaction',
  'lot', 'avis', 'identifiant', 'id', 'ordonnance', 'adherent', 'matricule', 'immatriculation', 'sinistre', 'bordereau', 'recu',
  'quittance', 'mandat', 'tracking', 'order', 'invoice',
]);
/**
 * Words that stand between a label and its number (« numéro de la facture : … »). « n° » says only
 * that a number follows: callers write « N° 09 70 73 28 14 » for the number that called them.
 */
const FILLER_WORDS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'l', 'votre', 'vos', 'ton', 'ta', 'est', 'sous', 'suivant', 'ci', 'dessous', 'n', 'no']);
const WORDS_LOOKED_AT = 6;

export type NumberContext = 'call' | 'reference' | 'none';

/**
 * What the words just before a number say it is: the first of them that is not a filler decides. A
 * word holding digits (another number) stops the search, so a label names only the number after it.
 * « # » right before the number is a reference (« Ticket #0612345678 »).
 */
export function contextBefore(text: string, start: number): NumberContext {
  const head = text.slice(Math.max(0, start - 80), start);
  if (/#\s?$/.test(head)) return 'reference';
  const words = fold(head).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  // The first word may have been cut by the slice: it is looked at only when the text starts there.
  const from = start > 80 ? 1 : 0;
  for (let i = words.length - 1, seen = 0; i >= from && seen < WORDS_LOOKED_AT; i -= 1, seen += 1) {
    const word = words[i] as string;
    if (/[0-9]/.test(word)) return 'none';
    if (FILLER_WORDS.has(word)) continue;
    if (CALL_WORDS.has(word) || CALL_WORD_PREFIXES.some((p) => word.startsWith(p))) return 'call';
    return REFERENCE_WORDS.has(word) ? 'reference' : 'none';
  }
  return 'none';
}

/** Separators people put between the groups of a number: one at a time. */
const LIGHT_SEPARATORS = /^[ .\-\u00a0\u202f]$/u;
/**
 * How a French number is grouped when written in its national form: in pairs, 4-2-2-2 (« 0899 12 34
 * 56 », overseas « 0590 12 34 56 »), 1-3-2-2-2 (« 0 899 18 72 30 », as the plan writes 08 numbers),
 * 1-3-3-3, 4-3-3 and 2-2-3-3 (« 0 800 288 038 », « 08 00 288 038 »), or all together. Other
 * groupings of ten digits starting with 0 are dates and times (« 01.03.2025 10 »), references
 * (« 0412-5566-78 ») or codes.
 */
const FRENCH_GROUPINGS: ReadonlySet<string> = new Set(['10', '2.2.2.2.2', '4.2.2.2', '1.3.2.2.2', '1.3.3.3', '4.3.3', '2.2.3.3']);

export type WrittenForm = 'international' | 'dialled_abroad' | 'national' | 'compact_national' | 'other';

/**
 * The form a number is written in: « +… » (international), « 00… » (dialled from France to another
 * country), ten digits from 0 grouped the French way (national), ten digits from 0 together
 * (compact_national), or anything else, which is not read as a number to call.
 */
export function writtenForm(written: string): WrittenForm {
  if (written.startsWith('+') || written.startsWith('(+')) return 'international';
  const groups = written.split(/[^0-9]+/).filter((g) => g !== '');
  const separators = written.split(/[0-9]+/).filter((s) => s !== '');
  if (!separators.every((s) => LIGHT_SEPARATORS.test(s))) return 'other';
  if (written.startsWith('00')) return 'dialled_abroad';
  if (!written.startsWith('0')) return 'other';
  const grouping = groups.map((g) => g.length).join('.');
  if (!FRENCH_GROUPINGS.has(grouping)) return 'other';
  return grouping === '10' ? 'compact_national' : 'national';
}

/**
 * More digits right against the number, one separator away (« 06 12 34 56 78 90 », a card or a
 * social security number): the number is a piece of a longer one.
 */
export function continuesWithDigits(run: string, startsAt: number, endsAt: number): boolean {
  const before = run.slice(Math.max(0, startsAt - 2), startsAt);
  const after = run.slice(endsAt, endsAt + 2);
  return /[0-9]$/.test(before) || /^[0-9]/.test(after) || /[0-9][ .-]$/.test(before) || /^[ .-][0-9]/.test(after);
}
