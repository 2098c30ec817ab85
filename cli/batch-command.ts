import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BatchLinesResult } from './batch-line.js';
import { BatchPool, BatchWorkerCrash, defaultBatchWorker } from './batch-pool.js';

/** Lines per chunk: enough that passing a chunk to a worker costs little next to analysing it. */
const CHUNK_LINES = 128;
/** Characters per chunk (emails are long): a chunk is sent before it holds much memory. */
const CHUNK_CHARS = 1_000_000;
/** A chunk not yet full is sent this long after its first line: input written slowly gets its results anyway. */
const CHUNK_WAIT_MS = 20;
/** Chunks read and not yet written, per job: bounds memory whatever the length of the input. */
const CHUNKS_IN_FLIGHT_PER_JOB = 3;

export interface BatchOptions {
  /** Worker threads analysing the lines; 1 analyses them in the command's own thread. */
  readonly jobs: number;
  /** The worker module (default: cli/batch-worker next to this file); a test gives one that fails. */
  readonly workerUrl?: URL;
}

/** The batch stopped before its end (a worker crashed); the message says up to which input line the output is complete. */
export class BatchInterrupted extends Error {}

interface Chunk {
  readonly lines: string[];
  chars: number;
  /** Number, in the input, of the chunk's last line (blank lines count). */
  lastLine: number;
}

const WAITED = Symbol('waited');

/** The input's lines in chunks, read as they are needed: the reader stops while its consumer is busy. */
async function* readChunks(input: Readable): AsyncGenerator<Chunk> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  let chunk: Chunk = { lines: [], chars: 0, lastLine: 0 };
  let timer: NodeJS.Timeout | undefined;
  let waited: Promise<typeof WAITED> | null = null;
  const take = (): Chunk => {
    clearTimeout(timer);
    waited = null;
    const taken = chunk;
    chunk = { lines: [], chars: 0, lastLine: chunk.lastLine };
    return taken;
  };
  try {
    let next = iterator.next();
    for (;;) {
      const step = waited === null ? await next : await Promise.race([next, waited]);
      if (step === WAITED) {
        yield take();
        continue;
      }
      if (step.done === true) break;
      next = iterator.next();
      chunk.lines.push(step.value);
      chunk.chars += step.value.length;
      chunk.lastLine += 1;
      if (chunk.lines.length === 1) waited = new Promise((resolve) => (timer = setTimeout(resolve, CHUNK_WAIT_MS, WAITED)));
      if (chunk.lines.length >= CHUNK_LINES || chunk.chars >= CHUNK_CHARS) yield take();
    }
    if (chunk.lines.length > 0) yield take();
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

/** Analyses chunks in worker threads, or in this thread for --jobs 1 and for a batch shorter than one chunk. */
class ChunkAnalyser {
  private pool: BatchPool | null = null;
  private here: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BatchOptions) {}

  analyse(chunk: Chunk): Promise<BatchLinesResult> {
    // Workers start once the input has a chunk's worth of lines: for a few lines (even a few long emails),
    // starting them (each loads the engine, about a second of processor) would cost more than it saves.
    if (this.options.jobs > 1 && (this.pool !== null || chunk.lastLine >= CHUNK_LINES)) {
      this.pool ??= new BatchPool(this.options.jobs, this.options.workerUrl ?? defaultBatchWorker());
      return this.pool.analyse(chunk.lines);
    }
    // The engine is loaded only if this thread analyses: with workers, the command starts without it.
    const result = this.here.then(async () => (await import('./batch-line.js')).analyseBatchLines(chunk.lines));
    this.here = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** A promise and its resolve (Promise.withResolvers needs Node 22). */
function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Writes the results of the chunks in input order, each as soon as it and those before it are ready. */
class OrderedOutput {
  errors = 0;
  /** The input line up to which the output is complete. */
  linesWritten = 0;
  private readonly queue: { result: Promise<BatchLinesResult>; lastLine: number }[] = [];
  private failure: { error: unknown } | null = null;
  private writing = false;
  private changed = signalled();

  constructor(private readonly output: Writable) {}

  add(result: Promise<BatchLinesResult>, lastLine: number): void {
    // Any chunk failing stops the batch at once, not only when its turn to be written comes.
    result.catch((error: unknown) => this.stop(error));
    this.queue.push({ result, lastLine });
    if (!this.writing) void this.write();
  }

  /** Resolves once fewer than `count` chunks are waiting; throws what stopped the batch. */
  async waitUntilFewerThan(count: number): Promise<void> {
    while (this.failure === null && this.queue.length >= count) await this.changed.promise;
    if (this.failure !== null) throw this.failure.error;
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      for (let head = this.queue[0]; head !== undefined && this.failure === null; head = this.queue[0]) {
        const result = await head.result;
        if (this.failure !== null) break;
        // Back-pressure: a slow reader of the output stops the writing, then the reading of the input.
        if (result.output !== '' && !this.output.write(result.output)) await once(this.output, 'drain');
        this.errors += result.errors;
        this.linesWritten = head.lastLine;
        this.queue.shift();
        this.signal();
      }
    } catch (error) {
      this.stop(error);
    } finally {
      this.writing = false;
    }
  }

  private stop(error: unknown): void {
    this.failure ??= { error };
    this.signal();
  }

  private signal(): void {
    const changed = this.changed;
    this.changed = signalled();
    changed.resolve();
  }
}

/**
 * Analyses one JSON object per line and writes one result per line, in input order, as the results come.
 * Bad lines give an error line and the batch goes on. Memory stays bounded whatever the input's length:
 * the input is read only while few chunks are in flight. Returns the number of messages (non-blank
 * lines) and of lines in error. Throws BatchInterrupted if a worker crashes (after the complete results
 * before it are written).
 */
export async function runBatch(input: Readable, output: Writable, options: BatchOptions): Promise<{ messages: number; errors: number }> {
  const analyser = new ChunkAnalyser(options);
  const results = new OrderedOutput(output);
  const inFlight = options.jobs * CHUNKS_IN_FLIGHT_PER_JOB;
  let messages = 0;
  try {
    for await (const chunk of readChunks(input)) {
      for (const line of chunk.lines) if (line.trim() !== '') messages += 1;
      results.add(analyser.analyse(chunk), chunk.lastLine);
      await results.waitUntilFewerThan(inFlight);
    }
    await results.waitUntilFewerThan(1);
    return { messages, errors: results.errors };
  } catch (error) {
    if (!(error instanceof BatchWorkerCrash)) throw error;
    const written = results.linesWritten === 0 ? 'aucun résultat n’a été écrit' : `la sortie est complète jusqu’à la ligne ${results.linesWritten} de l’entrée`;
    throw new BatchInterrupted(`${error.message} ; ${written}, les lignes suivantes n’ont pas été analysées.`);
  } finally {
    await analyser.close();
  }
}
