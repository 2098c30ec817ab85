import { asc, eq, isNull } from 'drizzle-orm';
import { EMERGENCY_NUMBERS, type THelplines } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/client.js';
import { entraideHelplines } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';

// The helplines a person in difficulty sees before any form, without logging in: a département's own
// list when it set one, else the national default (seed 002: SYNEXIAL and STIMULUS), always after the
// emergency numbers.

/** The helplines in force for `departement` (national default when it has none, or when none is given). */
export async function helplinesFor(db: Executor, departement: string | null): Promise<THelplines> {
  const own = departement ? await listLines(db, departement) : [];
  const lines = own.length > 0 ? own : await listLines(db, null);
  return {
    departement,
    nationalDefault: own.length === 0,
    emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })),
    helplines: lines.map(({ name, purpose, number, hours }) => ({ name, purpose, number, hours })),
  };
}

function listLines(db: Executor, departement: string | null) {
  return db
    .select()
    .from(entraideHelplines)
    .where(departement === null ? isNull(entraideHelplines.departement) : eq(entraideHelplines.departement, departement))
    .orderBy(asc(entraideHelplines.position));
}

/**
 * Replaces a département's own list (an empty list returns it to the national default), audited
 * `entraide.helplines.updated` in the same transaction.
 */
export async function replaceHelplines(
  deps: ServiceDeps,
  ctx: AuditContext,
  actorId: string,
  departement: string,
  helplines: { name: string; purpose: string; number: string; hours: string }[],
): Promise<THelplines> {
  return deps.database.db.transaction(async (tx) => {
    await tx.delete(entraideHelplines).where(eq(entraideHelplines.departement, departement));
    if (helplines.length > 0) {
      await tx.insert(entraideHelplines).values(helplines.map((line, position) => ({ ...line, departement, position, updatedBy: actorId })));
    }
    await recordAudit(tx, ctx, {
      action: 'entraide.helplines.updated',
      entityType: 'entraide_helplines',
      entityId: null,
      details: { departement, lines: helplines.length, numbers: helplines.map((l) => l.number) },
    });
    return helplinesFor(tx, departement);
  });
}
