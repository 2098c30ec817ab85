import { ACCEPTED_UPLOADS_LABEL, formatByteLimit, MAX_RAW_FILE_NAME_CHARS } from '../../../contracts/reports.schemas.js';
import { MAX_EML_BYTES } from '../../../contracts/checks.limits.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AttachmentMediaType, AttachmentOrigin, ReportChannel, ReportSource, ScanStatus } from '../../platform/db/schema-reports.js';
import { AppError } from '../../platform/errors.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { scanStoredUploads, uploadRejected } from '../../platform/storage/upload-scan.js';
import { UploadTooLargeError, type UploadSource } from '../../platform/storage/upload-store.js';
import { ContentInspector, inspected, neutraliseFileName, withDetectedExtension } from './report-uploads.js';

// A report's copies of the exchanges, from the uploader's bytes to the store: streamed in with a running
// size check, typed by their content on the way, scanned by streaming them back out of the store.

/** A copy already in the store, typed by its content, waiting for its row. */
export interface ReceivedAttachment {
  fileName: string;
  mediaType: AttachmentMediaType;
  origin: AttachmentOrigin;
  key: string;
  sha256: string;
  sizeBytes: number;
}

export function tooLargeMessage(shownName: string, maxBytes: number): string {
  return `Le fichier « ${shownName} » dépasse la taille maximale de ${formatByteLimit(maxBytes)} par fichier.`;
}

export function tooManyFiles(maxFiles: number): AppError {
  return new AppError('UPLOAD_REJECTED', { fields: [{ path: 'attachments', message: `${maxFiles} fichiers au plus par signalement.` }] }, `Vous pouvez joindre ${maxFiles} fichiers au plus.`);
}

/**
 * Streams one file into the store (never whole in memory), refusing it past config.uploadMaxBytes as
 * the bytes arrive, then types it by its content. Throws UPLOAD_REJECTED (size, emptiness or type, the
 * file named); whatever it stored of a refused file is removed before it throws.
 */
export async function receiveAttachment(
  deps: ServiceDeps,
  file: { source: UploadSource; rawFileName: string; origin: AttachmentOrigin; index: number },
): Promise<ReceivedAttachment> {
  const max = deps.config.uploadMaxBytes;
  const shownName = neutraliseFileName(file.rawFileName.slice(0, MAX_RAW_FILE_NAME_CHARS));
  const inspector = new ContentInspector();
  let stored;
  try {
    stored = await deps.uploads.put(inspected(file.source, inspector), { maxBytes: max });
  } catch (err) {
    if (err instanceof UploadTooLargeError) throw uploadRejected(file.index, tooLargeMessage(shownName, max));
    throw err;
  }
  const mediaType = await inspector.mediaType();
  if (mediaType === null) {
    await deps.uploads.remove(stored.key).catch(() => undefined);
    if (stored.sizeBytes === 0) throw uploadRejected(file.index, `Le fichier « ${shownName} » est vide.`);
    throw uploadRejected(
      file.index,
      `Le fichier « ${shownName} » n'est pas d'un type accepté (${ACCEPTED_UPLOADS_LABEL}, ${formatByteLimit(max)} au plus). Le type est reconnu d'après le contenu du fichier, pas d'après son nom.`,
    );
  }
  return { fileName: withDetectedExtension(shownName, mediaType), mediaType, origin: file.origin, ...stored };
}

/** Removes stored copies whose rows were never committed; failures are ignored (nothing to undo). */
export async function removeAttachments(deps: ServiceDeps, attachments: readonly { key: string }[]): Promise<void> {
  await Promise.allSettled(attachments.map((a) => deps.uploads.remove(a.key)));
}

/**
 * Scans each stored copy (scanStoredUploads: fail closed with SERVICE_UNAVAILABLE, UPLOAD_REJECTED for
 * an infected file after auditing the refusal as `reports.attachment.rejected`). Returns the scan
 * status per file.
 */
export async function scanAttachments(
  deps: ServiceDeps,
  ctx: AuditContext,
  filing: { source: ReportSource; channel: ReportChannel },
  attachments: readonly ReceivedAttachment[],
): Promise<ScanStatus[]> {
  return scanStoredUploads(deps, ctx, attachments, {
    action: 'reports.attachment.rejected',
    entityType: 'report_attachment',
    details: { source: filing.source, channel: filing.channel },
    message: (fileName, signature) => `Le fichier « ${fileName} » contient un logiciel malveillant (${signature.slice(0, 100)}) : il a été refusé et n'a pas été conservé.`,
  });
}

/**
 * The bytes of an uploaded email for the analysis engine, which parses a message whole. Only up to
 * MAX_EML_BYTES (2 Mo, the limit of « Vérifier un message »): far above a genuine message to a doctor,
 * and small enough to hold. A larger file stays stored but is not parsed; the text fields are analysed.
 */
export async function emailForAnalysis(deps: ServiceDeps, attachment: ReceivedAttachment): Promise<Uint8Array | null> {
  if (attachment.mediaType !== 'message/rfc822' || attachment.sizeBytes > MAX_EML_BYTES) return null;
  return deps.uploads.get(attachment.key);
}
