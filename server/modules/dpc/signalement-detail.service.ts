import type { Readable } from 'node:stream';
import type { TDpcReporter, TDpcSignalementDetail } from '../../../contracts/dpc-workflow.schemas.js';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import type { DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { isDesignatedReviewer, isTriageAgent, loadVisibleSignalement } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';
import { screenedTextOf } from './programme-screener.js';

// Reading a signalement: its detail (never the reporter), the reporter's identity on its own route,
// and its evidence files. Each read is confidential and audited.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the actor may do on the signalement now; the services decide again on each action. */
export function allowedActions(actor: Actor, row: DpcSignalementRow): TDpcSignalementDetail['can'] {
  const agent = isTriageAgent(actor);
  const open = row.status === 'nouveau' || row.status === 'en_revue' || row.status === 'avis_rendu';
  return {
    triage: agent && (row.status === 'nouveau' || row.status === 'en_revue'),
    review: isDesignatedReviewer(actor, row) && (row.status === 'en_revue' || row.status === 'avis_rendu'),
    invite: agent && open,
    closeContradictory: agent && row.status === 'contradictoire',
    decide: agent && open,
    decideTransmission: agent && row.status === 'avis_rendu',
    revealReporter: ROLE_PERMISSIONS[actor.role].includes('dpc:reporter_identity'),
  };
}

async function subjectOf(db: Executor, row: DpcSignalementRow): Promise<Pick<TDpcSignalementDetail, 'action' | 'organisation'>> {
  const found = row.actionId ? await repo.findAction(db, row.actionId) : null;
  const organisation = found?.organisation ?? (row.organisationId ? await repo.findOrganisation(db, row.organisationId) : null);
  return {
    organisation: organisation ? { name: organisation.name, registrationNumber: organisation.registrationNumber, contactEmail: organisation.contactEmail } : null,
    action: found
      ? {
          id: found.action.id,
          reference: found.action.reference,
          title: found.action.title,
          programme: found.action.programme,
          screening: found.screening
            ? { score: found.screening.score, priority: found.screening.priority, lexiconVersion: found.screening.lexiconVersion, findings: found.screening.findings, screenedText: screenedTextOf(found.action) }
            : null,
        }
      : null,
  };
}

async function buildDetail(db: Executor, actor: Actor, row: DpcSignalementRow): Promise<TDpcSignalementDetail> {
  const [subject, evidence, events, reviews, invitations, reviewerName, decidedByName] = await Promise.all([
    subjectOf(db, row),
    repo.listEvidence(db, row.id),
    repo.listEvents(db, row.id),
    repo.listReviews(db, row.id),
    repo.listInvitations(db, row.id),
    repo.displayNameOf(db, row.reviewerId),
    repo.displayNameOf(db, row.decidedBy),
  ]);
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    subjectKind: row.subjectKind,
    subjectLabel: row.subjectLabel,
    practitionerRpps: row.practitionerRpps,
    departement: row.departement,
    occurredOn: row.occurredOn,
    facts: row.facts,
    findings: row.findings,
    score: row.score,
    priority: row.priority,
    lexiconVersion: row.lexiconVersion,
    concernsHealth: row.concernsHealth,
    status: row.status,
    statusBeforeContradictory: row.statusBeforeContradictory,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    reviewer: row.reviewerId ? { id: row.reviewerId, displayName: reviewerName ?? '' } : null,
    ...subject,
    evidence: evidence.map((e) => ({ id: e.id, fileName: e.fileName, mediaType: e.mediaType, sizeBytes: e.sizeBytes, scanStatus: e.scanStatus })),
    // The filing's actor is the reporter when they filed from their own account: naming it would give their
    // identity away without the traced reveal, so the journal never names who filed.
    events: events.map((e) => ({ id: e.id, kind: e.kind, actorName: e.kind === 'depose' ? null : e.actorName, note: e.note, at: e.at.toISOString() })),
    reviews: reviews.map(({ review, reviewerName: name }) => ({
      id: review.id,
      reviewerName: name,
      opinion: review.opinion,
      recommendedOutcomes: review.recommendedOutcomes,
      confirmedRuleIds: review.confirmedRuleIds,
      createdAt: review.createdAt.toISOString(),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      recipientEmail: i.recipientEmail,
      statement: i.statement,
      dueOn: i.dueOn,
      invitedAt: i.invitedAt.toISOString(),
      answer: i.answer,
      answeredAt: iso(i.answeredAt),
      closedAt: iso(i.closedAt),
    })),
    decision: row.decisionOutcomes ? { outcomes: row.decisionOutcomes, reason: row.decisionReason, decidedAt: iso(row.decidedAt), decidedByName } : null,
    can: allowedActions(actor, row),
  };
}

/**
 * A signalement as the council reads it — facts and findings, the catalogue action and its screening,
 * evidence, journal, reviews, contradictory step, decision — without its reporter. Audited
 * `dpc.signalement.read`. Throws NOT_FOUND (unknown or out of scope, the latter audited).
 */
export async function getSignalement(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, permission: 'dpc:signalement_triage' | 'dpc:signalement_review'): Promise<TDpcSignalementDetail> {
  const row = await loadVisibleSignalement(deps.database, ctx, actor, id, permission);
  return deps.database.db.transaction(async (tx) => {
    const detail = await buildDetail(tx, actor, row);
    await recordAudit(tx, ctx, { action: 'dpc.signalement.read', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference } });
    return detail;
  });
}

/**
 * Who reported, for an agent in scope or the designated reviewer; each read audited
 * `dpc.signalement.reporter_read` with the reference only. Throws NOT_FOUND.
 */
export async function readReporter(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TDpcReporter> {
  const row = await loadVisibleSignalement(deps.database, ctx, actor, id, 'dpc:reporter_identity');
  return deps.database.db.transaction(async (tx) => {
    const reporter = await repo.findReporter(tx, row.id);
    if (!reporter) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'dpc.signalement.reporter_read', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference } });
    return { reporterKind: row.reporterKind, fullName: reporter.fullName, email: reporter.email, phone: reporter.phone, profession: reporter.profession, relation: reporter.relation };
  });
}

/**
 * One evidence file as a stream from the upload store, audited `dpc.signalement.evidence_read`.
 * Throws NOT_FOUND (signalement out of scope, file not of this signalement, bytes missing).
 */
export async function readEvidence(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, evidenceId: string, permission: 'dpc:signalement_triage' | 'dpc:signalement_review') {
  const row = await loadVisibleSignalement(deps.database, ctx, actor, id, permission);
  const evidence = await repo.findEvidence(deps.database.db, row.id, evidenceId);
  if (!evidence) throw new AppError('NOT_FOUND');
  const content: Readable = await deps.uploads.open(evidence.storageKey).catch(() => {
    throw new AppError('NOT_FOUND');
  });
  try {
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, ctx, { action: 'dpc.signalement.evidence_read', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference, evidenceId: evidence.id, sha256: evidence.sha256 } }),
    );
  } catch (err) {
    content.destroy();
    throw err;
  }
  return { evidence, content };
}
