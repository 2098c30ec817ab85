import { createHash } from 'node:crypto';
import {
  DPC_TRANSMISSION_OUTCOMES,
  DPC_TRANSMISSION_PARTNER_PHRASES,
  DPC_TRANSMISSION_PARTNERS,
  ZDpcPackage,
  type TDpcExchangeCreate,
  type TDpcExchangeEntry,
  type TDpcExchangeLog,
  type TDpcPackage,
  type TDpcPackageCreate,
} from '../../../contracts/dpc-exchanges.schemas.js';
import { DPC_EXCHANGE_KIND_LABELS, DPC_PARTNER_LABELS } from '../../../contracts/dpc-signalements.schemas.js';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import type { DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './dpc-exchanges.repo.js';
import { buildPackage, packageFileBaseName } from './dpc-package.js';
import { renderPackagePdf } from './dpc-package-pdf.js';
import { canSeeSignalement, NOT_FOUND_MESSAGE } from './dpc-signalement.policy.js';

// The exchange log of a signalement with the ANDPC and the MIVILUDES (docs/dpc-signalements.md
// « Exchanges »): packages prepared for a decided transmission, and what the partners answered.

type ExchangeRow = Awaited<ReturnType<typeof repo.insertExchange>>;

/**
 * The signalement if the actor may handle its exchanges: agents holding dpc:exchange, national ones for
 * all, departmental ones for the facts of their département. NOT_FOUND otherwise, as if it did not exist.
 */
export async function loadSignalementForExchanges(tx: Executor, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<DpcSignalementRow> {
  if (!ROLE_PERMISSIONS[actor.role].includes('dpc:exchange')) throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
  const signalement = await repo.findSignalement(tx, id, options);
  // The workflow's scope (dpc-signalement.policy.ts): exchanges are an agent's, within their département.
  if (!signalement || !canSeeSignalement(actor, signalement)) throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
  return signalement;
}

function toEntry(row: ExchangeRow, recordedBy: string, reference: string): TDpcExchangeEntry {
  return {
    id: row.id,
    partner: row.partner,
    partnerLabel: DPC_PARTNER_LABELS[row.partner],
    direction: row.direction,
    kind: row.kind,
    kindLabel: DPC_EXCHANGE_KIND_LABELS[row.kind],
    summary: row.summary,
    partnerReference: row.partnerReference,
    occurredAt: row.occurredAt.toISOString(),
    recordedBy,
    package: row.kind === 'envoi' && row.packagePdfSha256 ? { sha256: row.packagePdfSha256, fileBaseName: packageFileBaseName(reference, row.partner) } : null,
    acknowledged: row.kind === 'envoi' ? row.acknowledgedBy !== null : null,
    acknowledgedBy: row.acknowledgedBy,
    acknowledges: null,
  };
}

/** The log, oldest first, and the decided transmissions not sent yet (with the facts to pre-fill). Audited read. */
export async function readExchangeLog(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TDpcExchangeLog> {
  return deps.database.db.transaction(async (tx) => {
    const signalement = await loadSignalementForExchanges(tx, actor, id);
    const rows = await repo.listExchanges(tx, id);
    const entries = rows.map((r) => toEntry(r.exchange, r.recordedBy, signalement.reference));
    const acknowledgedBy = new Map(entries.filter((e) => e.acknowledgedBy).map((e) => [e.acknowledgedBy!, e.id]));
    for (const entry of entries) entry.acknowledges = acknowledgedBy.get(entry.id) ?? null;
    const sent = new Set(entries.filter((e) => e.kind === 'envoi').map((e) => e.partner));
    const outcomes = signalement.decisionOutcomes ?? [];
    const pending = DPC_TRANSMISSION_PARTNERS.filter((partner) => outcomes.includes(DPC_TRANSMISSION_OUTCOMES[partner]) && !sent.has(partner)).map((partner) => ({
      partner,
      partnerLabel: DPC_PARTNER_LABELS[partner],
      outcome: DPC_TRANSMISSION_OUTCOMES[partner],
      draftFacts: signalement.facts,
    }));
    // The raw facts leave the database for the draft: a confidential read.
    await recordAudit(tx, ctx, { action: 'dpc.signalement.read', entityType: 'dpc_signalement', entityId: id, details: { reference: signalement.reference, view: 'echanges', draftFacts: pending.length > 0 } });
    return { signalementId: id, reference: signalement.reference, entries, pending };
  });
}

function requireTransmission(signalement: DpcSignalementRow, partner: (typeof DPC_TRANSMISSION_PARTNERS)[number]): void {
  if (signalement.status !== 'decide' || !(signalement.decisionOutcomes ?? []).includes(DPC_TRANSMISSION_OUTCOMES[partner])) {
    throw new AppError('INVALID_STATE', undefined, `La décision prise sur ce signalement ne prévoit pas de transmission à ${DPC_TRANSMISSION_PARTNER_PHRASES[partner]} : le dossier ne peut pas être préparé.`);
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Prepares and records the package (JSON and PDF) for a transmission the decision provides for.
 * Throws NOT_FOUND (out of scope), INVALID_STATE (no such transmission decided), STALE_VERSION (the
 * signalement changed while the PDF was being made). The PDF is rendered outside the transaction; the
 * package is built again under the row lock and must be the same, so what is recorded is what was rendered.
 */
export async function createPackage(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcPackageCreate): Promise<TDpcExchangeEntry> {
  const db = deps.database.db;
  const before = await loadSignalementForExchanges(db, actor, id);
  requireTransmission(before, body.partner);
  const generatedAt = new Date().toISOString();
  const input = { partner: body.partner, sharedFacts: body.sharedFacts, sender: deps.config.site.publisher, generatedAt };
  const pkg = await buildPackage(db, { ...input, signalement: before });
  const pdf = await renderPackagePdf(pkg);
  const pdfSha256 = sha256(pdf);

  return db.transaction(async (tx) => {
    const signalement = await loadSignalementForExchanges(tx, actor, id, { lock: true });
    requireTransmission(signalement, body.partner);
    const again = await buildPackage(tx, { ...input, signalement });
    if (JSON.stringify(again) !== JSON.stringify(pkg)) throw new AppError('STALE_VERSION');
    const row = await repo.insertExchange(tx, {
      signalementId: id,
      partner: body.partner,
      direction: 'sortant',
      kind: 'envoi',
      summary: null,
      package: pkg,
      packagePdfSha256: pdfSha256,
      occurredAt: new Date(generatedAt),
      recordedBy: actor.userId,
    });
    await repo.insertPackagePdf(tx, row.id, pdf);
    await repo.insertEvent(tx, id, 'envoi', actor.userId, { exchangeId: row.id, partner: body.partner, sha256: pdfSha256 });
    await recordAudit(tx, ctx, { action: 'dpc.exchange.package_created', entityType: 'dpc_exchange', entityId: row.id, details: { reference: signalement.reference, partner: body.partner, sha256: pdfSha256 } });
    const [recorder] = (await repo.listExchanges(tx, id)).filter((r) => r.exchange.id === row.id);
    return toEntry(row, recorder!.recordedBy, signalement.reference);
  });
}

/** « Future » leaves a minute for clocks that differ between the agent's computer and the server. */
const FUTURE_TOLERANCE_MS = 60_000;
const invalidField = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/**
 * Records a partner's acknowledgement, answer or status update, or a reminder. With `acknowledges`, the
 * outgoing package to the same partner is marked acknowledged. Throws NOT_FOUND, VALIDATION_FAILED
 * (future date, acknowledgement of something that is not a package to that partner), INVALID_STATE
 * (the package is already acknowledged).
 */
export async function recordExchange(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcExchangeCreate): Promise<TDpcExchangeEntry> {
  const occurredAt = body.occurredAt ? new Date(body.occurredAt) : new Date();
  if (occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw invalidField('occurredAt', 'La date de l’échange ne peut pas être dans le futur.');
  if (body.acknowledges && body.kind !== 'accuse_reception') throw invalidField('acknowledges', 'Seul un accusé de réception se rapporte à un envoi.');
  if (body.acknowledges && body.direction !== 'entrant') throw invalidField('direction', 'Un accusé de réception d’un envoi du conseil est reçu du partenaire (sens « entrant »).');

  return deps.database.db.transaction(async (tx) => {
    const signalement = await loadSignalementForExchanges(tx, actor, id, { lock: true });
    const envoi = body.acknowledges ? await repo.findExchange(tx, body.acknowledges, { lock: true }) : null;
    if (body.acknowledges) {
      if (!envoi || envoi.signalementId !== id || envoi.kind !== 'envoi' || envoi.partner !== body.partner) {
        throw invalidField('acknowledges', 'Cet envoi n’existe pas pour ce signalement et ce partenaire.');
      }
      if (envoi.acknowledgedBy) throw new AppError('INVALID_STATE', undefined, 'Cet envoi a déjà un accusé de réception enregistré.');
    }
    const row = await repo.insertExchange(tx, {
      signalementId: id,
      partner: body.partner,
      direction: body.direction,
      kind: body.kind,
      summary: body.summary,
      partnerReference: body.partnerReference ?? null,
      occurredAt,
      recordedBy: actor.userId,
    });
    if (envoi) await repo.markAcknowledged(tx, envoi.id, row.id);
    await repo.insertEvent(tx, id, 'echange', actor.userId, { exchangeId: row.id, partner: body.partner, kind: body.kind, direction: body.direction, acknowledges: envoi?.id ?? null });
    await recordAudit(tx, ctx, {
      action: 'dpc.exchange.recorded',
      entityType: 'dpc_exchange',
      entityId: row.id,
      details: { reference: signalement.reference, partner: body.partner, kind: body.kind, direction: body.direction, acknowledges: envoi?.id ?? null },
    });
    const [recorder] = (await repo.listExchanges(tx, id)).filter((r) => r.exchange.id === row.id);
    return { ...toEntry(row, recorder!.recordedBy, signalement.reference), acknowledges: envoi?.id ?? null };
  });
}

export type PackageFile =
  | { format: 'json'; fileName: string; body: TDpcPackage }
  /** `verified`: whether the bytes (kept at sending, or made again from the stored JSON for a package sent before they were kept) hash to the fingerprint kept at sending. */
  | { format: 'pdf'; fileName: string; body: Buffer; verified: boolean };

/**
 * A sent package, as JSON or as its PDF byte for byte as sent (made again from the stored JSON for a
 * package sent before the PDFs were kept, migration 0031). Audited. Throws NOT_FOUND (unknown, not a
 * package, out of scope).
 */
export async function downloadPackage<F extends PackageFile['format']>(deps: ServiceDeps, ctx: AuditContext, actor: Actor, exchangeId: string, format: F): Promise<Extract<PackageFile, { format: F }>> {
  const db = deps.database.db;
  const exchange = await repo.findExchange(db, exchangeId);
  if (!exchange || exchange.kind !== 'envoi' || !exchange.package) throw new AppError('NOT_FOUND');
  const signalement = await loadSignalementForExchanges(db, actor, exchange.signalementId);
  const pkg: TDpcPackage = ZDpcPackage.parse(exchange.package);
  const base = packageFileBaseName(signalement.reference, exchange.partner);
  let file: PackageFile;
  if (format === 'json') file = { format, fileName: `${base}.json`, body: pkg };
  else {
    const pdf = (await repo.findPackagePdf(db, exchange.id)) ?? (await renderPackagePdf(pkg));
    file = { format, fileName: `${base}.pdf`, body: pdf, verified: sha256(pdf) === exchange.packagePdfSha256 };
  }
  await recordAudit(db, ctx, {
    action: 'dpc.exchange.package_downloaded',
    entityType: 'dpc_exchange',
    entityId: exchange.id,
    details: { reference: signalement.reference, partner: exchange.partner, format, ...(file.format === 'pdf' ? { sha256Verified: file.verified } : {}) },
  });
  return file as Extract<PackageFile, { format: F }>;
}
