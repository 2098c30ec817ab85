// A worker thread of `vigie check --batch --jobs N` (started by cli/batch-pool.ts): analyses the chunks of
// lines it is sent, one after the other, and answers each with its result lines.
import { parentPort } from 'node:worker_threads';
import type { BatchLinesResult } from './batch-line.js';
import { analyseBatchLines } from './batch-line.js';

export interface BatchChunkRequest {
  readonly id: number;
  readonly lines: readonly string[];
}

export interface BatchChunkReply extends BatchLinesResult {
  readonly id: number;
}

const port = parentPort;
if (port === null) throw new Error('cli/batch-worker.js runs as a worker thread of cli/batch-pool.js.');

// One chunk at a time: awaits inside the analysis would otherwise interleave chunks and delay the oldest,
// which the command is waiting for to keep the output in input order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: BatchChunkRequest) => {
  queue = queue.then(async () => {
    const result = await analyseBatchLines(request.lines);
    const reply: BatchChunkReply = { id: request.id, ...result };
    port.postMessage(reply);
  });
  // A failure here is a bug (each line's errors are caught): left unhandled, it ends the worker (Node's
  // default for an unhandled rejection), which ends the command with code 70 — a chunk is never dropped.
});
