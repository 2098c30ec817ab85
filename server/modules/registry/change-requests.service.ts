import type { TChangeRequestCreate, TIdentityCheck } from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { ChangeRequestRow, DoctorRow, RequestedChanges } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as doctorsRepo from './doctors.repo.js';
import * as repo from './change-requests.repo.js';
import { toE164 } from './contact-values.js';
import { holdOrApplyChange } from './hold-or-apply.js';
import { documentFacts, verifyIdentityDocument, type VerifiedDocument } from './identity-document.service.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { readMrz, type IdentitySubject } from '../../../contracts/identity-document.js';
import { applyRegistration, prospectiveDoctor } from './registration.service.js';
import { applyChangeRequest, sendChangeNotifications, alertSecurityReferents, type ChangeNotice } from './apply-change.js';

/** Normalises typed contact values: emails lower-case, phones E.164; empty strings clear a field. */
export function normalizeChanges(changes: NonNullable<TChangeRequestCreate['changes']>): RequestedChanges {
  const out: RequestedChanges = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if ((field === 'corrPhone' || field === 'proPhone') && value) out[field] = toE164(value, `changes.${field}`);
    else out[field] = value;
  }
  return out;
}

async function loadScopedDoctor(deps: ServiceDeps, actor: Actor, doctorId: string): Promise<DoctorRow> {
  const doctor = await doctorsRepo.findDoctor(deps.database.db, doctorId);
  if (!doctor) throw new AppError('NOT_FOUND');
  assertInScope(actor, doctor.departement);
  return doctor;
}

async function loadScopedRequest(deps: ServiceDeps, actor: Actor, id: string): Promise<ChangeRequestRow> {
  const request = await repo.findChangeRequest(deps.database.db, id);
  if (!request) throw new AppError('NOT_FOUND');
  assertInScope(actor, request.departement);
  return request;
}

/**
 * Records a request received at the counter, by phone, email or letter. It never changes the record by
 * itself: it waits for the in-person identity check. Throws NOT_FOUND (out of scope), VALIDATION_FAILED.
 */
export async function recordChangeRequest(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: TChangeRequestCreate): Promise<ChangeRequestRow> {
  const doctor = await loadScopedDoctor(deps, actor, input.doctorId);
  const requested: RequestedChanges = input.kind === 'transfer' ? { departement: input.targetDepartement! } : normalizeChanges(input.changes!);
  if (input.kind === 'transfer' && requested.departement === doctor.departement) {
    throw fieldError('targetDepartement', 'Le médecin est déjà inscrit dans ce département.');
  }
  return deps.database.db.transaction(async (tx) => {
    const request = await repo.insertChangeRequest(tx, {
      doctorId: doctor.id,
      kind: input.kind,
      channel: input.channel,
      status: 'attente_presence',
      departement: doctor.departement,
      requested,
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'registry.change_request.recorded',
      entityType: 'change_request',
      entityId: request.id,
      details: { doctorId: doctor.id, kind: input.kind, channel: input.channel, fields: Object.keys(requested) },
    });
    return request;
  });
}

/**
 * Records the in-person check of a passport or national identity card, the only way a council agent
 * completes a request. A « conforme » check needs the document's MRZ, typed or scanned: its check digits,
 * expiry, names and birth date must agree with the record, whatever the agent says. A doubtful document or
 * person freezes the request and alerts the security referents; suspicious new details, or a change the
 * old channels cannot confirm, wait for a second agent; otherwise the change applies now.
 * Throws INVALID_STATE, IDENTITY_DOCUMENT_INVALID, IDENTITY_DOCUMENT_EXPIRED, IDENTITY_DOCUMENT_MISMATCH,
 * VALIDATION_FAILED, NOT_FOUND.
 */
