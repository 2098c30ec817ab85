import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

// The HTTP side of forms that take files (reports, DPC signalements): what happens to a multipart body
// refused halfway, and the bound on uploads without an account in progress.

/**
 * After a refusal mid-body, the rest of the request is read and thrown away, up to what a legitimate
 * form can carry: a browser still sending its files then reads the French refusal instead of a reset
 * connection. Beyond that bound the connection is cut.
 */
export function discardUnreadBody(req: FastifyRequest, maxBytes: number): void {
  const raw = req.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  let seen = 0;
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > maxBytes) raw.destroy();
  });
  raw.resume();
}

/** A per-instance bound on uploads in progress: a release function, or null when every slot is taken. */
export interface UploadSlotTaker {
  tryTake(): (() => void) | null;
}

const BUSY_RETRY_SECONDS = 60;

/**
 * An onRequest hook that takes an upload slot for a multipart request (JSON bodies pass freely) and
 * answers 503 UPLOADS_BUSY with Retry-After when none is free, before the body is read.
 */
export function takeUploadSlot(slots: UploadSlotTaker) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return;
    const release = slots.tryTake();
    if (!release) {
      void reply.header('retry-after', String(BUSY_RETRY_SECONDS));
      throw new AppError('UPLOADS_BUSY', { retryAfterSeconds: BUSY_RETRY_SECONDS });
    }
    // 'close' comes once the answer is sent or the client went away: the slot is free in every case.
    reply.raw.once('close', release);
  };
}
