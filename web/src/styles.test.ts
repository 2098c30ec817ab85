import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The stylesheet is plain CSS: a rule sits at the top level or directly inside an at-rule (@media…).
// A brace left open nests every later rule under one selector, and the build then scopes them to it
// silently (it happened: the phone menu, the users' cards and the attachment previews lost their styles).
const css = readFileSync(path.join(import.meta.dirname, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Each block's header with the headers of the blocks around it, outermost first. */
function blocks(text: string): { header: string; enclosing: string[] }[] {
  const found: { header: string; enclosing: string[] }[] = [];
  const open: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      const header = text.slice(start, i).split(/[;}]/).at(-1)!.trim();
      found.push({ header, enclosing: [...open] });
      open.push(header);
      start = i + 1;
    } else if (text[i] === '}') {
      if (open.pop() === undefined) throw new Error(`« } » de trop vers le caractère ${i}`);
      start = i + 1;
    }
  }
  if (open.length > 0) throw new Error(`blocs non fermés : ${open.join(' > ')}`);
  return found;
}

describe('the stylesheet', () => {
  it('closes every block, and nests rules only inside at-rules', () => {
    const nested = blocks(css).filter((b) => b.enclosing.some((header) => !header.startsWith('@')));
    expect(nested.map((b) => `${b.enclosing.join(' > ')} > ${b.header}`)).toEqual([]);
  });
});