export async function recordIdentityCheck(deps: ServiceDeps, ctx: AuditContext, actor: Actor, requestId: string, input: TIdentityCheck): Promise<ChangeRequestRow> {
  const existing = await loadScopedRequest(deps, actor, requestId);
  if (existing.status !== 'attente_presence') throw new AppError('INVALID_STATE');
  const fraudSuspected = input.outcome === 'fraude_suspectee';
  const document = fraudSuspected
    ? doubtfulDocumentFacts(deps, input)
    : await verifyIdentityDocument(deps, ctx, { purpose: 'change_request', entityType: 'change_request', entityId: existing.id }, input.mrz, await subjectOf(deps, existing));
  let notice: ChangeNotice | null = null;
  const result = await deps.database.db.transaction(async (tx) => {
    const request = await repo.lockChangeRequest(tx, requestId);
    if (!request || request.status !== 'attente_presence') throw new AppError('INVALID_STATE');
    const doctor = request.kind === 'registration' ? prospectiveDoctor(request) : (await doctorsRepo.lockDoctor(tx, request.doctorId!))!;
    await repo.insertIdentityCheck(tx, {
      changeRequestId: request.id,
      documentType: document.documentType,
      documentExpiry: document.documentExpiry,
      documentLast4: document.documentLast4,
      documentNumberHash: document.documentNumberHash,
      // Conforme: the MRZ names were compared by the server; a suspected fraud records the agent's doubt.
      nameMatches: !fraudSuspected,
      outcome: fraudSuspected ? 'fraude_suspectee' : 'conforme',
      place: input.place,
      notes: input.notes ?? null,
      agentId: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'registry.identity_check.recorded',
      entityType: 'change_request',
      entityId: request.id,
      details: { documentType: document.documentType, mrz: document.format ?? 'non_lue', outcome: fraudSuspected ? 'fraude_suspectee' : 'conforme', place: input.place },
    });
    if (fraudSuspected) {
      await recordAudit(tx, ctx, { action: 'registry.change_request.frozen', entityType: 'change_request', entityId: request.id, reason: input.notes ?? null });
      return repo.updateChangeRequest(tx, request.id, { status: 'gelee', checkedBy: actor.userId });
    }
    const outcome = await holdOrApplyChange(tx, deps, ctx, { request, doctor, actorId: actor.userId, checkedBy: actor.userId, secondReview: true });
    notice = outcome.notice;
    return outcome.request;
  });
  if (fraudSuspected) {
    await alertSecurityReferents(deps, ctx, result.departement, 'tentative de fraude au guichet',
      `Lors de la vérification d'identité de la demande ${result.reference}, l'agent a signalé une tentative de fraude ` +
        `(titre douteux ou personne ne correspondant pas). La demande est gelée ; consultez-la dans Vigie.`);
  }
  if (notice) await sendChangeNotifications(deps, notice);
  return result;
}

/** Whom the document must name: the record, or for a registration the person the request describes. */
async function subjectOf(deps: ServiceDeps, request: ChangeRequestRow): Promise<IdentitySubject> {
  const doctor = request.kind === 'registration' ? prospectiveDoctor(request) : await doctorsRepo.findDoctor(deps.database.db, request.doctorId!);
  if (!doctor) throw new AppError('NOT_FOUND');
  return { birthName: doctor.birthName, usageName: doctor.usageName, firstNames: doctor.firstNames, birthDate: doctor.birthDate };
}

/**
 * A doubtful document is recorded, not verified: from its MRZ when it reads, otherwise from what the agent
 * typed. Throws VALIDATION_FAILED when neither gives the type, number and expiry.
 */
function doubtfulDocumentFacts(deps: ServiceDeps, input: TIdentityCheck): Omit<VerifiedDocument, 'format'> & { format: VerifiedDocument['format'] | null } {
  const reading = readMrz(input.mrz, parisDay());
  if (reading.ok) {
    return { documentType: reading.document.documentType, documentExpiry: reading.document.expiry, format: reading.document.format, ...documentFacts(deps, reading.document.documentNumber) };
  }
  const missing = (['documentType', 'documentNumber', 'documentExpiry'] as const).filter((field) => !input[field]);
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: missing.map((path) => ({ path, message: 'La bande MRZ de ce titre douteux est illisible : relevez le type, le numéro et la date d’expiration.' })),
    });
  }
  return { documentType: input.documentType!, documentExpiry: input.documentExpiry!, format: null, ...documentFacts(deps, input.documentNumber!) };
}

/**
 * A second agent decides on a held request: approve applies it, reject closes it. The reviewer must
 * differ from whoever recorded the request or checked the identity. Throws FOUR_EYES_REQUIRED,
 * INVALID_STATE, NOT_FOUND.
 */
export async function reviewChangeRequest(
  deps: ServiceDeps,
  ctx: AuditContext,
  actor: Actor,
  requestId: string,
  decision: { decision: 'approve' | 'reject'; reason: string },
): Promise<ChangeRequestRow> {
  const existing = await loadScopedRequest(deps, actor, requestId);
  if (existing.status !== 'en_revue') throw new AppError('INVALID_STATE');
  if (existing.checkedBy === actor.userId || existing.createdBy === actor.userId) throw new AppError('FOUR_EYES_REQUIRED');
  let notice: ChangeNotice | null = null;
  const result = await deps.database.db.transaction(async (tx) => {
    const request = await repo.lockChangeRequest(tx, requestId);
    if (!request || request.status !== 'en_revue') throw new AppError('INVALID_STATE');
    const base = { reviewedBy: actor.userId, decisionReason: decision.reason };
    if (decision.decision === 'reject') {
      await recordAudit(tx, ctx, { action: 'registry.change_request.rejected', entityType: 'change_request', entityId: request.id, reason: decision.reason });
      return repo.updateChangeRequest(tx, request.id, { ...base, status: 'rejetee' });
    }
    if (request.kind === 'registration') {
      await applyRegistration(tx, ctx, actor.userId, request, decision.reason);
      return repo.updateChangeRequest(tx, request.id, base);
    }
    const doctor = (await doctorsRepo.lockDoctor(tx, request.doctorId!))!;
    if (doctor.frozenAt) throw new AppError('RECORD_FROZEN');
    const applied = await applyChangeRequest(tx, deps, { ...ctx }, actor.userId, request, doctor, decision.reason);
    notice = applied.notice;
    return repo.updateChangeRequest(tx, request.id, base);
  });
  if (notice) await sendChangeNotifications(deps, notice);
  return result;
}
