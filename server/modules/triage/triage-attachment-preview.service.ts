import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { PREVIEW_BUSY, PREVIEW_TOO_LARGE, PREVIEW_UNSUPPORTED } from '../../platform/preview/preview-messages.js';
import { createPreviewRenderer, PreviewBusyError } from '../../platform/preview/preview-renderer.js';
import type { AttachmentPreview } from '../../platform/preview/render-preview.js';
import * as repo from './triage.repo.js';
import { loadScoped } from './triage.service.js';

/** Media types that have a preview; an Outlook .msg (and anything else) has none. */
const PREVIEWABLE = new Set<string>(['image/png', 'image/jpeg', 'application/pdf', 'message/rfc822', 'text/plain']);

/** Seconds a client is asked to wait when every render slot is taken. */
export const PREVIEW_RETRY_SECONDS = 5;

/**
 * One renderer for the whole process, so that at most two hostile files are being drawn at once however
 * many agents open reports: each in its own process, 256 MB of heap, 10 s.
 */
const processRenderer = createPreviewRenderer({ maxConcurrent: 2, maxWaiting: 4, timeoutMs: 10_000, maxOldGenerationSizeMb: 256 });

/**
 * The preview of one file of a report the actor sees (same rules as the download: the report in scope,
 * the file its own). Reading the bytes is audited like a download; a type without a preview, or a file
 * above the upload limit, answers `none` without reading them. Throws NOT_FOUND, SERVICE_UNAVAILABLE
 * (every render slot taken, with retryAfterSeconds).
 */
export async function previewAttachment(deps: ServiceDeps, ctx: AuditContext, actor: Actor, reportId: string, attachmentId: string): Promise<AttachmentPreview> {
  const db = deps.database.db;
  await loadScoped(db, actor, reportId, false);
  const attachment = await repo.findAttachment(db, reportId, attachmentId);
  if (!attachment) throw new AppError('NOT_FOUND');
  if (!PREVIEWABLE.has(attachment.mediaType)) return { kind: 'none', reason: PREVIEW_UNSUPPORTED };
  if (attachment.sizeBytes > deps.config.uploadMaxBytes) return { kind: 'none', reason: PREVIEW_TOO_LARGE };

  const bytes = await deps.uploads.get(attachment.storageKey).catch(() => {
    throw new AppError('NOT_FOUND');
  });
  if (bytes.byteLength > deps.config.uploadMaxBytes) return { kind: 'none', reason: PREVIEW_TOO_LARGE };
  await db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'reports.attachment.read',
      entityType: 'report_attachment',
      entityId: attachment.id,
      details: { reportId, sha256: attachment.sha256, preview: true },
    }),
  );
  try {
    return await processRenderer.render(bytes, attachment.mediaType);
  } catch (err) {
    if (err instanceof PreviewBusyError) throw new AppError('SERVICE_UNAVAILABLE', { retryAfterSeconds: PREVIEW_RETRY_SECONDS }, PREVIEW_BUSY);
    throw err;
  }
}
