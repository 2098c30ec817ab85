import { and, asc, count, desc, eq, isNotNull, type SQL } from 'drizzle-orm';
import { MIN_REVEAL_REASON_CHARS, type EntraideCaseStatus, type TEntraideCaseDecision, type TEntraideCaseDetail, type TEntraideIdentity } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideCaseEvents, entraideCases, entraideDecisions } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { requireCurrentMandate } from './entraide.policy.js';
import type { SealedIdentity } from './sealed-identity.js';

// A commission member's cases (docs/entraide.md): a CDE member sees their département's, a CNE member
// the cases transmitted to the CNE; both only under a current mandate. Lists and details carry the
// pseudonym; the identity comes only through revealIdentity, with a reason, audited.

export const CASES_PER_PAGE = 50;

type CaseRow = typeof entraideCases.$inferSelect;

/** What a member may see: their département's cases (CDE) or the transmitted ones (CNE). */
function scopeOf(actor: Actor): SQL {
  if (actor.role === 'membre_cne') return isNotNull(entraideCases.escalatedAt);
  if (actor.role === 'membre_cde' && actor.departement) return eq(entraideCases.departement, actor.departement);
  throw new AppError('FORBIDDEN');
}

export async function listCases(deps: ServiceDeps, ctx: AuditContext, actor: Actor, query: { status?: EntraideCaseStatus | undefined; page: number }) {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:case_read');
  const where = and(scopeOf(actor), query.status ? eq(entraideCases.status, query.status) : undefined);
  const db = deps.database.db;
  const [rows, [total]] = await Promise.all([
    // Only the summary's columns: the sealed ones are kilobytes per row, read for every row the page skips.
    db
      .select({ c: SUMMARY_COLUMNS, referentName: users.displayName })
      .from(entraideCases)
      .leftJoin(users, eq(users.id, entraideCases.referentId))
      .where(where)
      .orderBy(desc(entraideCases.lastActivityAt), desc(entraideCases.id))
      .limit(CASES_PER_PAGE)
      .offset((query.page - 1) * CASES_PER_PAGE),
    db.select({ n: count() }).from(entraideCases).where(where),
  ]);
  return { cases: rows.map((r) => summaryOf(r.c, r.referentName)), total: Number(total?.n ?? 0) };
}

const SUMMARY_COLUMNS = {
  id: entraideCases.id,
  reference: entraideCases.reference,
  departement: entraideCases.departement,
  status: entraideCases.status,
  natures: entraideCases.natures,
  urgency: entraideCases.urgency,
  source: entraideCases.source,
  beneficiaryKind: entraideCases.beneficiaryKind,
  openedAt: entraideCases.openedAt,
  lastActivityAt: entraideCases.lastActivityAt,
};

function summaryOf(c: Pick<CaseRow, keyof typeof SUMMARY_COLUMNS>, referentName: string | null) {
  return {
    id: c.id,
    reference: c.reference,
    departement: c.departement,
    status: c.status,
    natures: c.natures,
    urgency: c.urgency,
    source: c.source,
    beneficiaryKind: c.beneficiaryKind,
    referentName,
    openedAt: c.openedAt.toISOString(),
    lastActivityAt: c.lastActivityAt.toISOString(),
  };
}

/** The case in the member's scope, or NOT_FOUND (a case outside it does not exist for them). */
async function loadScopedCase(deps: ServiceDeps, actor: Actor, id: string): Promise<{ c: CaseRow; referentName: string | null }> {
  const [row] = await deps.database.db
    .select({ c: entraideCases, referentName: users.displayName })
    .from(entraideCases)
    .leftJoin(users, eq(users.id, entraideCases.referentId))
    .where(and(eq(entraideCases.id, id), scopeOf(actor)));
  if (!row) throw new AppError('NOT_FOUND', undefined, "Ce dossier d'entraide n'existe pas ou ne relève pas de votre commission.");
  return row;
}

