/**
 * Turns an HTML email body into the text a reader sees, and lists its links with both the text shown
 * and the real target. htmlparser2's tokenizer reads the markup — tags, attributes, comments, CDATA,
 * character references, raw-text elements such as <style> — and this file only decides what is shown.
 *
 * The tokenizer is used without htmlparser2's Parser on purpose: the Parser keeps a stack of open
 * elements that it grows with `unshift` and searches on every closing tag, so a body of unclosed tags
 * takes quadratic time (400 kB of « <b> » took over 6 s), whereas the tokenizer alone is one linear
 * pass. No DOM either: the core must run anywhere. The text is never longer than the HTML.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

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

/** Elements whose content a reader does not see. */
const HIDDEN_ELEMENTS = new Set([
  'script', 'style', 'head', 'title', 'noscript', 'template', 'iframe', 'noembed', 'noframes',
]);
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section',
  'article', 'header', 'footer', 'hr', 'center', 'pre',
]);

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

interface OpenAnchor {
  readonly href: string;
  readonly start: number;
  readonly part: number;
}

/**
 * What a reader sees, built from the tokenizer's events. There is no stack of open elements: a hidden
 * element hides everything up to its own end tag, and a link runs from its start tag to its `</a>`.
 */
class ShownText implements TokenizerCallbacks {
  readonly text = new TextParts();
  readonly anchors: HtmlAnchor[] = [];
  /** Text met since the last tag, whose spaces are collapsed once the run is complete. */
  private pending = '';
  private hiddenBy: string | null = null;
  private tag = '';
  private attribute = '';
  private value = '';
  private href: string | null = null;
  private anchor: OpenAnchor | null = null;

  constructor(private readonly html: string) {}

  ontext(start: number, end: number): void {
    if (this.hiddenBy === null) this.pending += this.html.slice(start, end);
  }

  ontextentity(codePoint: number): void {
    if (this.hiddenBy === null) this.pending += String.fromCodePoint(codePoint);
  }

  onopentagname(start: number, end: number): void {
    this.flush();
    this.tag = this.html.slice(start, end).toLowerCase();
    this.href = null;
  }

  onattribname(start: number, end: number): void {
    // Only a link's target is read; the values of other attributes are never assembled.
    this.attribute = this.tag === 'a' && this.hiddenBy === null ? this.html.slice(start, end).toLowerCase() : '';
    this.value = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.attribute === 'href') this.value += this.html.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    if (this.attribute === 'href') this.value += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    // The first href counts, as in a browser.
    if (this.attribute === 'href' && this.href === null) this.href = this.value;
    this.attribute = '';
  }

  onopentagend(): void {
    this.openElement(this.tag);
  }

  /** `<br/>`, `<a href="…"/>`: in HTML the slash changes nothing. */
  onselfclosingtag(): void {
    this.openElement(this.tag);
  }

  onclosetag(start: number, end: number): void {
    this.flush();
    this.closeElement(this.html.slice(start, end).toLowerCase());
  }

  onend(): void {
    this.flush();
  }

  // Comments, CDATA sections, doctypes and processing instructions show nothing.
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  private openElement(name: string): void {
    if (this.hiddenBy !== null) {
      // A <body> ends a <head> left open, as in a browser: the body would otherwise vanish.
      if (name === 'body' && this.hiddenBy === 'head') this.hiddenBy = null;
      return;
    }
    if (HIDDEN_ELEMENTS.has(name)) {
      this.hiddenBy = name;
      return;
    }
    if (BLOCK_ELEMENTS.has(name)) this.newline();
    if (name === 'a') {
      // A link cannot hold another: a new <a> ends the open one, as in a browser.
      this.endAnchor(false);
      this.anchor = { href: this.href ?? '', start: this.text.length, part: this.text.parts.length };
    }
  }

  private closeElement(name: string): void {
    if (this.hiddenBy !== null) {
      if (name === this.hiddenBy) this.hiddenBy = null;
      return;
    }
    if (BLOCK_ELEMENTS.has(name)) this.newline();
    if (name === 'a') this.endAnchor(true);
  }

  /**
   * Lists the open link if it has a target. One ended by the next <a> is kept only if it shows text,
   * so that thousands of unclosed <a> tags do not make thousands of links; one still open at the end
   * of the document is never listed.
   */
  private endAnchor(closedByItsTag: boolean): void {
    const open = this.anchor;
    if (open === null) return;
    this.anchor = null;
    const inside = this.text.since(open.part);
    const displayed = inside.trim();
    if (open.href === '' || (!closedByItsTag && displayed === '')) return;
    const start = open.start + inside.indexOf(displayed);
    this.anchors.push({ href: open.href, displayedText: displayed, start, end: start + displayed.length });
  }

  private newline(): void {
    if (this.text.length > 0 && this.text.last !== '\n') this.text.append('\n');
  }

  private flush(): void {
    if (this.pending === '') return;
    const collapsed = this.pending.replace(/[ \t\r\n]{1,1000}/g, ' ');
    this.pending = '';
    const { text } = this;
    text.append(text.last === '\n' || text.last === ' ' || text.length === 0 ? collapsed.replace(/^ /, '') : collapsed);
  }
}

/** The text a reader sees in an HTML body, and its links with their displayed text and its place in that text. */
export function htmlToText(html: string): HtmlText {
  const shown = new ShownText(html);
  const tokenizer = new Tokenizer({ decodeEntities: true }, shown);
  tokenizer.write(html);
  tokenizer.end();
  return { text: shown.text.parts.join('').trimEnd(), anchors: shown.anchors };
}
