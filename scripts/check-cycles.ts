import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// `npm run lint:cycles`: fails when an import cycle exists between files of server/, or between its
// folders (each module of server/modules, and server/platform as one), and names one cycle of each.
// Regex on import lines is enough: the house has no path aliases and every relative import ends in .js.
// Type-only imports count: a cycle of types is still two folders that cannot be understood apart.
// Test files count for files but not for folders: a test may take another module's factories, which
// does not make the two modules depend on each other (docs/architecture.md).

const root = path.resolve(import.meta.dirname, '..');
const serverDir = path.join(root, 'server');
const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[;\s])import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : listTs(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const target = path.resolve(path.dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target]) {
    if (candidate.startsWith(serverDir) && existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** The folder a file belongs to: `modules/<name>`, `platform`, or null for server/*.ts and server/test. */
function folderOf(file: string): string | null {
  const parts = path.relative(serverDir, file).split(path.sep);
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  if (parts[0] === 'platform') return 'platform';
  return null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** Strongly connected components of more than one node, or with an edge to itself (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One concrete cycle inside a component: the shortest way back to its first node. */
function oneCycle(graph: Map<string, Set<string>>, component: string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const cycle = [v];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0]!)!);
        return [...cycle, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

const files = new Map<string, Set<string>>();
const folders = new Map<string, Set<string>>();
for (const file of listTs(serverDir)) {
  const targets = new Set<string>();
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? '');
    if (target) targets.add(target);
  }
  files.set(file, targets);
  const from = folderOf(file);
  if (!from || isTest(file)) continue;
  if (!folders.has(from)) folders.set(from, new Set());
  for (const target of targets) {
    const to = folderOf(target);
    if (to && to !== from) folders.get(from)!.add(to);
  }
}

const show = (cycle: string[]) => cycle.map((f) => (path.isAbsolute(f) ? path.relative(root, f) : f)).join(' → ');
const fileCycles = cycles(files);
const folderCycles = cycles(folders);
for (const c of fileCycles) console.error(`Import cycle between files: ${show(oneCycle(files, c))} (${c.length} files tangled: ${c.map((f) => path.relative(root, f)).join(', ')})`);
for (const c of folderCycles) console.error(`Import cycle between folders: ${show(oneCycle(folders, c))}`);
if (fileCycles.length || folderCycles.length) process.exit(1);
console.log(`No import cycle: ${files.size} files, ${folders.size} folders of server/.`);
