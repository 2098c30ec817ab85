import { desc, eq } from 'drizzle-orm';
import type { EntraideSource, TEntraideOwnRequest, TEntraideReceipt, TEntraideRequestFor, TMyEntraideRequests } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import { doctors, users } from '../../platform/db/schema.js';
import { entraideCases } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import type { Tx } from '../../platform/db/client.js';
import { cdeScope, sealerFor, type ScopeSealer } from './case-keys.js';
import { nextCaseReference } from './case-reference.js';
import { requireCurrentMandate } from './entraide.policy.js';
import { helplinesFor } from './helplines.service.js';
import { REQUESTER_TAG_PURPOSE, type SealedIdentity } from './sealed-identity.js';

// Requests for help (docs/entraide.md « Requests »): a doctor for themself, a relative for a doctor, or
// an agent or a commission member after a call. Every request becomes a case of its département's CDE
// whose identity is sealed for that CDE alone; the answer is the pseudonym and the helplines, nothing
// more. No mail goes to the person: a mail in the queue would tell whoever reads the database that this
// address asked the commission for help (the receipt on screen and « Mes demandes » stand instead).

/** A doctor's own request: identity from the account and the register, never from the body. */
export async function fileOwnRequest(deps: ServiceDeps, actor: Actor, input: TEntraideOwnRequest): Promise<TEntraideReceipt> {
  const [account] = await deps.database.db
    .select({ email: users.email, displayName: users.displayName, departement: users.departement, doctorId: doctors.id, rpps: doctors.rpps, firstNames: doctors.firstNames, usageName: doctors.usageName, birthName: doctors.birthName, doctorDepartement: doctors.departement })
    .from(users)
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .where(eq(users.id, actor.userId));
  const departement = account?.doctorDepartement ?? account?.departement ?? null;
  if (!account || !departement) {
    throw new AppError('VALIDATION_FAILED', undefined, "Votre compte n'est rattaché à aucun département : appelez votre conseil départemental ou l'une des lignes d'écoute.");
  }
  const identity: SealedIdentity = {
    beneficiary: {
      kind: 'medecin',
      firstName: account.firstNames ?? account.displayName,
      lastName: account.usageName ?? account.birthName ?? '',
      rpps: account.rpps ?? undefined,
    },
    requester: null,
    contact: { ...input.contact, email: input.contact.email ?? (input.contact.means === 'courriel' ? account.email : undefined) },
    message: input.message,
  };
  return fileCase(deps, {
    departement,
    source: 'espace_medecin',
    input,
    beneficiaryKind: 'medecin',
    identity,
    subject: { userId: actor.userId, doctorId: account.doctorId ?? null },
    requesterTag: deps.keys.keyedHash(actor.userId, REQUESTER_TAG_PURPOSE),
    recordedBy: null,
    // Without its actor, address or request id: the journal, which administrators read, must not say who asked.
    ctx: { actorId: null, actorRole: 'medecin', ip: null, requestId: null },
  });
}

/**
 * A request for someone else: a relative without an account (public form), or staff after a call
 * (`actor` given: the source says who recorded it, and they are named as its recorder).
 */
export async function fileRequestFor(
  deps: ServiceDeps,
  ctx: AuditContext,
  actor: Actor | null,
  input: TEntraideRequestFor,
  fromCall?: { source: 'ligne_ecoute'; inSameTransaction: (tx: Tx, caseId: string, sealer: ScopeSealer) => Promise<void> },
): Promise<TEntraideReceipt> {
  const source: EntraideSource = fromCall?.source ?? (actor === null ? 'proche' : actor.role === 'agent' ? 'appel_agent' : 'appel_cde');
  if (actor === null && !input.requester) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'requester', message: 'Indiquez qui vous êtes et votre lien avec la personne.' }] });
  }
  if (actor && actor.role !== 'agent') await requireCurrentMandate(deps.database, ctx, actor, 'entraide:record');
  if (actor?.role === 'membre_cde' && actor.departement !== input.departement) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'departement', message: "Vous ne pouvez enregistrer une demande que pour le département de votre commission." }] });
  }
  const identity: SealedIdentity = {
    beneficiary: input.beneficiary,
    requester: input.requester ?? null,
    contact: input.contact,
    message: input.message,
  };
  return fileCase(deps, {
    departement: input.departement,
    source,
    input,
    beneficiaryKind: input.beneficiary.kind,
    identity,
    subject: null,
    requesterTag: null,
    recordedBy: actor?.userId ?? null,
    // A relative's address is personal data of someone who is not a user: not kept in the journal.
    ctx: actor === null ? { ...ctx, ip: null } : ctx,
    inSameTransaction: fromCall?.inSameTransaction,
  });
}

interface CaseToFile {
  departement: string;
  source: EntraideSource;
  input: TEntraideOwnRequest;
  beneficiaryKind: TEntraideRequestFor['beneficiary']['kind'];
  identity: SealedIdentity;
  subject: { userId: string; doctorId: string | null } | null;
  requesterTag: string | null;
  recordedBy: string | null;
  ctx: AuditContext;
  /** What else the filing writes atomically with the case (a helpline call linked to it). */
  inSameTransaction?: ((tx: Tx, caseId: string, sealer: ScopeSealer) => Promise<void>) | undefined;
}

async function fileCase(deps: ServiceDeps, c: CaseToFile): Promise<TEntraideReceipt> {
  const created = await deps.database.db.transaction(async (tx) => {
    const sealer = await sealerFor(tx, deps.keys, cdeScope(c.departement));
    const reference = await nextCaseReference(tx, Number(parisDay().slice(0, 4)));
    const [row] = await tx
      .insert(entraideCases)
      .values({
        reference,
        departement: c.departement,
        natures: c.input.natures,
        urgency: c.input.urgency,
        source: c.source,
        beneficiaryKind: c.beneficiaryKind,
        contactMeans: c.input.contact.means,
        contactConsent: c.input.contact.consent,
        sealedIdentity: sealer.seal(JSON.stringify(c.identity)),
        sealedSubject: c.subject ? sealer.seal(JSON.stringify(c.subject)) : null,
        requesterTag: c.requesterTag,
        recordedBy: c.recordedBy,
      })
      .returning({ id: entraideCases.id, reference: entraideCases.reference, status: entraideCases.status });
    await recordAudit(tx, c.ctx, {
      action: c.recordedBy ? 'entraide.case.recorded' : 'entraide.case.requested',
      entityType: 'entraide_case',
      entityId: row!.id,
      details: { reference, departement: c.departement, source: c.source, natures: c.input.natures, urgency: c.input.urgency },
    });
    await c.inSameTransaction?.(tx, row!.id, sealer);
    return row!;
  });
  return { reference: created.reference, status: created.status, helplines: await helplinesFor(deps.database.db, c.departement) };
}

/** A doctor's own requests, newest first, found by their keyed tag (docs/entraide.md). */
export async function listOwnRequests(deps: ServiceDeps, actor: Actor): Promise<TMyEntraideRequests> {
  const rows = await deps.database.db
    .select({ reference: entraideCases.reference, status: entraideCases.status, natures: entraideCases.natures, openedAt: entraideCases.openedAt })
    .from(entraideCases)
    .where(eq(entraideCases.requesterTag, deps.keys.keyedHash(actor.userId, REQUESTER_TAG_PURPOSE)))
    .orderBy(desc(entraideCases.openedAt));
  return { requests: rows.map((r) => ({ ...r, openedAt: r.openedAt.toISOString() })) };
}
