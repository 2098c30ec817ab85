import type { TChangeRequestCreate, TIdentityCheck } from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import type { ChangeRequestRow, DoctorRow, RequestedChanges } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as doctorsRepo from './doctors.repo.js';
import * as repo from './change-requests.repo.js';
import { toE164 } from './contact-values.js';
import { findHoldReasons } from './suspicious-details.js';
import { createRegisteredDoctor, prospectiveDoctor } from './registration.service.js';
import { applyChangeRequest, sendChangeNotifications, alertSecurityReferents, type ChangeNotice } from './apply-change.js';

const DOCUMENT_HASH_PURPOSE = 'identity-document';

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
 * completes a request. A doubtful document or person freezes the request and alerts the security
 * referents; suspicious new details hold it for a second agent; otherwise the change applies now.
 * Throws INVALID_STATE, VALIDATION_FAILED (expired document), NOT_FOUND.
 */
export async function recordIdentityCheck(deps: ServiceDeps, ctx: AuditContext, actor: Actor, requestId: string, input: TIdentityCheck): Promise<ChangeRequestRow> {
  const existing = await loadScopedRequest(deps, actor, requestId);
  if (existing.status !== 'attente_presence') throw new AppError('INVALID_STATE');
  if (input.outcome === 'conforme' && !input.nameMatches) {
    throw fieldError('nameMatches', 'Le nom du titre ne correspond pas à la fiche : l’identité n’est pas vérifiée. Signalez une tentative de fraude ou refusez la demande.');
  }
  const fraudSuspected = input.outcome === 'fraude_suspectee';
  if (!fraudSuspected && input.documentExpiry < new Date().toISOString().slice(0, 10)) {
    throw fieldError('documentExpiry', 'Le titre d’identité est expiré : il ne permet pas de finaliser la demande.');
  }
  let notice: ChangeNotice | null = null;
  const result = await deps.database.db.transaction(async (tx) => {
    const request = await repo.lockChangeRequest(tx, requestId);
    if (!request || request.status !== 'attente_presence') throw new AppError('INVALID_STATE');
    const doctor = request.kind === 'registration' ? prospectiveDoctor(request) : (await doctorsRepo.lockDoctor(tx, request.doctorId!))!;
    await repo.insertIdentityCheck(tx, {
      changeRequestId: request.id,
      documentType: input.documentType,
      documentExpiry: input.documentExpiry,
      documentLast4: input.documentNumber.slice(-4),
      documentNumberHash: deps.keys.keyedHash(input.documentNumber, DOCUMENT_HASH_PURPOSE),
      nameMatches: input.nameMatches,
      outcome: fraudSuspected ? 'fraude_suspectee' : 'conforme',
      place: input.place,
      notes: input.notes ?? null,
      agentId: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'registry.identity_check.recorded',
      entityType: 'change_request',
      entityId: request.id,
      details: { documentType: input.documentType, nameMatches: input.nameMatches, outcome: fraudSuspected ? 'fraude_suspectee' : 'conforme', place: input.place },
    });
    if (fraudSuspected) {
      await recordAudit(tx, ctx, { action: 'registry.change_request.frozen', entityType: 'change_request', entityId: request.id, reason: input.notes ?? null });
      return repo.updateChangeRequest(tx, request.id, { status: 'gelee', checkedBy: actor.userId });
    }
    return holdOrApply(tx, deps, ctx, actor, request, doctor, (n) => (notice = n));
  });
  if (fraudSuspected) {
    await alertSecurityReferents(deps, ctx, result.departement, 'tentative de fraude au guichet',
      `Lors de la vérification d'identité de la demande ${result.reference}, l'agent a signalé une tentative de fraude ` +
        `(titre douteux ou personne ne correspondant pas). La demande est gelée ; consultez-la dans Vigie.`);
  }
  if (notice) await sendChangeNotifications(deps, notice);
  return result;
}

async function applyRegistration(tx: Executor, ctx: AuditContext, actorId: string, request: ChangeRequestRow, reason?: string) {
  const doctor = await createRegisteredDoctor(tx, request, actorId);
  await recordAudit(tx, ctx, {
    action: 'registry.change_request.applied',
    entityType: 'doctor',
    entityId: doctor.id,
    reason: reason ?? null,
    details: { changeRequestId: request.id, reference: request.reference, kind: 'registration', version: 1 },
  });
}

async function holdOrApply(
  tx: Executor,
  deps: ServiceDeps,
  ctx: AuditContext,
  actor: Actor,
  request: ChangeRequestRow,
  doctor: DoctorRow,
  onApplied: (notice: ChangeNotice) => void,
): Promise<ChangeRequestRow> {
  const holdReasons = await findHoldReasons(tx, doctor, request.requested);
  if (holdReasons.length > 0) {
    await recordAudit(tx, ctx, { action: 'registry.change_request.held', entityType: 'change_request', entityId: request.id, details: { reasons: holdReasons.map((r) => r.code) } });
    return repo.updateChangeRequest(tx, request.id, { status: 'en_revue', checkedBy: actor.userId, holdReasons });
  }
  if (request.kind === 'registration') {
    await applyRegistration(tx, ctx, actor.userId, request);
    return repo.updateChangeRequest(tx, request.id, { checkedBy: actor.userId });
  }
  const applied = await applyChangeRequest(tx, deps, ctx, actor.userId, request, doctor);
  onApplied(applied.notice);
  return repo.updateChangeRequest(tx, request.id, { checkedBy: actor.userId });
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
