import type { FastifyRequest } from 'fastify';
import { DPC_SIGNALEMENT_LIMITS } from '../../../contracts/dpc-signalements.schemas.js';
import type { z } from '../../../contracts/zod.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { scanStoredUploads, type UploadScanStatus } from '../../platform/storage/upload-scan.js';
import { readFilingForm, type ReceivedAttachment } from '../reports/index.js';

// Evidence of a DPC signalement under the reports' upload rules (docs/dpc-signalements.md « Filing »):
// the same multipart reader (files streamed into the upload store, typed by content, names neutralised,
// sizes bounded as bytes arrive), at most DPC_SIGNALEMENT_LIMITS.evidenceFiles files, then the antivirus.

export type ScanStatus = UploadScanStatus;

/** The reports' deps with the evidence bound: the reader then refuses the extra file as its part begins. */
export function evidenceDeps(deps: ServiceDeps): ServiceDeps {
  return { ...deps, config: { ...deps.config, uploadMaxFiles: Math.min(deps.config.uploadMaxFiles, DPC_SIGNALEMENT_LIMITS.evidenceFiles) } };
}

/**
 * Multipart text parts as the filing schema reads them: a dotted name (« subject.kind »,
 * « reporter.fullName ») is a nested field, « true »/« false » are booleans for concernsHealth, and an
 * empty optional part is absent. A part sent twice stays a list, which the schema refuses by name.
 */
export function shapeSignalementFields(flat: Record<string, unknown>): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    if (value === '' || value === null) {
      // departement and occurredOn keep null (« not said »); other empty parts are simply absent.
      if (name === 'departement' || name === 'occurredOn') shaped[name] = null;
      continue;
    }
    const typed = name === 'concernsHealth' && (value === 'true' || value === 'false') ? value === 'true' : value;
    const [head, ...rest] = name.split('.');
    if (rest.length === 0) {
      shaped[name] = typed;
      continue;
    }
    const inner = (shaped[head!] ??= {}) as Record<string, unknown>;
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) continue;
    inner[rest.join('.')] = typed;
  }
  return shaped;
}

/**
 * The filing's fields and evidence from either body: JSON (already validated by the route schema, no
 * file) or multipart (files streamed into the store, fields validated by the same schema), as the
 * reports' form is read. The caller owns the returned files and must remove them if the filing fails.
 */
export async function readSignalementForm<T>(
  deps: ServiceDeps,
  req: FastifyRequest,
  jsonBody: T | null | undefined,
  schema: z.ZodType<T>,
): Promise<{ body: T; evidence: ReceivedAttachment[] }> {
  const { body, attachments } = await readFilingForm(evidenceDeps(deps), req, jsonBody, schema, { filesNoun: 'pièces jointes', shapeFields: shapeSignalementFields });
  return { body, evidence: attachments };
}

/**
 * Scans each stored file (scanStoredUploads: fail closed with SERVICE_UNAVAILABLE, UPLOAD_REJECTED for
 * an infected file, naming it, after auditing the refusal as `dpc.signalement.evidence_rejected`). The
 * caller removes the stored files on either refusal.
 */
export async function scanEvidence(deps: ServiceDeps, ctx: AuditContext, evidence: readonly ReceivedAttachment[]): Promise<ScanStatus[]> {
  return scanStoredUploads(deps, ctx, evidence, {
    action: 'dpc.signalement.evidence_rejected',
    entityType: 'dpc_signalement',
    message: (fileName) => `Le fichier « ${fileName} » contient un logiciel malveillant : il a été refusé et n'a pas été conservé.`,
  });
}
