import type { Span } from '../../engine/normalize.js';
import { parseHost } from '../links/parse-host.js';

// Email addresses as indicators (issue 14): whatever is written around an address (angle brackets,
// quotes, a final dot or comma, « mailto: ») is not part of it, so the same sender gives one clean
// indicator whether it was read from a header, a pasted « De : » line or the body.

const MAX_ADDRESSES = 20;
/** Characters of a local part in running text: the usual ones, so the sentence around is left out. */
const ADDRESS_CHAR = /^[A-Za-z0-9._%+-]$/;
/**
 * Characters of a local part a mail parser hands over: all of RFC 5322's (« o'reilly@ »,
 * « sentto-…-zzzz=exemple.org@ » in a Return-Path, often past the 64 characters the RFC allows).
 */
const HEADER_ADDRESS_CHAR = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]$/;
const TEXT_LOCAL_MAX = 64;
const HEADER_LOCAL_MAX = 255;
const DOMAIN_CHAR = /^[A-Za-z0-9.-]$/;

/**
 * The address around the « @ » at `at`: the longest local part and domain of the usual characters,
 * without the dots and quotes that start a local part nor the dots and hyphens that end a domain
 * (punctuation of the sentence). Null when what is left is not an address on a real domain.
 */
function addressAround(text: string, at: number, localChar = ADDRESS_CHAR, localMax = TEXT_LOCAL_MAX): { address: string; span: Span } | null {
  let start = at;
  while (start > 0 && at - start < localMax && localChar.test(text[start - 1] ?? '')) start -= 1;
  // Two dots never stand together in an address: before them is the sentence (« voir...contact@ »).
  const ellipsis = text.lastIndexOf('..', at);
  if (ellipsis >= start) start = Math.min(ellipsis + 2, at);
  // A dot or a quote cannot start an address: « ...contact@ », « 'support@exemple.fr' ».
  while (start < at && (text[start] === '.' || text[start] === "'" || text[start] === '`')) start += 1;
  let end = at + 1;
  while (end < text.length && end - at < 255 && DOMAIN_CHAR.test(text[end] ?? '')) end += 1;
  while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end -= 1;
  const domain = text.slice(at + 1, end);
  if (start === at || !domain.includes('.') || parseHost(domain).domain === null) return null;
  return { address: text.slice(start, end).toLowerCase(), span: { start, end } };
}

/** Email addresses written in the text, found around each « @ » (no regular expression over the text). */
export function extractAddresses(text: string): { address: string; span: Span }[] {
  const found: { address: string; span: Span }[] = [];
  let at = text.indexOf('@');
  while (at >= 0 && found.length < MAX_ADDRESSES) {
    const address = addressAround(text, at);
    if (address) found.push(address);
    at = text.indexOf('@', address ? address.span.end : at + 1);
  }
  return found;
}

/**
 * One address as a mail parser or a person gave it (« <support@exemple.fr>, », « 'support@exemple.fr' »,
 * « support@exemple.fr. »), lower-case and without what surrounds it, with where it sits in `value`.
 * Null when `value` holds no address on a real domain.
 */
export function cleanAddress(value: string): { address: string; span: Span } | null {
  const at = value.lastIndexOf('@');
  return at < 0 ? null : addressAround(value, at, HEADER_ADDRESS_CHAR, HEADER_LOCAL_MAX);
}
