#!/usr/bin/env node
// Entry point of the `vigie` command: runs cli/vigie.ts compiled to dist/ (npm run build, npm start),
// with plain node. When dist/ is missing or older than one of its source files, the command builds it first, as
// tsx used to compile on the fly: a fresh clone works after `npm install`, and a changed rule never runs
// stale. The check dates a few hundred files (milliseconds); a build takes about ten seconds.

const { buildIfStale, distIsCurrent } = await import('../scripts/build-server.mjs');
// The command runs cli/, analysis/ and contracts/ only: a change elsewhere (the server) needs no build here.
const COMMAND_DIRS = ['cli', 'analysis', 'contracts'];
if (!distIsCurrent(COMMAND_DIRS)) {
  // stderr only: stdout carries the analysis (--json, --batch) and must stay clean.
  process.stderr.write('Compilation de Vigie dans dist/ (npm run build:server), quelques secondes…\n');
  let status;
  try {
    status = buildIfStale(COMMAND_DIRS, { stdout: 'stderr' });
  } catch (err) {
    process.stderr.write(
      `Impossible de compiler Vigie (${err instanceof Error ? err.message : String(err)}).\n` +
        'Installez les dépendances de développement (npm install) dans le dossier de Vigie, puis lancez « npm run build:server ».\n',
    );
    status = 1;
  }
  // 70: the internal-error exit code listed by `vigie --help`.
  if (status !== 0) process.exit(70);
}

const { main } = await import(new URL('../dist/cli/vigie.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
