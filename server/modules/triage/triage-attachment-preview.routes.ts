import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZTriageAttachmentParams } from '../../../contracts/triage.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { fileResponse, zFileBytes } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import { previewAttachment } from './triage-attachment-preview.service.js';

/** A preview that is not an image: the text of an email or a text file, or why there is none (French). */
export const ZAttachmentPreviewJson = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);

const DESCRIPTION =
  'An image (PNG) for screenshots and PDFs (first page): redrawn server-side in a separate process, longest side at most 1600 px (images) or 1200 px wide (PDF), never enlarged. ' +
  'JSON `{ kind: "text", text }` for an email (From, To, Date, Subject, then the body as text) or a text file, capped at 200 000 characters; ' +
  'JSON `{ kind: "none", reason }` (French) for an Outlook .msg, a file above the upload limit or one that cannot be rendered. ' +
  'At most two renders at once per instance, four waiting: beyond, 503 SERVICE_UNAVAILABLE with Retry-After.';

export const attachmentPreviewRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/triage/reports/:id/attachments/:attachmentId/preview', {
    // A report page asks for one preview per file: generous, but a script cannot make it render in a loop.
    config: { access: { permission: 'report:triage' }, rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: {
      tags: ['triage'],
      summary: 'Preview a copy of the exchanges inline (audited read)',
      description: DESCRIPTION,
      params: ZTriageAttachmentParams,
      response: { 200: fileResponse('The preview: a PNG, or JSON text, or why there is none', { 'image/png': zFileBytes, 'application/json': ZAttachmentPreviewJson }) },
    },
  }, async (req, reply) => {
    const preview = await previewAttachment(deps, req.auditContext, requireSession(req).actor, req.params.id, req.params.attachmentId).catch((err: unknown) => {
      // The error handler only sets Retry-After for rate limits: a busy renderer says when to come back here.
      const retry = err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE' ? err.details?.retryAfterSeconds : undefined;
      if (retry) void reply.header('retry-after', String(retry));
      throw err;
    });
    // Private to the agent who asked, never sniffed into something else. (The platform's onSend hook then
    // makes it `no-store`, stricter still, on every answer to a request with a session.)
    void reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
    if (preview.kind !== 'image') return reply.type('application/json; charset=utf-8').send(preview);
    return reply
      .type('image/png')
      .header('content-disposition', 'inline')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-length', String(preview.png.byteLength))
      .send(Buffer.from(preview.png.buffer, preview.png.byteOffset, preview.png.byteLength));
  });
};
