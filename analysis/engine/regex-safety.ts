/**
 * Proves that a rule's regular expression runs in linear time before the engine accepts it.
 *
 * JavaScript regular expressions backtrack; a pattern such as `(a+)+$` takes exponential time on
 * « aaaa…b ». The engine accepts only a subset where the work per starting position is bounded by a
 * constant computed here:
 *  - every repetition has an upper bound (`{0,20}`, `?`; never `*`, `+` or `{2,}`);
 *  - a variable repetition never contains another variable repetition;
 *  - alternatives repeated more than once start with different literal characters;
 *  - no back-references or look-arounds;
 *  - the number of ways the pattern can try to match from one position is at most MAX_PATHS.
 * Hence matching a text of n characters costs at most n × MAX_PATHS steps.
 */

export const MAX_PATHS = 10_000;

type Node =
  | { kind: 'atom'; first: string | null }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

export type RegexVerdict = { safe: true; paths: number } | { safe: false; reason: string };

class UnsafePattern extends Error {}

/** Checks a pattern; the reason, in French, names what a rule author must change. */
export function checkRegexSafety(source: string): RegexVerdict {
  try {
    new RegExp(source, 'u');
  } catch {
    return { safe: false, reason: 'expression régulière invalide' };
  }
  try {
    const parser = new Parser(source);
    const tree = parser.parseAlternation();
    if (parser.position < source.length) throw new UnsafePattern('parenthèse fermante en trop');
    inspect(tree);
    const paths = countPaths(tree);
    if (paths > MAX_PATHS) {
      return { safe: false, reason: `trop de façons de reconnaître le texte (${paths} > ${MAX_PATHS})` };
    }
    return { safe: true, paths };
  } catch (error) {
    if (error instanceof UnsafePattern) return { safe: false, reason: error.message };
    throw error;
  }
}

class Parser {
  position = 0;
  constructor(private readonly source: string) {}

