/**
 * Latency benchmark of the message analysis (`tsx analysis/bench.ts [rounds]`): p50/p95/p99 over the
 * corpus repeated, then the worst case on adversarial inputs of 100 kB. Prints figures; asserts
 * nothing. `npm run bench:analyze` prints the same figures along with throughput.
 */
import { measureHostile, measureLatency, printLatency } from './bench-latency.js';

const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

printLatency(await measureLatency(Number(process.argv[2] ?? 20)), await measureHostile(), log);
