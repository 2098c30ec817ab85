import type { TRegistrationCreate } from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import { doctorHistory, doctors, type ChangeRequestRow, type DoctorRow } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as repo from './change-requests.repo.js';
import { findRegisteredRpps } from './registry-import.repo.js';
import { toE164 } from './contact-values.js';
import { toSearchText } from './search-text.js';

/**
 * Records a registration request in the actor's département. Like every change, it creates nothing
 * until the in-person identity check. Throws VALIDATION_FAILED (RPPS already in the register), NOT_FOUND.
 */
export async function recordRegistration(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: TRegistrationCreate, departement: string): Promise<ChangeRequestRow> {
  assertInScope(actor, departement);
  if ((await findRegisteredRpps(deps.database.db, [input.rpps])).size > 0) throw fieldError('rpps', 'Ce numéro RPPS figure déjà au tableau : faites plutôt une demande de transfert ou de modification.');
  const requested: Record<string, string | null> = {
    rpps: input.rpps,
    birthName: input.birthName,
    usageName: input.usageName ?? null,
    firstNames: input.firstNames,
    specialty: input.specialty,
    status: input.status,
    departement,
    corrAddress: input.corrAddress,
    corrPostalCode: input.corrPostalCode,
    corrCity: input.corrCity,
    corrEmail: input.corrEmail ?? null,
    corrPhone: input.corrPhone ? toE164(input.corrPhone, 'corrPhone') : null,
  };
  return deps.database.db.transaction(async (tx) => {
    const request = await repo.insertChangeRequest(tx, { doctorId: null, kind: 'registration', channel: input.channel, status: 'attente_presence', departement, requested, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'registry.change_request.recorded', entityType: 'change_request', entityId: request.id, details: { kind: 'registration', channel: input.channel } });
    return request;
  });
}

/** The record a registration would create, before it exists: what the suspicious-details checks read. */
export function prospectiveDoctor(request: ChangeRequestRow): DoctorRow {
  const r = request.requested;
  return {
    id: '00000000-0000-0000-0000-000000000000',
    rpps: r.rpps ?? '',
    birthName: r.birthName ?? '',
    usageName: r.usageName ?? null,
    firstNames: r.firstNames ?? '',
    birthDate: null,
    specialty: r.specialty ?? '',
    departement: request.departement,
    status: (r.status as DoctorRow['status']) ?? 'inscrit',
    proAddress: '', proPostalCode: '', proCity: '', proEmail: null, proPhone: null,
    corrAddress: r.corrAddress ?? '', corrPostalCode: r.corrPostalCode ?? '', corrCity: r.corrCity ?? '',
    corrEmail: null, corrPhone: null,
    searchText: '', frozenAt: null, frozenReason: null, contactsTrustedFrom: null, version: 0, userId: null,
    createdAt: new Date(), updatedAt: new Date(),
  };
}

/** Creates the record of an approved registration (version 1, history), in the caller's transaction. */
export async function createRegisteredDoctor(tx: Executor, request: ChangeRequestRow, actorId: string | null): Promise<DoctorRow> {
  const r = request.requested;
  const existing = await findRegisteredRpps(tx, [r.rpps!]);
  if (existing.size > 0) throw new AppError('INVALID_STATE', undefined, 'Ce numéro RPPS a été inscrit entre-temps.');
  const values = {
    rpps: r.rpps!,
    birthName: r.birthName!,
    usageName: r.usageName ?? null,
    firstNames: r.firstNames!,
    specialty: r.specialty ?? '',
    departement: request.departement,
    status: (r.status as DoctorRow['status']) ?? 'inscrit',
    corrAddress: r.corrAddress ?? '',
    corrPostalCode: r.corrPostalCode ?? '',
    corrCity: r.corrCity ?? '',
    corrEmail: r.corrEmail ?? null,
    corrPhone: r.corrPhone ?? null,
  };
  const [doctor] = await tx.insert(doctors).values({ ...values, searchText: toSearchText({ usageName: values.usageName, birthName: values.birthName, firstNames: values.firstNames, proCity: '' }) }).returning();
  const changes = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { before: null, after: v }]));
  await tx.insert(doctorHistory).values({ doctorId: doctor!.id, version: 1, source: 'change_request', actorId, changeRequestId: request.id, changes });
  await repo.updateChangeRequest(tx, request.id, { doctorId: doctor!.id, status: 'appliquee', appliedAt: new Date() });
  return doctor!;
}

/**
 * Creates the record of a registration and audits it as applied, in the caller's transaction.
 * Throws INVALID_STATE (the RPPS was registered meanwhile).
 */
export async function applyRegistration(tx: Executor, ctx: AuditContext, actorId: string, request: ChangeRequestRow, reason?: string): Promise<void> {
  const doctor = await createRegisteredDoctor(tx, request, actorId);
  await recordAudit(tx, ctx, {
    action: 'registry.change_request.applied',
    entityType: 'doctor',
    entityId: doctor.id,
    reason: reason ?? null,
    details: { changeRequestId: request.id, reference: request.reference, kind: 'registration', version: 1 },
  });
}