  parseAlternation(): Node {
    const options: Node[] = [this.parseSequence()];
    while (this.peek() === '|') {
      this.position += 1;
      options.push(this.parseSequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private parseSequence(): Node {
    const items: Node[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.parseRepeat(this.parseAtom()));
    }
    return { kind: 'seq', items };
  }

  private parseAtom(): Node {
    const ch = this.peek();
    this.position += 1;
    if (ch === '(') return this.parseGroup();
    if (ch === '[') return this.skipClass();
    if (ch === '\\') return this.parseEscape();
    if (ch === '^' || ch === '$') return { kind: 'seq', items: [] };
    if (ch === '.') return { kind: 'atom', first: null };
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new UnsafePattern('répétition sans objet');
    return { kind: 'atom', first: ch };
  }

  private parseGroup(): Node {
    if (this.source.startsWith('?:', this.position)) this.position += 2;
    else if (this.source.startsWith('?<', this.position) && !/^\?<[=!]/.test(this.source.slice(this.position, this.position + 3))) {
      const close = this.source.indexOf('>', this.position);
      this.position = close + 1;
    } else if (this.peek() === '?') {
      throw new UnsafePattern('les assertions avant/arrière (look-around) sont interdites');
    }
    const body = this.parseAlternation();
    if (this.peek() !== ')') throw new UnsafePattern('parenthèse non fermée');
    this.position += 1;
    return body;
  }

  private skipClass(): Node {
    while (this.position < this.source.length && this.peek() !== ']') {
      this.position += this.peek() === '\\' ? 2 : 1;
    }
    this.position += 1;
    return { kind: 'atom', first: null };
  }

  private parseEscape(): Node {
    const ch = this.peek();
    this.position += 1;
    if (/[1-9]/.test(ch) || ch === 'k') throw new UnsafePattern('les références arrière (\\1, \\k<…>) sont interdites');
    if (ch === 'b' || ch === 'B') return { kind: 'seq', items: [] };
    if (/[dDwWsSpPu]/.test(ch)) {
      if ((ch === 'p' || ch === 'P' || ch === 'u') && this.peek() === '{') {
        this.position = this.source.indexOf('}', this.position) + 1;
      }
      return { kind: 'atom', first: null };
    }
    return { kind: 'atom', first: ch };
  }

  private parseRepeat(body: Node): Node {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+') throw new UnsafePattern(`répétition sans borne « ${ch} » : écrivez une borne, par exemple {1,20}`);
    if (ch === '?') {
      min = 0;
      max = 1;
      this.position += 1;
    } else if (ch === '{') {
      const close = this.source.indexOf('}', this.position);
      const inside = this.source.slice(this.position + 1, close);
      const [low, high] = inside.split(',');
      min = Number(low);
      max = high === undefined ? min : high.trim() === '' ? Number.POSITIVE_INFINITY : Number(high);
      if (!Number.isFinite(max)) throw new UnsafePattern(`répétition sans borne « {${inside}} »`);
      this.position = close + 1;
    } else {
      return body;
    }
    if (this.peek() === '?') this.position += 1;
    if (this.peek() === '*' || this.peek() === '+' || this.peek() === '{') throw new UnsafePattern('répétitions enchaînées');
    return { kind: 'repeat', body, min, max };
  }

  private peek(): string {
    return this.source[this.position] ?? '';
  }
}

function isVariable(node: Node): boolean {
  return node.kind === 'repeat' && node.min !== node.max;
}

function containsVariableRepeat(node: Node): boolean {
  if (isVariable(node)) return true;
  if (node.kind === 'seq') return node.items.some(containsVariableRepeat);
  if (node.kind === 'alt') return node.options.some(containsVariableRepeat);
  if (node.kind === 'repeat') return containsVariableRepeat(node.body);
  return false;
}

function firstChar(node: Node): string | null {
  if (node.kind === 'atom') return node.first;
  if (node.kind === 'seq') return node.items[0] ? firstChar(node.items[0]) : null;
  if (node.kind === 'repeat') return node.min > 0 ? firstChar(node.body) : null;
  return null;
}

function alternativesStartApart(node: Node): boolean {
  if (node.kind === 'alt') {
    const firsts = node.options.map(firstChar);
    if (firsts.some((c) => c === null) || new Set(firsts).size !== firsts.length) return false;
    return node.options.every(alternativesStartApart);
  }
  if (node.kind === 'seq') return node.items.every(alternativesStartApart);
  if (node.kind === 'repeat') return alternativesStartApart(node.body);
  return true;
}

function inspect(node: Node): void {
  if (node.kind === 'repeat') {
    if (isVariable(node) && containsVariableRepeat(node.body)) {
      throw new UnsafePattern('répétitions imbriquées (une répétition variable dans une autre)');
    }
    if (node.max > 1 && !alternativesStartApart(node.body)) {
      throw new UnsafePattern('alternance ambiguë sous une répétition (les choix doivent commencer par des lettres différentes)');
    }
    inspect(node.body);
  } else if (node.kind === 'seq') node.items.forEach(inspect);
  else if (node.kind === 'alt') node.options.forEach(inspect);
}

/** Upper bound of the attempts from one starting position: products for sequences, sums for choices. */
function countPaths(node: Node): number {
  if (node.kind === 'atom') return 1;
  if (node.kind === 'seq') return node.items.reduce((total, item) => Math.min(total * countPaths(item), Number.MAX_SAFE_INTEGER), 1);
  if (node.kind === 'alt') return node.options.reduce((total, option) => total + countPaths(option), 0);
  const inner = countPaths(node.body);
  // A repetition {min,max} can try every count from min to max, each count k in inner^k ways.
  let total = 0;
  let power = inner ** node.min;
  for (let k = node.min; k <= node.max && total <= MAX_PATHS * 10; k += 1) {
    total += power;
    power *= inner;
  }
  return total;
}
