import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The French strings of the app, for the tests that hold them to one vocabulary and one typography:
// string literals, template parts and JSX text of the web app, the server's modules and mails, read by
// the TypeScript parser. Tests and test helpers are left out.

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const child = path.join(entry, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sourceFiles(child);
    return /\.tsx?$/.test(e.name) && !/\.(test|testing)\.tsx?$|\.d\.ts$/.test(e.name) ? [path.join(ROOT, child)] : [];
  });
}

export interface AppString {
  text: string;
  /** The file, relative to the repository. */
  file: string;
}

/** Every string literal, template part and JSX text under the given folders or files. */
export function appStrings(entries: readonly string[]): AppString[] {
  const found: AppString[] = [];
  for (const file of entries.flatMap(sourceFiles)) {
    const relative = path.relative(ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        found.push({ text: node.text, file: relative });
      } else if (ts.isJsxText(node)) {
        const text = node.text.replace(/\s+/g, ' ').trim();
        if (text) found.push({ text, file: relative });
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
  }
  return found;
}

/** Reads as French prose: a space and an accented letter, a French quotation mark or a common French word. */
export function isFrenchProse(text: string): boolean {
  return /\s/.test(text) && /[éèêàùçôîœ’«»]|\b(?:le|la|les|des|une|vous|pas|est)\b/i.test(text);
}
