import { and, eq, isNotNull, type SQL } from 'drizzle-orm';
import { ZEntraideAccessExportRequest, type TEntraideAccessExport, type TEntraideIdentity } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import { entraideCases } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { budgetHistoryOf } from './budgets.service.js';
import { cresusReferralOf } from './cresus.service.js';
import { renderAccessExportPdf } from './access-export-pdf.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { getCase } from './cases.service.js';
import { requireCurrentMandate } from './entraide.policy.js';
import type { SealedIdentity } from './sealed-identity.js';

// The right of access (GDPR art. 15, docs/entraide.md « Data protection »): everything the commission
// holds about the person of a case — identity and contact details, the case and its journal, decisions,
// the Crésus referral, budgets — for them, as JSON or as a PDF. Only those who may reveal the identity
// may export it (a CDE member of the case's département, a CNE member for a transmitted case whose
// person consented, each under a current mandate), with a reason; the export is audited with it before
// anything leaves, and every refusal is audited as a denial.

const PERMISSION = 'entraide:access_export';
const NOT_FOUND = "Ce dossier d'entraide n'existe pas ou ne relève pas de votre commission.";

export type AccessExportFile = { format: 'json'; body: TEntraideAccessExport; fileName: string } | { format: 'pdf'; body: Buffer; fileName: string };

function scopeOf(actor: Actor): SQL {
  if (actor.role === 'membre_cne') return isNotNull(entraideCases.escalatedAt);
  if (actor.role === 'membre_cde' && actor.departement) return eq(entraideCases.departement, actor.departement);
  throw new AppError('FORBIDDEN');
}

export async function exportForPerson(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, request: { format: 'json' | 'pdf'; reason: string }): Promise<AccessExportFile> {
  await requireCurrentMandate(deps.database, ctx, actor, PERMISSION);
  const db = deps.database.db;
  const deny = async (entityId: string | null, rule: string) => recordAccessDenial(deps.database, ctx, { entityType: 'entraide_case', entityId, permission: PERMISSION, details: { rule } });

  const [c] = await db.select().from(entraideCases).where(and(eq(entraideCases.id, id), scopeOf(actor)));
  if (!c) {
    await deny(id, 'hors_perimetre');
    throw new AppError('NOT_FOUND', undefined, NOT_FOUND);
  }
  if (actor.role === 'membre_cne' && !c.sealedIdentityCne) {
    await deny(c.id, 'sans_consentement');
    throw new AppError('NOT_FOUND', undefined, "La personne n'a pas consenti à ce que son identité soit connue de la commission nationale : seule sa commission départementale peut répondre à sa demande d'accès.");
  }
  // The reason's rule is the contract's; checked here rather than by the route so a refusal is audited.
  const checked = ZEntraideAccessExportRequest.safeParse(request);
  if (!checked.success) {
    await deny(c.id, 'raison_manquante');
    const issue = checked.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: issue.path.join('.'), message: issue.message }] });
  }

  const detail = await getCase(deps, ctx, actor, c.id);
  const identitySealer = actor.role === 'membre_cne' ? await sealerFor(db, deps.keys, 'cne') : await sealerFor(db, deps.keys, cdeScope(c.departement));
  const sealed = JSON.parse(identitySealer.open(actor.role === 'membre_cne' ? c.sealedIdentityCne! : c.sealedIdentity)) as SealedIdentity;
  const identity: TEntraideIdentity = {
    reference: c.reference,
    beneficiary: definedOnly(sealed.beneficiary),
    requester: sealed.requester,
    contact: definedOnly(sealed.contact),
    message: sealed.message,
  };
  const exported: TEntraideAccessExport = {
    exportedAt: new Date().toISOString(),
    case: detail,
    identity,
    // The case page's list, with the vote: one reading of the decisions for both.
    decisions: detail.decisions,
    cresus: await cresusReferralOf(db, deps.keys, c),
    budgets: (await budgetHistoryOf(db, deps.keys, c, deps.config.entraideRsaFloorCents)).snapshots,
  };

  // Written before the data leaves: an export the journal does not show never happened.
  await recordAudit(db, ctx, { action: 'entraide.access.exported', entityType: 'entraide_case', entityId: c.id, reason: checked.data.reason, details: { reference: c.reference, format: checked.data.format } });
  const fileName = `droit-d-acces-${c.reference}.${checked.data.format}`;
  if (checked.data.format === 'json') return { format: 'json', body: exported, fileName };
  return { format: 'pdf', body: await renderAccessExportPdf(exported), fileName };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
