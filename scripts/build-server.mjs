#!/usr/bin/env node
// Compiles the server, the operator scripts and the `vigie` command to JavaScript in dist/
// (tsconfig.build.json), so production runs plain `node` and tsx stays a development tool.
//   node scripts/build-server.mjs             always builds (npm run build:server)
//   node scripts/build-server.mjs --if-stale  builds unless dist/ is newer than every source file
//                                             (npm start, the operator scripts, the `vigie` command)
//
// tsc only emits here (--noCheck): type errors are `npm run typecheck`'s, run by `npm run check` and CI;
// checking types too made every build about five times longer. The SQL migrations are read at run time
// next to migrate.js, so they are copied beside the compiled file.
//
// The new build is written to a temporary folder, then swapped in: a `vigie` command started during a
// build never loads half a tree, and a failed build leaves the previous dist/ in place. Builds that find
// dist/ stale take a lock (dist.lock) and look again once they hold it: two commands started together
// after a change build once, and neither removes a tree the other is loading.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const MIGRATIONS = 'server/platform/db/migrations';
/** What the build reads: a file changed here after a build makes dist/ stale. */
const SOURCE_DIRS = ['server', 'analysis', 'contracts', 'cli', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Written last, dated when its build started: a file saved during a build still counts as newer. */
const STAMP = '.build-started';
const LOCK = path.join(root, 'dist.lock');
/** A lock older than this was left by a build that died (a build takes about ten seconds). */
const LOCK_STALE_MS = 120_000;

function newestIn(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestIn(full));
    else if (!item.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Whether dist/ was built from the sources as they are: no file of `dirs` (default: every source folder)
 * is newer than its build. The `vigie` command passes only the folders it runs from.
 */
export function distIsCurrent(dirs = SOURCE_DIRS) {
  const stamp = path.join(dist, STAMP);
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(
    ...dirs.map((dir) => newestIn(path.join(root, dir))),
    ...SOURCE_FILES.map((file) => statSync(path.join(root, file)).mtimeMs),
  );
  return newest <= built;
}

function renameUnlessRaced(from, to, codes) {
  try {
    renameSync(from, to);
  } catch (err) {
    // Another build swapped its own tree in at the same moment: either result is a complete build.
    if (!codes.includes(err?.code)) throw err;
  }
}

/**
 * Builds dist/ from the sources; returns the exit code (0 on success). Messages are French: an operator
 * reads them from `npm start` or from the `vigie` command. `stdout: 'stderr'` sends what tsc prints to
 * stderr, for a caller whose stdout is data.
 */
export function buildServer({ stdout = 'inherit' } = {}) {
  const started = new Date();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const staging = path.join(root, `dist.building-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', staging], {
    cwd: root,
    stdio: ['ignore', stdout === 'stderr' ? 2 : 'inherit', 'inherit'],
  });
  if (compiled.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    console.error('La compilation de Vigie (tsc -p tsconfig.build.json) a échoué : voir les messages ci-dessus.');
    return 1;
  }
  cpSync(path.join(root, MIGRATIONS), path.join(staging, MIGRATIONS), { recursive: true });
  writeFileSync(path.join(staging, STAMP), '');
  utimesSync(path.join(staging, STAMP), started, started);
  const previous = path.join(root, `dist.previous-${process.pid}`);
  renameUnlessRaced(dist, previous, ['ENOENT']);
  renameUnlessRaced(staging, dist, ['ENOTEMPTY', 'EEXIST']);
  rmSync(previous, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  return 0;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockAge() {
  try {
    return Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return 0; // released between our attempt and this look: try again
  }
}

/** Runs `build` holding dist.lock, so that one build at a time swaps dist/. */
function withBuildLock(build) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      if (lockAge() > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    return build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ unless it is current for `dirs`; returns the exit code. The check is made again under the
 * lock: a command that waited for another's build finds dist/ current and loads it as it is.
 */
export function buildIfStale(dirs = SOURCE_DIRS, options = {}) {
  if (distIsCurrent(dirs)) return 0;
  return withBuildLock(() => (distIsCurrent(dirs) ? 0 : buildServer(options)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = process.argv.includes('--if-stale') ? buildIfStale() : withBuildLock(() => buildServer());
}
