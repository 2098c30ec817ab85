import { asc, eq } from 'drizzle-orm';
import type { CresusReferralStatus, EntraideNature, TCresusActionEntry, TCresusReferral, TCresusReferralView } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { KeyProvider } from '../../platform/crypto/key-provider.js';
import type { Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideCaseEvents, entraideCases, entraideCresusActions, entraideCresusReferrals } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { caseInScope, latestResteAVivreCents } from './budgets.service.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { requireCurrentMandate } from './entraide.policy.js';
import type { SealedIdentity } from './sealed-identity.js';

// The referral to Crésus (docs/entraide.md « Crésus and the budget tool »). Seed 002: « le CNOM fait la
// prescription » — the CNE refers, on a case transmitted to it, with the person's consent, and by name
// only if the person agreed that the CNE know their identity (the CNE copy sealed at escalation). What
// is handed to Crésus — name, the contact details the person agreed to share, natures, the latest reste
// à vivre — is sealed under the case's CDE key like the rest of the case, so both commissions read it.

type CaseRow = typeof entraideCases.$inferSelect;

/** What Crésus receives, sealed in `entraide_cresus_referrals.sealed_payload`. */
interface CresusPayload {
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  natures: EntraideNature[];
  resteAVivreCents: number | null;
}

const NOT_TRANSMITTED =
  "Ce dossier n'existe pas ou n'a pas été transmis à la commission nationale : l'orientation vers Crésus est prescrite par la commission nationale, sur un dossier qu'elle a reçu.";
const CNE_ONLY = "Seule la commission nationale d'entraide prescrit l'orientation vers Crésus.";
const NO_IDENTITY_CONSENT =
  "La personne n'a pas consenti à ce que la commission nationale connaisse son identité : Crésus ne peut pas la contacter par son nom. La commission départementale doit d'abord recueillir ce consentement.";

/** Only a CNE member refers or records Crésus' actions, whatever calls the service. */
function requireCne(actor: Actor): void {
  if (actor.role !== 'membre_cne') throw new AppError('FORBIDDEN', undefined, CNE_ONLY);
}

/** The case's referral with its actions, opened; null before any. Neither authorizes nor audits. */
export async function cresusReferralOf(db: Executor, keys: KeyProvider, c: Pick<CaseRow, 'id' | 'departement'>): Promise<TCresusReferralView | null> {
  const [referral] = await db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, c.id));
  if (!referral) return null;
  const actions = await db
    .select({ id: entraideCresusActions.id, action: entraideCresusActions.action, occurredOn: entraideCresusActions.occurredOn, sealedNote: entraideCresusActions.sealedNote, recordedByName: users.displayName })
    .from(entraideCresusActions)
    .leftJoin(users, eq(users.id, entraideCresusActions.recordedBy))
    .where(eq(entraideCresusActions.referralId, referral.id))
    .orderBy(asc(entraideCresusActions.occurredOn), asc(entraideCresusActions.createdAt), asc(entraideCresusActions.id));
  const sealer = await sealerFor(db, keys, cdeScope(c.departement));
  return {
    id: referral.id,
    status: referral.status,
    consentRecordedAt: referral.consentRecordedAt.toISOString(),
    referredAt: referral.referredAt.toISOString(),
    shared: JSON.parse(sealer.open(referral.sealedPayload)) as CresusPayload,
    actions: actions.map((a) => ({ id: a.id, action: a.action, occurredOn: a.occurredOn, note: a.sealedNote ? sealer.open(a.sealedNote) : '', recordedByName: a.recordedByName })),
  };
}

/**
 * Refers a transmitted case to Crésus with the person's consent (the schema demands it): seals what
 * Crésus needs, writes the journal's `orientation_cresus` entry and the audit entry
 * `entraide.cresus.referred` (pseudonym only) in one transaction. Throws FORBIDDEN (not a CNE member in
 * office), NOT_FOUND (not transmitted, or no such case), INVALID_STATE (no identity consent for the
 * CNE — audited as a denial —, a closed case, a second referral), VALIDATION_FAILED (a contact detail to
 * share that the person never gave).
 */
