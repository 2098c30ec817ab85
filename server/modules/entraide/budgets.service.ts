import { asc, desc, eq } from 'drizzle-orm';
import type { TBudget, TBudgetHistory, TBudgetSnapshotInput } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { KeyProvider } from '../../platform/crypto/key-provider.js';
import type { Executor, Tx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideBudgets, entraideCases } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { requireCurrentMandate } from './entraide.policy.js';
import { computeResteAVivre } from './reste-a-vivre.js';

// The budget tool (docs/entraide.md « Crésus and the budget tool »): itemised snapshots of a household's
// budget, each sealed whole under the case's CDE key (income and debts of a named person), and their
// reste à vivre computed on reading, so a revalued RSA floor applies to the whole history at once.
// Members of the case's CDE, and of the CNE once the case is transmitted, under a current mandate.

type CaseRow = typeof entraideCases.$inferSelect;

const NOT_FOUND = "Ce dossier d'entraide n'existe pas ou ne relève pas de votre commission.";

/**
 * The case if `actor` may work it — a CDE member: their département's; a CNE member: a transmitted
 * case — or NOT_FOUND (a case out of scope does not exist for them). Locked FOR UPDATE when asked,
 * inside the caller's transaction.
 */
export async function caseInScope(db: Executor, actor: Actor, id: string, options: { lock: boolean; message?: string }): Promise<CaseRow> {
  const query = db.select().from(entraideCases).where(eq(entraideCases.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  const inScope = row && (actor.role === 'membre_cne' ? row.escalatedAt !== null : actor.role === 'membre_cde' && row.departement === actor.departement);
  if (!row || !inScope) throw new AppError('NOT_FOUND', undefined, options.message ?? NOT_FOUND);
  return row;
}

/**
 * The case's budget history, oldest first, each with its reste à vivre against `rsaFloorCents`. Neither
 * authorizes nor audits: callers do (getBudgetHistory, the right-of-access export).
 */
export async function budgetHistoryOf(db: Executor, keys: KeyProvider, c: Pick<CaseRow, 'id' | 'departement'>, rsaFloorCents: number): Promise<TBudgetHistory> {
  const rows = await db
    .select({ id: entraideBudgets.id, recordedOn: entraideBudgets.recordedOn, sealedBudget: entraideBudgets.sealedBudget, recordedByName: users.displayName })
    .from(entraideBudgets)
    .leftJoin(users, eq(users.id, entraideBudgets.recordedBy))
    .where(eq(entraideBudgets.caseId, c.id))
    .orderBy(asc(entraideBudgets.recordedOn), asc(entraideBudgets.createdAt), asc(entraideBudgets.id));
  const sealer = await sealerFor(db, keys, cdeScope(c.departement));
  return {
    rsaFloorCents,
    snapshots: rows.map((r) => {
      const budget = JSON.parse(sealer.open(r.sealedBudget)) as TBudget;
      return { id: r.id, recordedOn: r.recordedOn, budget, result: computeResteAVivre(budget, rsaFloorCents), recordedByName: r.recordedByName };
    }),
  };
}

/** The household's reste à vivre in the latest snapshot (by the day it describes), or null without one. */
export async function latestResteAVivreCents(db: Executor, keys: KeyProvider, c: Pick<CaseRow, 'id' | 'departement'>, rsaFloorCents: number): Promise<number | null> {
  const [row] = await db
    .select({ sealedBudget: entraideBudgets.sealedBudget })
    .from(entraideBudgets)
    .where(eq(entraideBudgets.caseId, c.id))
    .orderBy(desc(entraideBudgets.recordedOn), desc(entraideBudgets.createdAt), desc(entraideBudgets.id))
    .limit(1);
  if (!row) return null;
  const sealer = await sealerFor(db, keys, cdeScope(c.departement));
  return computeResteAVivre(JSON.parse(sealer.open(row.sealedBudget)) as TBudget, rsaFloorCents).resteAVivreCents;
}

/**
 * Records a budget snapshot, sealed, audited `entraide.budget.recorded` (pseudonym and date, never an
 * amount), and answers the history. Throws FORBIDDEN without a current mandate, NOT_FOUND out of scope,
 * VALIDATION_FAILED for a day in the future, INVALID_STATE on a closed case.
 */
export async function recordBudget(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TBudgetSnapshotInput): Promise<TBudgetHistory> {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:budget');
  const today = parisDay();
  const recordedOn = input.recordedOn ?? today;
  if (recordedOn > today) throw fieldError('recordedOn', "Un budget ne peut pas être daté dans l'avenir.");
  // Only the budget itself is sealed: the day it describes stays in clear to order the history.
  const budget: TBudget = { lines: input.lines, household: input.household };
  return deps.database.db.transaction(async (tx: Tx) => {
    const c = await caseInScope(tx, actor, id, { lock: true });
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le pour y inscrire un budget.');
    const sealer = await sealerFor(tx, deps.keys, cdeScope(c.departement));
    const [row] = await tx
      .insert(entraideBudgets)
      .values({ caseId: c.id, recordedOn, sealedBudget: sealer.seal(JSON.stringify(budget)), recordedBy: actor.userId })
      .returning({ id: entraideBudgets.id });
    await tx.update(entraideCases).set({ lastActivityAt: new Date() }).where(eq(entraideCases.id, c.id));
    await recordAudit(tx, ctx, { action: 'entraide.budget.recorded', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference, snapshotId: row!.id, recordedOn } });
    return budgetHistoryOf(tx, deps.keys, c, deps.config.entraideRsaFloorCents);
  });
}

/** The case's budget history for a member in scope; audited as a read of the case (`section: 'budgets'`). */
export async function getBudgetHistory(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TBudgetHistory> {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:budget');
  const db = deps.database.db;
  const c = await caseInScope(db, actor, id, { lock: false });
  await recordAudit(db, ctx, { action: 'entraide.case.read', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference, section: 'budgets' } });
  return budgetHistoryOf(db, deps.keys, c, deps.config.entraideRsaFloorCents);
}
