import {
  COMPARISON_FAILURE_MESSAGES,
  MRZ_FAILURE_MESSAGES,
  compareWithRecord,
  isDocumentExpired,
  readMrz,
  type IdentityDocumentType,
  type IdentitySubject,
  type MrzDocument,
} from '../../../contracts/identity-document.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';

const DOCUMENT_HASH_PURPOSE = 'identity-document';

/** What the register keeps of a document: never the MRZ, never the full number. */
export interface VerifiedDocument {
  documentType: IdentityDocumentType;
  documentExpiry: string;
  documentLast4: string;
  documentNumberHash: string;
  format: MrzDocument['format'];
}

/** What the identity check is for, written with a refusal so the security referent can read it. */
export interface IdentityCheckPurpose {
  purpose: 'change_request' | 'counter_code' | 'second_factor_reset';
  entityType: 'change_request' | 'doctor';
  entityId: string;
}

/** The stored facts of a document number: its last 4 characters and a keyed hash. */
export function documentFacts(deps: ServiceDeps, documentNumber: string): { documentLast4: string; documentNumberHash: string } {
  const number = documentNumber.replace(/</g, '');
  return { documentLast4: number.slice(-4).padStart(4, '0'), documentNumberHash: deps.keys.keyedHash(number, DOCUMENT_HASH_PURPOSE) };
}

async function refuse(
  deps: ServiceDeps,
  ctx: AuditContext,
  target: IdentityCheckPurpose,
  code: 'IDENTITY_DOCUMENT_INVALID' | 'IDENTITY_DOCUMENT_EXPIRED' | 'IDENTITY_DOCUMENT_MISMATCH',
  failed: string[],
  messages: string[],
  facts: Record<string, unknown>,
): Promise<never> {
  // Its own transaction: the refusal stays on record although the request's work never starts.
  await deps.database.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'registry.identity_check.refused',
      entityType: target.entityType,
      entityId: target.entityId,
      details: { purpose: target.purpose, code, failedChecks: failed, ...facts },
    }),
  );
  throw new AppError(code, { fields: messages.map((message) => ({ path: 'mrz', message })) });
}

/**
 * Reads the MRZ typed or scanned at the counter, verifies its check digits, its expiry and that its
 * surname, given names and (when the record has one) birth date are the record's. A refusal is audited
 * in its own transaction with the failed checks only (document type and last 4 at most, never names,
 * dates or the MRZ). Throws IDENTITY_DOCUMENT_INVALID, IDENTITY_DOCUMENT_EXPIRED, IDENTITY_DOCUMENT_MISMATCH.
 */
export async function verifyIdentityDocument(
  deps: ServiceDeps,
  ctx: AuditContext,
  target: IdentityCheckPurpose,
  mrz: string | undefined,
  subject: IdentitySubject,
): Promise<VerifiedDocument> {
  // A document expiring today is still valid at the Paris counter all day.
  const today = parisDay();
  const reading = readMrz(mrz, today);
  if (!reading.ok) {
    return refuse(deps, ctx, target, 'IDENTITY_DOCUMENT_INVALID', reading.failures, reading.failures.map((f) => MRZ_FAILURE_MESSAGES[f]), {});
  }
  const document = reading.document;
  const facts = { documentType: document.documentType, format: document.format, documentLast4: documentFacts(deps, document.documentNumber).documentLast4 };
  if (isDocumentExpired(document, today)) {
    const message = document.expiryDerived
      ? `Cette carte d’identité (ancien modèle) a expiré le ${frenchDate(document.expiry)} (durée de validité calculée depuis sa date de délivrance).`
      : `Ce titre a expiré le ${frenchDate(document.expiry)}.`;
    return refuse(deps, ctx, target, 'IDENTITY_DOCUMENT_EXPIRED', ['expiry'], [message], { ...facts, expiredInYear: document.expiry.slice(0, 4) });
  }
  const mismatches = compareWithRecord(document, subject);
  if (mismatches.length > 0) {
    return refuse(deps, ctx, target, 'IDENTITY_DOCUMENT_MISMATCH', mismatches, mismatches.map((m) => COMPARISON_FAILURE_MESSAGES[m]), { ...facts, birthDateOnRecord: subject.birthDate !== null });
  }
  return { documentType: document.documentType, documentExpiry: document.expiry, format: document.format, ...documentFacts(deps, document.documentNumber) };
}

function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
