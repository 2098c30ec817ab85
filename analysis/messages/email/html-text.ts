/**
 * Turns an HTML email body into the text a reader sees, and lists its links with both the text shown
 * and the real target. A single left-to-right scan with indexOf: linear, no regular expression over
 * the whole document, and no DOM (the core must run anywhere).
 */
export interface HtmlAnchor {
  readonly href: string;
  /** Text of the link as displayed, and where it lies in `text`. */
  readonly displayedText: string;
  readonly start: number;
  readonly end: number;
}

export interface HtmlText {
  readonly text: string;
  readonly anchors: readonly HtmlAnchor[];
}

const SKIPPED_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section',
  'article', 'header', 'footer', 'hr', 'center', 'pre',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë',
  agrave: 'à', acirc: 'â', ccedil: 'ç', icirc: 'î', iuml: 'ï', ocirc: 'ô', ouml: 'ö', ugrave: 'ù', ucirc: 'û', uuml: 'ü',
  Eacute: 'É', Egrave: 'È', Ecirc: 'Ê', Agrave: 'À', Ccedil: 'Ç', laquo: '«', raquo: '»', euro: '€', rsquo: '’',
  lsquo: '‘', ldquo: '“', rdquo: '”', hellip: '…', ndash: '–', mdash: '—', copy: '©', reg: '®', deg: '°', oelig: 'œ',
  middot: '·', bull: '•', zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad',
};

const SEMICOLON = 0x3b;
const MAX_ENTITY_LENGTH = 10;

/** Decodes character references (&eacute; &#233; &#xE9;) in one piece of text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf('&', i);
    if (amp < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, amp);
    // The name ends at a « ; » at most 10 characters on; looking further would make « &&&& » quadratic.
    let semicolon = -1;
    for (let k = amp + 1; k <= amp + MAX_ENTITY_LENGTH && k < text.length; k += 1) {
      if (text.charCodeAt(k) === SEMICOLON) {
        semicolon = k;
        break;
      }
    }
    const name = semicolon > amp ? text.slice(amp + 1, semicolon) : '';
    const decoded = decodeEntity(name);
    if (decoded === null) {
      out += '&';
      i = amp + 1;
    } else {
      out += decoded;
      i = semicolon + 1;
    }
  }
  return out;
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : null;
  }
  return NAMED_ENTITIES[name] ?? null;
}

function tagName(tag: string): { name: string; closing: boolean } {
  let i = 0;
  const closing = tag[0] === '/';
  if (closing) i = 1;
  let name = '';
  while (i < tag.length && /[A-Za-z0-9]/.test(tag[i] ?? '')) {
    name += tag[i];
    i += 1;
  }
  return { name: name.toLowerCase(), closing };
}

/** Value of one attribute in a start tag (quoted or not). */
export function attributeValue(tag: string, attribute: string): string | null {
  const lower = tag.toLowerCase();
  let from = 0;
  while (from < lower.length) {
    const at = lower.indexOf(attribute, from);
    if (at < 0) return null;
    const before = lower[at - 1] ?? ' ';
    let i = at + attribute.length;
    while (lower[i] === ' ') i += 1;
    if (/\s/.test(before) && lower[i] === '=') {
      i += 1;
      while (lower[i] === ' ') i += 1;
      const quote = tag[i];
      if (quote === '"' || quote === "'") {
        const close = tag.indexOf(quote, i + 1);
        return decodeEntities(tag.slice(i + 1, close < 0 ? tag.length : close));
      }
      let end = i;
      while (end < tag.length && !/[\s>]/.test(tag[end] ?? '')) end += 1;
      return decodeEntities(tag.slice(i, end));
    }
    from = at + attribute.length;
  }
  return null;
}

/**
 * The text being built, in pieces: appending to one long string and asking it for its last character
 * would flatten it each time, and a page of many short pieces (links) would take quadratic time.
 */
class TextParts {
  readonly parts: string[] = [];
  length = 0;
  last = '';

  append(piece: string): void {
    if (piece === '') return;
    this.parts.push(piece);
    this.length += piece.length;
    this.last = piece[piece.length - 1] as string;
  }

  /** Everything appended since the piece numbered `from`. */
  since(from: number): string {
    return this.parts.slice(from).join('');
  }
}

export function htmlToText(html: string): HtmlText {
  const text = new TextParts();
  const anchors: HtmlAnchor[] = [];
  let open: { href: string; start: number; part: number } | null = null;
  const newline = (): void => {
    if (text.length > 0 && text.last !== '\n') text.append('\n');
  };
  const appendText = (raw: string): void => {
    const collapsed = decodeEntities(raw).replace(/[ \t\r\n]{1,1000}/g, ' ');
    text.append(text.last === '\n' || text.last === ' ' || text.length === 0 ? collapsed.replace(/^ /, '') : collapsed);
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    appendText(html.slice(i, lt < 0 ? html.length : lt));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const tag = html.slice(lt + 1, gt);
    const { name, closing } = tagName(tag);
    i = gt + 1;
    if (!closing && SKIPPED_ELEMENTS.has(name)) {
      const close = findClosingTag(html, name, i);
      i = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) newline();
    if (name === 'a' && !closing) {
      open = { href: attributeValue(tag, 'href') ?? '', start: text.length, part: text.parts.length };
    } else if (name === 'a' && closing && open) {
      const inside = text.since(open.part);
      const displayed = inside.trim();
      const start = open.start + inside.indexOf(displayed);
      if (open.href !== '') anchors.push({ href: open.href, displayedText: displayed, start, end: start + displayed.length });
      open = null;
    }
  }
  return { text: text.parts.join('').trimEnd(), anchors };
}

/** Position of `</name`, case-insensitive, from `from`; -1 if absent. */
function findClosingTag(html: string, name: string, from: number): number {
  let at = html.indexOf('</', from);
  while (at >= 0) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
    at = html.indexOf('</', at + 2);
  }
  return -1;
}
