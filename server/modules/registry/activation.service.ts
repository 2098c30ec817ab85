import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import { doctorActivations, doctors, users } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { maskEmail, recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { hashPassword, isPasswordAcceptable } from '../../platform/auth/passwords.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { activationLinkMail } from '../../platform/mail/registry-mails.js';
import type { TIdentityCheck } from '../../../contracts/registry.schemas.js';
import { disableTotp } from '../account/index.js';
import { revokeUserSessions } from '../../platform/auth/session-store.js';
import { secondFactorChangedMail } from '../../platform/mail/account-mails.js';
import * as doctorsRepo from './doctors.repo.js';
import { doctorDisplayName } from './registry-search.service.js';
import { verifyIdentityDocument } from './identity-document.service.js';

const LINK_HOURS = 72;
const COUNTER_CODE_HOURS = 24;
// Readable over a counter: no 0/O/1/I.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

async function loadActivatable(deps: ServiceDeps, actor: Actor, doctorId: string) {
  const doctor = await doctorsRepo.findDoctor(deps.database.db, doctorId);
  if (!doctor) throw new AppError('NOT_FOUND');
  assertInScope(actor, doctor.departement);
  if (doctor.userId) throw new AppError('INVALID_STATE', undefined, 'Ce médecin a déjà un compte Vigie.');
  if (doctor.frozenAt) throw new AppError('RECORD_FROZEN');
  const email = doctor.corrEmail ?? doctor.proEmail;
  if (!email) throw new AppError('INVALID_STATE', undefined, "Aucune adresse électronique sur la fiche : enregistrez-la d'abord en présence du médecin.");
  return { doctor, email };
}

/**
 * Emails an activation link to the address already on the doctor's record — never to one typed now.
 * Throws NOT_FOUND, INVALID_STATE (account exists or no address on file), RECORD_FROZEN.
 */
export async function sendActivationLink(deps: ServiceDeps, ctx: AuditContext, actor: Actor, doctorId: string): Promise<void> {
  const { doctor, email } = await loadActivatable(deps, actor, doctorId);
  const token = randomToken(32);
  await deps.database.db.transaction(async (tx) => {
    await tx.insert(doctorActivations).values({ doctorId: doctor.id, method: 'email_on_file', secretHash: sha256Hex(token), createdBy: actor.userId, expiresAt: new Date(Date.now() + LINK_HOURS * 3_600_000) });
    await recordAudit(tx, ctx, { action: 'registry.activation.issued', entityType: 'doctor', entityId: doctor.id, details: { method: 'email_on_file', to: maskEmail(email) } });
  });
  await deps.outbox.queue(activationLinkMail(email, `${deps.config.publicUrl}/activer-mon-compte?jeton=${token}`));
}

/**
 * After checking the doctor's identity document at the counter, gives a one-time code (24 h) the doctor
 * types with their RPPS number. The document's MRZ is verified against the record first; its number is
 * kept only as a keyed hash. Throws IDENTITY_DOCUMENT_INVALID / _EXPIRED / _MISMATCH, VALIDATION_FAILED.
 */
export async function issueCounterCode(deps: ServiceDeps, ctx: AuditContext, actor: Actor, doctorId: string, check: TIdentityCheck): Promise<{ code: string; expiresAt: string }> {
  const { doctor } = await loadActivatable(deps, actor, doctorId);
  if (check.outcome !== 'conforme') throw fieldError('outcome', "Le code n'est remis qu'après une vérification d'identité conforme.");
  const document = await verifyIdentityDocument(deps, ctx, { purpose: 'counter_code', entityType: 'doctor', entityId: doctor.id }, check.mrz, doctor);
  const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const expiresAt = new Date(Date.now() + COUNTER_CODE_HOURS * 3_600_000);
  await deps.database.db.transaction(async (tx) => {
    await tx.insert(doctorActivations).values({ doctorId: doctor.id, method: 'counter_code', secretHash: sha256Hex(`${doctor.rpps}:${code}`), createdBy: actor.userId, expiresAt });
    await recordAudit(tx, ctx, {
      action: 'registry.activation.issued',
      entityType: 'doctor',
      entityId: doctor.id,
      details: { method: 'counter_code', documentType: document.documentType, documentLast4: document.documentLast4, documentNumberHash: document.documentNumberHash, place: check.place },
    });
  });
  return { code: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt: expiresAt.toISOString() };
}

/**
 * Creates the doctor's Vigie account from a valid activation link or counter code. The account's email is
 * the one on the record. Throws TOKEN_INVALID, VALIDATION_FAILED.
 */
export async function activateDoctorAccount(
  deps: ServiceDeps,
  ctx: AuditContext,
  input: { token: string; password: string } | { rpps: string; code: string; password: string },
): Promise<void> {
  const secretHash = 'token' in input ? sha256Hex(input.token) : sha256Hex(`${input.rpps}:${input.code.replace(/[\s-]/g, '').toUpperCase()}`);
  const [activation] = await deps.database.db.select().from(doctorActivations).where(and(eq(doctorActivations.secretHash, secretHash), isNull(doctorActivations.usedAt), gt(doctorActivations.expiresAt, new Date())));
  const doctor = activation ? await doctorsRepo.findDoctor(deps.database.db, activation.doctorId) : null;
  const email = doctor?.corrEmail ?? doctor?.proEmail;
  if (!activation || !doctor || !email || doctor.userId || doctor.frozenAt) throw new AppError('TOKEN_INVALID');
  if (!isPasswordAcceptable(input.password, email)) throw fieldError('password', 'Le mot de passe ne doit pas reprendre votre adresse électronique.');
  const passwordHash = await hashPassword(input.password);
  await deps.database.db.transaction(async (tx) => {
    const used = await tx.update(doctorActivations).set({ usedAt: new Date() }).where(and(eq(doctorActivations.id, activation.id), isNull(doctorActivations.usedAt))).returning();
    if (used.length !== 1) throw new AppError('TOKEN_INVALID');
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()));
    if (taken.length) throw new AppError('EMAIL_TAKEN');
    const [user] = await tx.insert(users).values({ email: email.toLowerCase(), displayName: `Dr ${doctorDisplayName(doctor)}`, role: 'medecin', departement: doctor.departement, passwordHash }).returning();
    await tx.update(doctors).set({ userId: user!.id }).where(eq(doctors.id, doctor.id));
    await recordAudit(tx, { ...ctx, actorId: user!.id, actorRole: 'medecin' }, { action: 'registry.activation.completed', entityType: 'doctor', entityId: doctor.id, details: { method: activation.method, userId: user!.id } });
  });
}

