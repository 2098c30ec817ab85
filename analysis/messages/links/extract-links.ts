import { boundedMemo } from '../../engine/bounded-memo.js';
import type { Span } from '../../engine/normalize.js';

/** A link found in a message, with where it appears in the text shown to the user. */
export interface FoundLink {
  /** Absolute URL, as parsed (scheme added to « www.… » and bare domains). */
  readonly url: string;
  /** Lower-case ASCII host. */
  readonly host: string;
  /** Path, query and fragment, for spotting log-in pages. */
  readonly path: string;
  readonly evidence: Span;
  /** For an HTML link: the text the reader sees, when it differs from the address. */
  readonly displayedText?: string;
  /** Scheme other than http(s), e.g. `javascript:` or `data:` in an HTML link. */
  readonly unusualScheme?: string;
}

/**
 * Links checked per message. A genuine message rarely has more; past it, the rest are not looked at
 * (a text stuffed with a hundred thousand links costs no more than one with fifty) and the analysis
 * says it is partial.
 */
export const MAX_LINKS = 50;

/**
 * Characters that end a link in running text; URLs in scams practically never contain them. Not the
 * backslash: « https:\\exemple.fr\connexion » is one link typed with the wrong slashes (browsers
 * follow it), not a scheme and a domain apart.
 */
const DELIMITERS = new Set([' ', '\t', '\n', '\r', '\f', '\v', '<', '>', '"', '«', '»', '“', '”', '(', ')', '[', ']', '{', '}', '|', '^', '`', '\u00a0', '\u202f']);
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '’', '…', '*', '\\']);
/** Quotes and brackets a link is written between (« <https://…> », « (https://…) », « "https://…" »). */
const OPENING = new Set(['<', '(', '[', '{', '"', "'", '«', '“', '‘']);
/** Each closing character and what opens it (the same character for straight quotes). */
const CLOSING: ReadonlyMap<string, string> = new Map([['>', '<'], [')', '('], [']', '['], ['}', '{'], ['"', '"'], ["'", "'"], ['»', '«'], ['”', '“'], ['’', '‘']]);

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** The link itself opened this closing character (« …/wiki/Fièvre_(maladie) », « …?id={$id} »). */
function closesInside(inside: string, closing: string): boolean {
  const opening = CLOSING.get(closing);
  if (opening === undefined) return false;
  return opening === closing ? count(inside, closing) % 2 === 1 : count(inside, opening) > count(inside, closing);
}

/**
 * A link as typed by a person (a report's « lien » field, a CLI argument, a pasted line): without the
 * quotes, brackets and punctuation around it, with backslashes read as slashes before its query. The
 * same address written « https://exemple.fr/connexion). » or « https:\\exemple.fr\connexion » is then
 * one indicator, not two. A closing bracket the link opened stays (« …/wiki/Fièvre_(maladie) »).
 */
