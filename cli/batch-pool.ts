import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchLinesResult } from './batch-line.js';
// Importing the worker's message types also puts the worker in the build: tsconfig.build.json lists entry
// points only, and tsc emits every file they import, types included (dist/cli/batch-worker.js).
import type { BatchChunkReply, BatchChunkRequest } from './batch-worker.js';

/** A worker stopped while chunks were in its hands: the batch cannot finish, and says so (code 70). */
export class BatchWorkerCrash extends Error {}

/** The worker next to this file: JavaScript in dist/, or TypeScript when the command runs from its sources (tsx, vitest). */
export function defaultBatchWorker(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './batch-worker.ts' : './batch-worker.js', import.meta.url);
}

function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  // From the sources the worker loads its TypeScript through tsx (a development dependency), registered in
  // the worker itself: Node 20 does not pass loader hooks to workers. The ES module build of tsx's API is
  // taken (its CommonJS build fails to register from a worker's eval); require.resolve gives the other.
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

interface PendingChunk {
  resolve(result: BatchLinesResult): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, PendingChunk>;
}

/** Worker threads that analyse chunks of batch lines; each chunk goes to the least busy worker. */
export class BatchPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private failure: BatchWorkerCrash | null = null;
  private closing = false;

  constructor(jobs: number, workerUrl: URL) {
    for (let i = 0; i < jobs; i += 1) this.workers.push(this.start(workerUrl));
  }

  /** The result lines of `lines`; rejects with BatchWorkerCrash if a worker of the pool has stopped. */
  analyse(lines: readonly string[]): Promise<BatchLinesResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const request: BatchChunkRequest = { id, lines };
      slot.worker.postMessage(request);
    });
  }

  /** Stops the workers; a chunk still in their hands is rejected. */
  async close(): Promise<void> {
    this.closing = true;
    this.fail('arrêt demandé');
    await Promise.all(this.workers.map((slot) => slot.worker.terminate()));
  }

  private start(workerUrl: URL): PoolWorker {
    const slot: PoolWorker = { worker: startWorker(workerUrl), pending: new Map() };
    slot.worker.on('message', (reply: BatchChunkReply) => {
      const chunk = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      chunk?.resolve({ output: reply.output, errors: reply.errors });
    });
    slot.worker.on('error', (error: Error & { code?: string }) => {
      this.fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'mémoire épuisée' : `erreur : ${error.message}`);
    });
    // Any end but ours is a crash, even with code 0: the worker would otherwise be sent chunks it never answers.
    slot.worker.on('exit', (code) => {
      if (!this.closing) this.fail(`code de sortie ${code}`);
    });
    return slot;
  }

  /** Rejects every chunk in flight and any later one: the first cause is the one reported. */
  private fail(cause: string): void {
    this.failure ??= new BatchWorkerCrash(`un fil d’analyse s’est arrêté (${cause})`);
    for (const slot of this.workers) {
      for (const chunk of slot.pending.values()) chunk.reject(this.failure);
      slot.pending.clear();
    }
  }
}
