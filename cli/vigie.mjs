#!/usr/bin/env node
// Entry point of the `vigie` command: loads TypeScript through tsx, then hands over to cli/vigie.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./vigie.ts');
process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
