import type { ServiceDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { recordAudit, type AuditAction, type AuditContext } from '../audit/audit.js';

// The antivirus pass over files already in the upload store, shared by every form that takes files
// (reports' copies of the exchanges, DPC signalements' evidence): each file streamed back out of the
// store into the scanner, fail closed, and an infected file refused with an audit entry of its own.

/** A file in the upload store, as the scan reads and names it. */
export interface ScannedUpload {
  key: string;
  /** The neutralised name shown back to the uploader. */
  fileName: string;
  mediaType: string;
}

/** How a caller refuses an infected file: its own audit action and the words the uploader reads. */
export interface InfectedUploadRefusal {
  action: AuditAction;
  entityType: string;
  /** Added to the audit entry's details (references and vocabulary only, never personal data). */
  details?: Record<string, unknown>;
  /** The refusal naming the file, in French. */
  message: (fileName: string, signature: string) => string;
}

export type UploadScanStatus = 'sain' | 'non_analyse';

/** UPLOAD_REJECTED naming the file (`attachments.<index>`), as the form shows it by the field. */
export function uploadRejected(index: number, message: string): AppError {
  return new AppError('UPLOAD_REJECTED', { fields: [{ path: `attachments.${index}`, message }] }, message);
}

/**
 * Scans each stored file by streaming it out of the store into the antivirus; returns the status per
 * file. Throws SERVICE_UNAVAILABLE when the scanner cannot answer (fail closed: a file nobody could scan
 * is not kept) and UPLOAD_REJECTED for an infected file, after auditing the refusal outside any
 * transaction (the caller's is refused, so no other entry would say it happened). The caller removes
 * the stored files on either refusal.
 */
export async function scanStoredUploads(
  deps: Pick<ServiceDeps, 'uploads' | 'antivirus' | 'database'>,
  ctx: AuditContext,
  files: readonly ScannedUpload[],
  refusal: InfectedUploadRefusal,
): Promise<UploadScanStatus[]> {
  const statuses: UploadScanStatus[] = [];
  for (const [index, file] of files.entries()) {
    let verdict;
    try {
      const stream = await deps.uploads.open(file.key);
      try {
        verdict = await deps.antivirus.scan(stream);
      } finally {
        stream.destroy();
      }
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', undefined, "L'analyse antivirus des fichiers est momentanément indisponible. Réessayez dans quelques minutes.");
    }
    if (verdict.status === 'infecte') {
      await recordAudit(deps.database.db, ctx, {
        action: refusal.action,
        entityType: refusal.entityType,
        details: { reason: 'infecte', signature: verdict.signature.slice(0, 200), mediaType: file.mediaType, ...refusal.details },
      });
      throw uploadRejected(index, refusal.message(file.fileName, verdict.signature));
    }
    statuses.push(verdict.status);
  }
  return statuses;
}