/**
 * A doctor who lost their second factor gets it reset only here, at the counter, after the identity
 * check of the document's MRZ — never by email or phone. Their sessions end and the address on file is
 * told. Throws IDENTITY_DOCUMENT_INVALID / _EXPIRED / _MISMATCH, INVALID_STATE, NOT_FOUND.
 */
export async function resetDoctorSecondFactorInPerson(deps: ServiceDeps, ctx: AuditContext, actor: Actor, doctorId: string, check: TIdentityCheck): Promise<void> {
  const doctor = await doctorsRepo.findDoctor(deps.database.db, doctorId);
  if (!doctor) throw new AppError('NOT_FOUND');
  assertInScope(actor, doctor.departement);
  if (!doctor.userId) throw new AppError('INVALID_STATE', undefined, "Ce médecin n'a pas de compte Vigie.");
  if (check.outcome !== 'conforme') throw fieldError('outcome', "La réinitialisation exige une vérification d'identité conforme.");
  const document = await verifyIdentityDocument(deps, ctx, { purpose: 'second_factor_reset', entityType: 'doctor', entityId: doctor.id }, check.mrz, doctor);
  const [account] = await deps.database.db.select().from(users).where(eq(users.id, doctor.userId));
  await deps.database.db.transaction(async (tx) => {
    await disableTotp(tx, doctor.userId!);
    await revokeUserSessions(tx, doctor.userId!);
    await recordAudit(tx, ctx, {
      action: 'admin.user.second_factor_reset',
      entityType: 'user',
      entityId: doctor.userId,
      reason: "Vérification d'identité en personne",
      details: { doctorId: doctor.id, documentType: document.documentType, documentLast4: document.documentLast4, place: check.place },
    });
  });
  if (account) await deps.outbox.queue(secondFactorChangedMail(account.email, 'reset_by_admin', new Date()));
}
