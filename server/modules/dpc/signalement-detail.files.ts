import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

/** Sends an evidence file: never rendered by the browser as our origin's page — downloaded, typed by its content, sandboxed. */
export function sendEvidence(reply: FastifyReply, evidence: { fileName: string; mediaType: string; sizeBytes: number }, content: Readable) {
  return reply
    .header('content-type', evidence.mediaType)
    .header('content-disposition', attachmentDisposition(evidence.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'no-store')
    .header('content-length', String(evidence.sizeBytes))
    .send(content);
}
