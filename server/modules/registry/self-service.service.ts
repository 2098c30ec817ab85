import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import { contactVerifications, type ChangeRequestRow, type DoctorRow, type RequestedChanges } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { RequestSession } from '../../platform/http/request-context.js';
import { contactVerificationMail } from '../../platform/mail/registry-mails.js';
import * as doctorsRepo from './doctors.repo.js';
import * as repo from './change-requests.repo.js';
import { sendChangeNotifications, type ChangeNotice } from './apply-change.js';
import { holdOrApplyChange } from './hold-or-apply.js';
import { consumeStepUp } from './step-up.service.js';
import { toE164 } from './contact-values.js';

const CODE_MINUTES = 15;
const MAX_CODE_ATTEMPTS = 5;
const CODE_PURPOSE = 'contact-verification';

export interface SelfContactChanges {
  corrAddress?: string;
  corrPostalCode?: string;
  corrCity?: string;
  corrEmail?: string;
  corrPhone?: string;
}

/** The doctor's own record, or NO_REGISTRY_RECORD when the account is not linked to one. */
export async function loadOwnRecord(deps: ServiceDeps, self: RequestSession): Promise<DoctorRow> {
  const doctor = await doctorsRepo.findDoctorByUser(deps.database.db, self.user.id);
  if (!doctor) throw new AppError('NO_REGISTRY_RECORD');
  return doctor;
}

/**
 * A doctor changes their own correspondence details. Requires 2FA on the account and a fresh step-up
 * token; a new email address or phone number takes effect only once the code sent to it is entered.
 * Throws SELF_SERVICE_REQUIRES_2FA, STEP_UP_REQUIRED, RECORD_FROZEN, VALIDATION_FAILED.
 */
export async function requestOwnContactChange(deps: ServiceDeps, ctx: AuditContext, self: RequestSession, stepUpToken: string, changes: SelfContactChanges) {
  if (!self.user.totpEnabledAt) throw new AppError('SELF_SERVICE_REQUIRES_2FA');
  const doctor = await loadOwnRecord(deps, self);
  if (doctor.frozenAt) throw new AppError('RECORD_FROZEN');
  const requested: RequestedChanges = {};
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) requested[field] = field === 'corrPhone' ? toE164(value, 'changes.corrPhone') : value;
  if (Object.keys(requested).length === 0) throw fieldError('changes', 'Indiquez au moins une coordonnée à modifier.');

  const codes: { channel: 'email' | 'phone'; to: string; code: string }[] = [];
  if (requested.corrEmail && requested.corrEmail !== doctor.corrEmail) codes.push({ channel: 'email', to: requested.corrEmail, code: String(randomInt(0, 1_000_000)).padStart(6, '0') });
  if (requested.corrPhone && requested.corrPhone !== doctor.corrPhone) codes.push({ channel: 'phone', to: requested.corrPhone, code: String(randomInt(0, 1_000_000)).padStart(6, '0') });

  let notice: ChangeNotice | null = null;
  const request = await deps.database.db.transaction(async (tx) => {
    await consumeStepUp(tx, self.row.id, stepUpToken);
    const created = await repo.insertChangeRequest(tx, {
      doctorId: doctor.id,
      kind: 'contact_change',
      channel: 'espace_medecin',
      status: codes.length ? 'attente_codes' : 'attente_presence',
      departement: doctor.departement,
      requested,
      createdBy: self.user.id,
    });
    await recordAudit(tx, ctx, { action: 'registry.change_request.recorded', entityType: 'change_request', entityId: created.id, details: { doctorId: doctor.id, channel: 'espace_medecin', fields: Object.keys(requested) } });
    for (const c of codes) {
      await tx.insert(contactVerifications).values({ changeRequestId: created.id, channel: c.channel, codeHash: deps.keys.keyedHash(`${created.id}:${c.code}`, CODE_PURPOSE), expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000) });
    }
    if (codes.length) return created;
    const locked = (await doctorsRepo.lockDoctor(tx, doctor.id))!;
    const outcome = await finishSelfChange(tx, deps, ctx, self, created, locked);
    notice = outcome.notice;
    return outcome.request;
  });
  for (const c of codes) {
    if (c.channel === 'email') await deps.outbox.queue(contactVerificationMail(c.to, c.code));
    else await deps.sms.send({ to: c.to, text: `Ordre des médecins — code de vérification de votre nouveau numéro : ${c.code} (valable ${CODE_MINUTES} min).` });
  }
  if (codes.length) await recordAudit(deps.database.db, ctx, { action: 'registry.contact_verification.sent', entityType: 'change_request', entityId: request.id, details: { channels: codes.map((c) => c.channel) } });
  if (notice) await sendChangeNotifications(deps, notice);
  return request;
}

/** Holds suspicious new details for an agent, or applies the change; the codes already proved the new channels. */
async function finishSelfChange(tx: Executor, deps: ServiceDeps, ctx: AuditContext, self: RequestSession, request: ChangeRequestRow, doctor: DoctorRow) {
  return holdOrApplyChange(tx, deps, ctx, { request, doctor, actorId: self.user.id, secondReview: false });
}

/**
 * Checks the codes sent to the new address and phone; when every one is confirmed, the change applies
 * (or waits for an agent if the new details look suspicious). Throws TOKEN_INVALID (wrong, expired or
 * too many attempts), INVALID_STATE, NOT_FOUND.
 */
export async function verifyOwnContactChange(deps: ServiceDeps, ctx: AuditContext, self: RequestSession, requestId: string, codes: { emailCode?: string; phoneCode?: string }) {
  const doctor = await loadOwnRecord(deps, self);
  let notice: ChangeNotice | null = null;
  let failed = false;
  const result = await deps.database.db.transaction(async (tx) => {
    const request = await repo.lockChangeRequest(tx, requestId);
    if (!request || request.doctorId !== doctor.id || request.channel !== 'espace_medecin') throw new AppError('NOT_FOUND');
    if (request.status !== 'attente_codes') throw new AppError('INVALID_STATE');
    const pending = await tx.select().from(contactVerifications).where(eq(contactVerifications.changeRequestId, request.id));
    for (const v of pending) {
      if (v.verifiedAt) continue;
      const code = v.channel === 'email' ? codes.emailCode : codes.phoneCode;
      if (code === undefined) continue;
      const ok = v.attempts < MAX_CODE_ATTEMPTS && v.expiresAt.getTime() > Date.now() && deps.keys.keyedHash(`${request.id}:${code}`, CODE_PURPOSE) === v.codeHash;
      await tx
        .update(contactVerifications)
        .set(ok ? { verifiedAt: new Date() } : { attempts: v.attempts + 1 })
        .where(and(eq(contactVerifications.changeRequestId, request.id), eq(contactVerifications.channel, v.channel)));
      if (!ok) failed = true;
    }
    if (failed) {
      await recordAudit(tx, ctx, { action: 'registry.contact_verification.failed', entityType: 'change_request', entityId: request.id });
      return request;
    }
    const after = await tx.select().from(contactVerifications).where(eq(contactVerifications.changeRequestId, request.id));
    if (after.some((v) => !v.verifiedAt)) return request;
    const locked = (await doctorsRepo.lockDoctor(tx, doctor.id))!;
    const outcome = await finishSelfChange(tx, deps, ctx, self, request, locked);
    notice = outcome.notice;
    return outcome.request;
  });
  // The failed attempt is committed (counted) before the refusal is sent.
  if (failed) throw new AppError('TOKEN_INVALID', undefined, 'Code incorrect ou expiré. Vérifiez le dernier code reçu.');
  if (notice) await sendChangeNotifications(deps, notice);
  return result;
}