/** The case's decisions with their vote, oldest first (by day, then as recorded). Neither authorizes nor audits. */
export async function decisionsOf(db: Executor, caseId: string): Promise<TEntraideCaseDecision[]> {
  const rows = await db.select().from(entraideDecisions).where(eq(entraideDecisions.caseId, caseId)).orderBy(asc(entraideDecisions.decidedOn), asc(entraideDecisions.createdAt), asc(entraideDecisions.id));
  return rows.map((d) => ({
    kind: d.kind,
    decidedOn: d.decidedOn,
    amountCents: d.amountCents,
    aidForm: d.aidForm,
    vote: { membersSeated: d.membersSeated, membersPresent: d.membersPresent, for: d.votesFor, against: d.votesAgainst, abstentions: d.abstentions },
    quorumReached: d.quorumReached,
    commission: d.commission,
  }));
}

/** A case with its journal (free text opened for the commission) and decisions, audited `entraide.case.read`. */
export async function getCase(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TEntraideCaseDetail> {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:case_read');
  const { c, referentName } = await loadScopedCase(deps, actor, id);
  const db = deps.database.db;
  const [events, decisions] = await Promise.all([
    db
      .select({ kind: entraideCaseEvents.kind, occurredAt: entraideCaseEvents.occurredAt, sealedBody: entraideCaseEvents.sealedBody, authorName: users.displayName })
      .from(entraideCaseEvents)
      .leftJoin(users, eq(users.id, entraideCaseEvents.authorId))
      .where(eq(entraideCaseEvents.caseId, c.id))
      .orderBy(asc(entraideCaseEvents.occurredAt)),
    decisionsOf(db, c.id),
  ]);
  const sealer = await sealerFor(db, deps.keys, cdeScope(c.departement));
  await recordAudit(db, ctx, { action: 'entraide.case.read', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference } });
  return {
    ...summaryOf(c, referentName),
    contactMeans: c.contactMeans,
    contactConsent: c.contactConsent,
    identityVisibleToCne: c.sealedIdentityCne !== null,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    journal: events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), authorName: e.authorName, text: e.sealedBody ? sealer.open(e.sealedBody) : null })),
    decisions,
  };
}

/**
 * Who the person is, for a member in scope with a current mandate and a reason; audited
 * `entraide.identity.revealed` with the reason, in the same transaction as nothing else: the entry is
 * written before the identity leaves. A CNE member sees it only if the person consented (NOT_FOUND
 * otherwise, as for a case out of scope: the identity does not exist for them).
 */
export async function revealIdentity(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reason: string): Promise<TEntraideIdentity> {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:identity_reveal');
  const { c } = await loadScopedCase(deps, actor, id);
  if (reason.length < MIN_REVEAL_REASON_CHARS) {
    await recordAccessDenial(deps.database, ctx, { entityType: 'entraide_case', entityId: c.id, permission: 'entraide:identity_reveal', details: { rule: 'raison_manquante' } });
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'reason', message: `Indiquez pourquoi vous consultez l'identité (${MIN_REVEAL_REASON_CHARS} caractères au moins).` }] });
  }
  const db = deps.database.db;
  let sealed: string;
  let sealer;
  if (actor.role === 'membre_cne') {
    if (!c.sealedIdentityCne) {
      throw new AppError('NOT_FOUND', undefined, "La personne n'a pas consenti à ce que son identité soit connue de la commission nationale : le dossier se traite sous pseudonyme.");
    }
    sealed = c.sealedIdentityCne;
    sealer = await sealerFor(db, deps.keys, 'cne');
  } else {
    sealed = c.sealedIdentity;
    sealer = await sealerFor(db, deps.keys, cdeScope(c.departement));
  }
  const identity = JSON.parse(sealer.open(sealed)) as SealedIdentity;
  await recordAudit(db, ctx, { action: 'entraide.identity.revealed', entityType: 'entraide_case', entityId: c.id, reason, details: { reference: c.reference } });
  return {
    reference: c.reference,
    beneficiary: stripUndefined(identity.beneficiary),
    requester: identity.requester,
    contact: stripUndefined(identity.contact),
    message: identity.message,
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