export function cleanLinkCandidate(candidate: string): string {
  let start = 0;
  let end = candidate.length;
  while (start < end && (OPENING.has(candidate[start] as string) || (candidate[start] as string).trim() === '')) start += 1;
  while (end > start) {
    const last = candidate[end - 1] as string;
    if (closesInside(candidate.slice(start, end - 1), last) || !(TRAILING.has(last) || CLOSING.has(last) || last.trim() === '')) break;
    end -= 1;
  }
  const link = candidate.slice(start, end);
  const query = link.search(/[?#]/);
  return query < 0 ? link.replace(/\\/g, '/') : `${link.slice(0, query).replace(/\\/g, '/')}${link.slice(query)}`;
}

/**
 * Extensions accepted for a bare domain written without « http » or « www. » (« agencedpc.fr »). A
 * closed list: the public list has hundreds of words (« .dupont », « .de ») that French prose hits.
 */
const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set([
  'fr', 'com', 'net', 'org', 'info', 'eu', 'io', 'co', 'biz', 'xyz', 'top', 'online', 'site', 'shop', 'live',
  'click', 'icu', 'be', 'ch', 'lu', 'ca', 'uk', 'us', 'me', 'app', 'ly', 'gl', 'cc', 'gd', 'ee', 'to', 'ru',
  'cn', 'tk', 'ml', 'ga', 'cf', 'gq', 'pro', 'link', 'club', 'store', 'tech', 'website', 'space', 'fun', 'buzz',
  'cfd', 'sbs', 'vip', 'cloud', 'support', 'help', 'page', 'ws', 'su', 'pw', 're', 'gp', 'mq', 'yt', 'nc', 'pf',
  'it', 'es', 'pt', 'nl', 'ma', 'tn', 'dz', 'sn', 'ci', 'rest', 'cyou', 'monster', 'quest', 'bnpparibas', 'at',
]);

function isDelimiter(ch: string): boolean {
  return DELIMITERS.has(ch) || ch.trim() === '';
}

/**
 * `isDelimiter` of each UTF-16 unit, filled on first use (0 not known yet, 1 delimiter, 2 not): the
 * loop below reads every character, and accented letters are common in French.
 */
const UNIT_DELIMITER = new Uint8Array(0x10000);

function isDelimiterCode(code: number): boolean {
  let known = UNIT_DELIMITER[code] as number;
  if (known === 0) {
    known = isDelimiter(String.fromCharCode(code)) ? 1 : 2;
    UNIT_DELIMITER[code] = known;
  }
  return known === 1;
}

/**
 * Candidate chunks of a text, in one pass (no regular expression, so no backtracking), handed to
 * `visit` until it returns false. Only an address with a scheme can do without a dot (« www. » and
 * bare domains need one): the other chunks, most words of a message, are skipped without being copied.
 */
function forEachChunk(text: string, visit: (value: string, start: number) => boolean): void {
  let start = -1;
  let firstDot = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const boundary = i === text.length || isDelimiterCode(code) || (code === BACKSLASH && !backslashInLink(text, start, i));
    if (!boundary) {
      if (start < 0) {
        // A quote before a link is not part of it (« 'freshmeat.net' »).
        if (isLeadingQuote(code)) continue;
        start = i;
        firstDot = -1;
      }
      if (firstDot < 0 && code === DOT) firstDot = i;
    } else if (start >= 0) {
      // Neither a dot nor a leading « h » (http): no link, and no need to trim the chunk.
      if (firstDot < 0 && !startsWithH(text, start)) {
        start = -1;
        continue;
      }
      let end = i;
      while (end > start && TRAILING.has(text[end - 1] ?? '')) end -= 1;
      if (end > start && ((firstDot >= 0 && firstDot < end) || startsWithScheme(text, start, end))) {
        if (!visit(text.slice(start, end), start)) return;
      }
      start = -1;
    }
  }
}

const BACKSLASH = 0x5c;

/** ' ‘ ’ */
function isLeadingQuote(code: number): boolean {
  return code === 0x27 || code === 0x2018 || code === 0x2019;
}

/**
 * Whether a backslash belongs to the link being read: typed for a slash in the scheme or before the
 * path (« https:\\exemple.fr\connexion », « exemple.fr\connexion »). Once the link has a path or a
 * query, a backslash ends it, as it did in the plain-text mails that wrap or escape their links
 * (« …?Page=\ForeignBureaus », « …/blog/\n »).
 */
function backslashInLink(text: string, start: number, at: number): boolean {
  if (start < 0) return false;
  return !/[/?#]/.test(text.slice(start, at).replace(/^https?:[\\/]*/i, ''));
}

const DOT = 0x2e;

function startsWithH(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  return first === 0x68 || first === 0x48; // h, H
}

function startsWithScheme(text: string, start: number, end: number): boolean {
  if (!startsWithH(text, start)) return false;
  const head = text.slice(start, Math.min(end, start + 8)).toLowerCase().replace(/\\/g, '/');
  return SCHEME_PREFIXES.some((prefix) => head.startsWith(prefix));
}

const SCHEME_PREFIXES = ['http://', 'https://'];

function isHostLike(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((label) => label === '' || label.length > 63)) return false;
  const tld = (labels[labels.length - 1] ?? '').toLowerCase();
  if (/^[0-9]{1,3}$/.test(tld) && labels.length === 4 && labels.every((l) => /^[0-9]{1,3}$/.test(l))) return true;
  if (!BARE_DOMAIN_TLDS.has(tld)) return false;
  return labels.every((label) => /^[\p{L}\p{N}-]{1,63}$/u.test(label)) && /\p{L}/u.test(labels[labels.length - 2] ?? '');
}

/** Parses one link candidate; null when it is not a web address. Remembered: the result is read-only. */
export const parseLinkCandidate: (candidate: string) => Omit<FoundLink, 'evidence'> | null = boundedMemo(5_000, parseCandidate);

function parseCandidate(written: string): Omit<FoundLink, 'evidence'> | null {
  const candidate = cleanLinkCandidate(written);
  const lower = candidate.toLowerCase();
  let absolute: string;
  if (SCHEME_PREFIXES.some((prefix) => lower.startsWith(prefix))) absolute = candidate;
  else if (lower.startsWith('www.')) absolute = `http://${candidate}`;
  else if (candidate.includes('@')) return null;
  else {
    const hostPart = candidate.split(/[/?#]/, 1)[0] ?? '';
    const hostOnly = hostPart.includes(':') ? hostPart.slice(0, hostPart.indexOf(':')) : hostPart;
    if (!isHostLike(hostOnly)) return null;
    absolute = `http://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if (url.hostname === '' || !url.hostname.includes('.')) return null;
  return { url: url.href, host: url.hostname.toLowerCase().replace(/\.$/, ''), path: `${url.pathname}${url.search}${url.hash}` };
}

export interface LinkSearch {
  /** Stop after this many links (those refused by `keep` not counted). */
  readonly limit?: number;
  /** Links to leave out (already found another way). */
  readonly keep?: (link: FoundLink) => boolean;
}

/** Finds web addresses in plain text: http(s) URLs, « www. » addresses and bare domains. */
export function extractLinksFromText(text: string, search: LinkSearch = {}): FoundLink[] {
  const limit = search.limit ?? Number.POSITIVE_INFINITY;
  const links: FoundLink[] = [];
  if (limit <= 0) return links;
  forEachChunk(text, (value, start) => {
    const parsed = parseLinkCandidate(value);
    if (parsed) {
      const link: FoundLink = { ...parsed, evidence: { start, end: start + value.length } };
      if (!search.keep || search.keep(link)) links.push(link);
    }
    return links.length < limit;
  });
  return links;
}

/** Parses the target of an HTML link (`href`), keeping odd schemes so they can be reported. */
export function parseHref(href: string): Omit<FoundLink, 'evidence'> | null {
  const trimmed = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript' || scheme === 'file') {
    return { url: trimmed.slice(0, 200), host: '', path: '', unusualScheme: scheme };
  }
  if (scheme === 'mailto' || scheme === 'tel' || scheme === 'sms' || trimmed.startsWith('#') || trimmed === '') return null;
  return parseLinkCandidate(trimmed);
}
