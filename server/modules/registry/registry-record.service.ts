import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import { contactRevertTokens, doctors, type DoctorRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import * as doctorsRepo from './doctors.repo.js';
import * as repo from './change-requests.repo.js';
import { alertSecurityReferents } from './apply-change.js';
import { doctorDisplayName } from './registry-search.service.js';


export function toRecordView(d: DoctorRow) {
  const now = Date.now();
  return {
    id: d.id,
    rpps: d.rpps,
    displayName: doctorDisplayName(d),
    birthName: d.birthName,
    usageName: d.usageName,
    firstNames: d.firstNames,
    birthDate: d.birthDate,
    specialty: d.specialty,
    departement: d.departement,
    status: d.status,
    pro: { address: d.proAddress, postalCode: d.proPostalCode, city: d.proCity, email: d.proEmail, phone: d.proPhone },
    corr: { address: d.corrAddress, postalCode: d.corrPostalCode, city: d.corrCity, email: d.corrEmail, phone: d.corrPhone },
    frozen: d.frozenAt ? { at: d.frozenAt.toISOString(), reason: d.frozenReason } : null,
    coolingUntil: d.contactsTrustedFrom && d.contactsTrustedFrom.getTime() > now ? d.contactsTrustedFrom.toISOString() : null,
    hasAccount: d.userId !== null,
    version: d.version,
    updatedAt: d.updatedAt.toISOString(),
  };
}
export type DoctorRecordView = ReturnType<typeof toRecordView>;

export function toChangeRequestView(r: Awaited<ReturnType<typeof repo.findChangeRequest>> & object) {
  return {
    id: r.id,
    reference: r.reference,
    doctorId: r.doctorId,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    departement: r.departement,
    requested: r.requested,
    holdReasons: r.holdReasons,
    createdBy: r.createdBy,
    checkedBy: r.checkedBy,
    reviewedBy: r.reviewedBy,
    decisionReason: r.decisionReason,
    createdAt: r.createdAt.toISOString(),
    appliedAt: r.appliedAt?.toISOString() ?? null,
  };
}

export function toOwnChangeRequest(r: Awaited<ReturnType<typeof repo.findChangeRequest>> & object) {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    requested: r.requested,
    createdAt: r.createdAt.toISOString(),
    appliedAt: r.appliedAt?.toISOString() ?? null,
  };
}

/**
 * Opens a doctor's full record (contact details, history, requests). A confidential read: written to
 * the audit log in the same transaction. Throws NOT_FOUND (absent or outside the actor's département).
 */
export async function readDoctorRecord(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string) {
  const doctor = await doctorsRepo.findDoctor(deps.database.db, id);
  if (!doctor) throw new AppError('NOT_FOUND');
  assertInScope(actor, doctor.departement);
  return deps.database.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: 'registry.doctor.read', entityType: 'doctor', entityId: doctor.id });
    const [history, requests] = await Promise.all([doctorsRepo.listHistory(tx, doctor.id), repo.listRequestsForDoctor(tx, doctor.id)]);
    return {
      doctor: toRecordView(doctor),
      history: history.map((h) => ({ version: h.version, source: h.source, actorId: h.actorId, changeRequestId: h.changeRequestId, changes: h.changes, occurredAt: h.occurredAt.toISOString() })),
      requests: requests.map(toChangeRequestView),
    };
  });
}

/**
 * « Ce n'était pas moi »: the doctor, from the link sent to the previous address or phone, freezes the
 * record at once and the council's security referents are alerted. The link works once.
 * Throws TOKEN_INVALID.
 */
export async function reportNotMe(deps: ServiceDeps, ctx: AuditContext, token: string): Promise<void> {
  const frozen = await deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(contactRevertTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(contactRevertTokens.tokenHash, sha256Hex(token)), isNull(contactRevertTokens.usedAt), gt(contactRevertTokens.expiresAt, new Date())))
      .returning();
    if (!row) throw new AppError('TOKEN_INVALID');
    const doctor = (await doctorsRepo.lockDoctor(tx, row.doctorId))!;
    const updated = doctor.frozenAt
      ? doctor
      : await doctorsRepo.updateDoctorWithHistory(tx, doctor, { frozenAt: new Date(), frozenReason: 'Le médecin a signalé une modification qu’il n’a pas faite (« ce n’était pas moi »).' }, { source: 'freeze', actorId: null, changeRequestId: row.changeRequestId });
    await recordAudit(tx, ctx, { action: 'registry.doctor.frozen', entityType: 'doctor', entityId: doctor.id, details: { changeRequestId: row.changeRequestId, via: 'not_me_link' } });
    return updated;
  });
  await alertSecurityReferents(deps, ctx, frozen.departement, 'modification contestée par le médecin',
    `Le médecin RPPS ${frozen.rpps} indique ne pas être à l'origine d'une modification de ses coordonnées. ` +
      `Sa fiche est gelée. Contactez-le par ses anciennes coordonnées et vérifiez la demande dans Vigie.`);
}

/** Lifts a freeze after the council has checked, with the reason recorded. Throws NOT_FOUND. */
export async function unfreezeDoctor(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reason: string) {
  const doctor = await doctorsRepo.findDoctor(deps.database.db, id);
  if (!doctor) throw new AppError('NOT_FOUND');
  assertInScope(actor, doctor.departement);
  if (!doctor.frozenAt) throw new AppError('INVALID_STATE');
  return deps.database.db.transaction(async (tx) => {
    const locked = (await doctorsRepo.lockDoctor(tx, id))!;
    const updated = await doctorsRepo.updateDoctorWithHistory(tx, locked, { frozenAt: null, frozenReason: null }, { source: 'unfreeze', actorId: actor.userId, changeRequestId: null });
    await recordAudit(tx, ctx, { action: 'registry.doctor.unfrozen', entityType: 'doctor', entityId: id, reason });
    return toRecordView(updated);
  });
}

export async function findDoctorsForExport(deps: ServiceDeps, departement: string) {
  return deps.database.db.select().from(doctors).where(eq(doctors.departement, departement)).orderBy(doctors.rpps);
}
