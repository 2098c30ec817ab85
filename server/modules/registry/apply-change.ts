import { and, eq, isNull, or } from 'drizzle-orm';
import { DOCTOR_FIELD_PHRASES } from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import { contactRevertTokens, users, type ChangeRequestRow, type DoctorRow } from '../../platform/db/schema.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { contactChangedMail, securityAlertMail } from '../../platform/mail/registry-mails.js';
import * as doctorsRepo from './doctors.repo.js';
import { toSearchText } from './search-text.js';
import * as repo from './change-requests.repo.js';

const REVERT_LINK_DAYS = 30;

/** What to tell the previous channels once the transaction that applied a change has committed. */
export interface ChangeNotice {
  previousEmails: string[];
  previousPhones: string[];
  fields: string[];
  revertToken: string;
  appliedAt: Date;
}

/**
 * Writes the requested values on the record (history, version), starts the cooling period during which
 * the new details do not count for sensitive operations, marks the request applied and issues the
 * « ce n'était pas moi » token. Runs inside the caller's transaction; notifications go after commit.
 */
export async function applyChangeRequest(
  tx: Executor,
  deps: ServiceDeps,
  ctx: AuditContext,
  actorId: string | null,
  request: ChangeRequestRow,
  doctor: DoctorRow,
  reason?: string,
): Promise<{ doctor: DoctorRow; notice: ChangeNotice }> {
  const columns = doctorsRepo.requestedToColumns(request.requested);
  // The practice city is part of what the search matches.
  if (columns.proCity !== undefined) columns.searchText = toSearchText({ ...doctor, ...columns, proCity: columns.proCity ?? '' });
  const appliedAt = new Date();
  const updated = await doctorsRepo.updateDoctorWithHistory(
    tx,
    doctor,
    { ...columns, contactsTrustedFrom: new Date(appliedAt.getTime() + deps.config.registryCoolingHours * 3_600_000) },
    { source: request.channel === 'espace_medecin' ? 'self_service' : 'change_request', actorId, changeRequestId: request.id },
  );
  await repo.updateChangeRequest(tx, request.id, { status: 'appliquee', appliedAt });
  const revertToken = randomToken(32);
  await tx.insert(contactRevertTokens).values({
    tokenHash: sha256Hex(revertToken),
    doctorId: doctor.id,
    changeRequestId: request.id,
    expiresAt: new Date(appliedAt.getTime() + REVERT_LINK_DAYS * 86_400_000),
  });
  await recordAudit(tx, ctx, {
    action: 'registry.change_request.applied',
    entityType: 'doctor',
    entityId: doctor.id,
    reason: reason ?? null,
    details: { changeRequestId: request.id, reference: request.reference, fields: Object.keys(columns), version: updated.version },
  });
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  return {
    doctor: updated,
    notice: {
      previousEmails: distinct([doctor.corrEmail, doctor.proEmail]),
      previousPhones: distinct([doctor.corrPhone, doctor.proPhone]),
      fields: Object.keys(columns).map((f) => DOCTOR_FIELD_PHRASES[f] ?? f),
      revertToken,
      appliedAt,
    },
  };
}

/** Tells the previous email addresses and phones, each with the « ce n'était pas moi » link. */
export async function sendChangeNotifications(deps: ServiceDeps, notice: ChangeNotice): Promise<void> {
  const link = `${deps.config.publicUrl}/ce-netait-pas-moi?jeton=${notice.revertToken}`;
  for (const email of notice.previousEmails) await deps.outbox.queue(contactChangedMail(email, notice.fields, notice.appliedAt, link));
  for (const phone of notice.previousPhones) {
    await deps.sms.send({ to: phone, text: `Ordre des médecins : vos coordonnées ont été modifiées. Si ce n'était pas vous : ${link}` });
  }
}

/**
 * Emails the security referents of a département (its administrators when none is named) and records
 * the alert in the audit log.
 */
export async function alertSecurityReferents(deps: ServiceDeps, ctx: AuditContext, departement: string, subject: string, body: string): Promise<void> {
  const recipients = await deps.database.db
    .select({ id: users.id, email: users.email, referent: users.securityReferent })
    .from(users)
    .where(
      and(
        eq(users.status, 'active'),
        or(and(eq(users.departement, departement), or(eq(users.securityReferent, true), eq(users.role, 'admin'))), and(isNull(users.departement), eq(users.role, 'admin'))),
      ),
    );
  const referents = recipients.filter((r) => r.referent);
  const targets = referents.length > 0 ? referents : recipients;
  await recordAudit(deps.database.db, ctx, { action: 'registry.security_alert.sent', entityType: 'departement', entityId: departement, details: { subject, recipients: targets.map((t) => t.id) } });
  for (const target of targets) await deps.outbox.queue(securityAlertMail(target.email, subject, body));
}
