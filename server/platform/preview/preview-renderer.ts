import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AttachmentPreview } from './render-preview.js';
import { PREVIEW_UNREADABLE } from './preview-messages.js';
// Importing the worker's message types also puts the worker in the build (tsconfig.build.json lists
// entry points only; tsc emits every file they import, types included).
import type { PreviewReply, PreviewRequest } from './preview-worker.js';

export interface PreviewRendererOptions {
  /** Renders running at once in this process; the others wait. */
  readonly maxConcurrent: number;
  /** Renders allowed to wait for a free slot; beyond, PreviewBusyError. */
  readonly maxWaiting: number;
  /** A render still running after this is killed and answers `none`. */
  readonly timeoutMs: number;
  /** V8 heap of a render process: past it, the process dies and the render answers `none`. */
  readonly maxOldGenerationSizeMb: number;
  /** The worker script (tests give a hostile one); default preview-worker next to this file. */
  readonly workerUrl?: URL;
}

export interface PreviewRenderer {
  /** The preview of the bytes; throws PreviewBusyError when too many renders are running and waiting. */
  render(bytes: Uint8Array, mediaType: string): Promise<AttachmentPreview>;
}

/** Every render slot and every waiting place is taken: the caller answers 503 and asks to retry. */
export class PreviewBusyError extends Error {
  constructor() {
    super('preview renderer busy');
  }
}

/** The worker next to this file: JavaScript in dist/, or TypeScript when running from the sources (tsx, vitest). */
function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './preview-worker.ts' : './preview-worker.js', import.meta.url);
}

/**
 * A child process rather than a worker thread: a segfault in native decoding code takes its whole process
 * down, and a thread would take the server with it. The environment is empty (no database URL, no key
 * reaches a process that reads hostile files); from the sources, TypeScript is loaded through tsx.
 */
function startWorker(url: URL, maxOldGenerationSizeMb: number): ChildProcess {
  const execArgv = [`--max-old-space-size=${maxOldGenerationSizeMb}`, '--max-semi-space-size=16'];
  if (url.pathname.endsWith('.ts')) execArgv.push('--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href);
  return fork(fileURLToPath(url), [], { execArgv, env: {}, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
}

/** Runs one render in its own process; whatever happens to the process, answers (never rejects). */
function renderInWorker(url: URL, request: PreviewRequest, options: PreviewRendererOptions): Promise<AttachmentPreview> {
  return new Promise((resolve) => {
    const child = startWorker(url, options.maxOldGenerationSizeMb);
    const unreadable: AttachmentPreview = { kind: 'none', reason: PREVIEW_UNREADABLE };
    let settled = false;
    const settle = (preview: AttachmentPreview) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(preview);
    };
    const timer = setTimeout(() => settle(unreadable), options.timeoutMs);
    child.once('message', (reply: PreviewReply) => settle(reply));
    // Out of memory, a crash, a failure to start, an exit without an answer: no preview. 'close' rather
    // than 'exit': it comes once the IPC channel is drained, so an answer sent just before exiting counts.
    child.once('error', () => settle(unreadable));
    child.once('close', () => settle(unreadable));
    child.send(request, (err) => {
      if (err) settle(unreadable);
    });
  });
}

/**
 * Renders previews in separate processes, at most `maxConcurrent` at once in this server process, each
 * with a bounded heap and a deadline. Callers past the waiting line get PreviewBusyError at once rather
 * than piling up.
 */
export function createPreviewRenderer(options: PreviewRendererOptions): PreviewRenderer {
  const url = options.workerUrl ?? defaultWorkerUrl();
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    async render(bytes, mediaType) {
      if (running < options.maxConcurrent) running += 1;
      else if (waiting.length < options.maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new PreviewBusyError();
      // On release the slot passes straight to the next waiter: `running` counts it throughout.
      try {
        return await renderInWorker(url, { bytes, mediaType }, options);
      } finally {
        release();
      }
    },
  };
}