export async function referToCresus(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCresusReferral): Promise<TCresusReferralView> {
  requireCne(actor);
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:cresus_refer');
  const db = deps.database.db;
  // Checked before the transaction so that the refusal can be audited (PGlite has one connection);
  // the CNE copy of the identity is written once, at escalation, and never changes afterwards.
  const seen = await caseInScope(db, actor, id, { lock: false, message: NOT_TRANSMITTED });
  if (seen.sealedIdentityCne === null) {
    await recordAccessDenial(deps.database, ctx, { entityType: 'entraide_case', entityId: seen.id, permission: 'entraide:cresus_refer', details: { rule: 'identite_non_partagee_cne' } });
    throw new AppError('INVALID_STATE', undefined, NO_IDENTITY_CONSENT);
  }
  return db.transaction(async (tx) => {
    const c = await caseInScope(tx, actor, id, { lock: true, message: NOT_TRANSMITTED });
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, "Ce dossier est clos : rouvrez-le avant de l'orienter vers Crésus.");
    const [existing] = await tx.select({ id: entraideCresusReferrals.id }).from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, c.id));
    if (existing) throw new AppError('INVALID_STATE', undefined, "Ce dossier est déjà orienté vers Crésus : inscrivez plutôt les actions de l'accompagnement.");

    if (c.sealedIdentityCne === null) throw new AppError('INVALID_STATE', undefined, NO_IDENTITY_CONSENT);
    const identity = JSON.parse((await sealerFor(tx, deps.keys, 'cne')).open(c.sealedIdentityCne)) as SealedIdentity;
    const { phone, email } = identity.contact;
    if (input.sharePhone && !phone) throw fieldError('sharePhone', "La personne n'a pas donné de numéro de téléphone : il n'y en a pas à transmettre.");
    if (input.shareEmail && !email) throw fieldError('shareEmail', "La personne n'a pas donné d'adresse électronique : il n'y en a pas à transmettre.");
    const payload: CresusPayload = {
      firstName: identity.beneficiary.firstName,
      lastName: identity.beneficiary.lastName,
      ...(input.sharePhone && phone ? { phone } : {}),
      ...(input.shareEmail && email ? { email } : {}),
      natures: c.natures,
      resteAVivreCents: await latestResteAVivreCents(tx, deps.keys, c, deps.config.entraideRsaFloorCents),
    };

    const sealer = await sealerFor(tx, deps.keys, cdeScope(c.departement));
    const now = new Date();
    await tx.insert(entraideCresusReferrals).values({ caseId: c.id, consentRecordedAt: now, sealedPayload: sealer.seal(JSON.stringify(payload)), referredBy: actor.userId, referredAt: now });
    const shared = ['nom et prénom', ...(payload.phone ? ['téléphone'] : []), ...(payload.email ? ['adresse électronique'] : []), 'natures de la difficulté', ...(payload.resteAVivreCents !== null ? ['reste à vivre'] : [])];
    const text = `Orientation vers Crésus, avec le consentement de la personne. Transmis : ${shared.join(', ')}.${input.note ? `\n\n${input.note}` : ''}`;
    await tx.insert(entraideCaseEvents).values({ caseId: c.id, kind: 'orientation_cresus', sealedBody: sealer.seal(text), occurredAt: now, authorId: actor.userId });
    await tx.update(entraideCases).set({ lastActivityAt: now }).where(eq(entraideCases.id, c.id));
    await recordAudit(tx, ctx, { action: 'entraide.cresus.referred', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference } });
    return (await cresusReferralOf(tx, deps.keys, c))!;
  });
}

/**
 * Records what Crésus did (note sealed), moving the referral's status to `input.status` — or, when none
 * is given, from « orientée » to « en accompagnement », since Crésus has begun — audited
 * `entraide.cresus.action_recorded`. Throws FORBIDDEN, NOT_FOUND, INVALID_STATE (no referral, a closed
 * case), VALIDATION_FAILED (a day in the future or before the referral).
 */
export async function recordCresusAction(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCresusActionEntry): Promise<TCresusReferralView> {
  requireCne(actor);
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:cresus_refer');
  if (input.occurredOn > parisDay()) throw fieldError('occurredOn', "Une action de Crésus ne peut pas être datée dans l'avenir.");
  return deps.database.db.transaction(async (tx) => {
    const c = await caseInScope(tx, actor, id, { lock: true, message: NOT_TRANSMITTED });
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le pour y inscrire une action de Crésus.');
    const [referral] = await tx.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, c.id));
    if (!referral) throw new AppError('INVALID_STATE', undefined, "Ce dossier n'est pas orienté vers Crésus : orientez-le d'abord.");
    const referredOn = parisDay(referral.referredAt);
    if (input.occurredOn < referredOn) throw fieldError('occurredOn', `Une action de Crésus ne peut pas précéder l'orientation (${referredOn.split('-').reverse().join('/')}).`);

    const sealer = await sealerFor(tx, deps.keys, cdeScope(c.departement));
    await tx.insert(entraideCresusActions).values({ referralId: referral.id, action: input.action, occurredOn: input.occurredOn, sealedNote: input.note ? sealer.seal(input.note) : null, recordedBy: actor.userId });
    const status: CresusReferralStatus = input.status ?? (referral.status === 'orientee' ? 'en_accompagnement' : referral.status);
    if (status !== referral.status) await tx.update(entraideCresusReferrals).set({ status }).where(eq(entraideCresusReferrals.id, referral.id));
    await tx.update(entraideCases).set({ lastActivityAt: new Date() }).where(eq(entraideCases.id, c.id));
    await recordAudit(tx, ctx, { action: 'entraide.cresus.action_recorded', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference, action: input.action, status } });
    return (await cresusReferralOf(tx, deps.keys, c))!;
  });
}

/**
 * The case's referral for a member who may read the case (its CDE; the CNE once transmitted), audited
 * as a read of the case (`section: 'cresus'`), referral or not.
 */
export async function getCresusReferral(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<{ referral: TCresusReferralView | null }> {
  await requireCurrentMandate(deps.database, ctx, actor, 'entraide:case_read');
  const db = deps.database.db;
  const c = await caseInScope(db, actor, id, { lock: false });
  await recordAudit(db, ctx, { action: 'entraide.case.read', entityType: 'entraide_case', entityId: c.id, details: { reference: c.reference, section: 'cresus' } });
  return { referral: await cresusReferralOf(db, deps.keys, c) };
}
