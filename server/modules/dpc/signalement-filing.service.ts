import { eq } from 'drizzle-orm';
import { screenSignalement, type DriftScreening } from '../../../analysis/dpc/index.js';
import type { TDpcPublicSignalementCreate, TDpcSignalementCreate, TDpcSignalementFiled, TDpcSignalementSubject } from '../../../contracts/dpc-filing.schemas.js';
import {
  DPC_DOCTOR_REPORTER_KINDS,
  DPC_SIGNALEMENT_LIMITS,
  DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS,
  formatDpcSignalementReference,
  type DpcReporterKind,
} from '../../../contracts/dpc-signalements.schemas.js';
import type { Role } from '../../../contracts/roles.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { hasPermission, type Actor } from '../../platform/authz/policy.js';
import { users } from '../../platform/db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { removeAttachments, tooManyFiles, type ReceivedAttachment } from '../reports/index.js';
import { scanEvidence, type ScanStatus } from './signalement-evidence.js';
import { signalementAcknowledgementMail } from './signalement-filing.mail.js';
import * as repo from './signalement-filing.repo.js';

/** Who files: an account (doctor, agent, reviewer) or a patient's relative through the public form. */
export type SignalementFiler = { kind: 'account'; actor: Actor } | { kind: 'public' };
export type SignalementInput = TDpcSignalementCreate | TDpcPublicSignalementCreate;

/** The reporter kinds each role files as; an agent records what someone told them, or raises it themselves. */
const REPORTER_KINDS_OF: Partial<Record<Role, readonly DpcReporterKind[]>> = {
  medecin: DPC_DOCTOR_REPORTER_KINDS,
  agent: ['participant', 'professionnel', 'proche', 'agent'],
  relecteur_dpc: ['relecteur'],
};
const PUBLIC_REPORTER_KINDS: readonly DpcReporterKind[] = ['proche'];
const OLDEST_OCCURRED_ON = '2000-01-01';

interface Identity {
  fullName: string;
  email: string | null;
  phone: string | null;
  profession: string | null;
  relation: string | null;
}

interface Subject {
  actionId: string | null;
  organisationId: string | null;
  label: string;
  rpps: string | null;
}

/** The rules the schema cannot see: the reporter kind for the role, the date against today. */
function checkInput(role: Role | 'public', input: SignalementInput, evidenceCount: number): void {
  const allowed = role === 'public' ? PUBLIC_REPORTER_KINDS : (REPORTER_KINDS_OF[role] ?? []);
  if (!allowed.includes(input.reporterKind)) throw fieldError('reporterKind', 'Vous ne pouvez pas signaler à ce titre depuis votre compte.');
  if (input.occurredOn) {
    if (input.occurredOn > parisDay()) throw fieldError('occurredOn', 'La date ne peut pas être dans le futur.');
    if (input.occurredOn < OLDEST_OCCURRED_ON) throw fieldError('occurredOn', 'La date est trop ancienne.');
  }
  if (evidenceCount > DPC_SIGNALEMENT_LIMITS.evidenceFiles) throw tooManyFiles(DPC_SIGNALEMENT_LIMITS.evidenceFiles);
}

/**
 * The reporter's identity: typed by the relative, or by the agent recording someone else's signalement
 * (name required); else the account's own name and address, with the phone or profession typed.
 */
async function resolveIdentity(deps: ServiceDeps, filer: SignalementFiler, input: SignalementInput): Promise<{ identity: Identity; filedBy: string | null }> {
  const typed = input.reporter;
  const extras = { phone: typed.phone ?? null, profession: ('profession' in typed ? typed.profession : undefined) ?? null, relation: typed.relation ?? null };
  if (filer.kind === 'public') {
    return { identity: { fullName: typed.fullName!, email: typed.email!, ...extras }, filedBy: null };
  }
  const [user] = await deps.database.db.select().from(users).where(eq(users.id, filer.actor.userId));
  if (!user || user.status !== 'active') throw new AppError('FORBIDDEN');
  const recordsSomeoneElse = filer.actor.role === 'agent' && input.reporterKind !== 'agent';
  if (recordsSomeoneElse) {
    if (!typed.fullName) throw fieldError('reporter.fullName', 'Saisissez le nom de la personne qui fait le signalement.');
    return { identity: { fullName: typed.fullName, email: typed.email ?? null, ...extras }, filedBy: user.id };
  }
  if (typed.fullName !== undefined) throw fieldError('reporter.fullName', 'Votre nom est celui de votre compte : ne le saisissez pas.');
  if (typed.email !== undefined) throw fieldError('reporter.email', 'Votre adresse est celle de votre compte : ne la saisissez pas.');
  return { identity: { fullName: user.displayName.slice(0, DPC_SIGNALEMENT_LIMITS.fullName), email: user.email, ...extras }, filedBy: user.id };
}

/** The catalogue entries named, their label; an unknown id is a field error, never a half-linked row. */
async function resolveSubject(deps: ServiceDeps, subject: TDpcSignalementSubject): Promise<Subject> {
  const db = deps.database.db;
  const label = (text: string) => text.slice(0, DPC_SIGNALEMENT_LIMITS.subjectLabel);
  switch (subject.kind) {
    case 'action': {
      const action = await repo.findActionSubject(db, subject.actionId);
      if (!action) throw fieldError('subject.actionId', 'Cette action de formation ne figure pas au catalogue DPC.');
      return { actionId: subject.actionId, organisationId: action.organisationId, label: label(action.title), rpps: null };
    }
    case 'organisation': {
      if (subject.organisationId === undefined) return { actionId: null, organisationId: null, label: label(subject.name!), rpps: null };
      const name = await repo.findOrganisationName(db, subject.organisationId);
      if (name === null) throw fieldError('subject.organisationId', 'Cet organisme ne figure pas au catalogue DPC.');
      return { actionId: null, organisationId: subject.organisationId, label: label(name), rpps: null };
    }
    case 'praticien':
      return { actionId: null, organisationId: null, label: label(subject.name), rpps: subject.rpps ?? null };
  }
}

interface Prepared {
  input: SignalementInput;
  identity: Identity;
  filedBy: string | null;
  subject: Subject;
  screening: DriftScreening;
  scanStatuses: ScanStatus[];
}

/** The reference, the signalement, its reporter, evidence, journal event and audit entry: one transaction. */
async function insertFiled(deps: ServiceDeps, ctx: AuditContext, p: Prepared, evidence: readonly ReceivedAttachment[]) {
  const { input, screening, subject } = p;
  return deps.database.db.transaction(async (tx) => {
    const year = Number(parisDay().slice(0, 4));
    const reference = formatDpcSignalementReference(year, await repo.nextSequence(tx, year));
    const row = await repo.insertSignalement(tx, {
      reference,
      kind: input.kind,
      reporterKind: input.reporterKind,
      subjectKind: input.subject.kind,
      actionId: subject.actionId,
      organisationId: subject.organisationId,
      subjectLabel: subject.label,
      practitionerRpps: subject.rpps,
      departement: input.departement ?? null,
      occurredOn: input.occurredOn ?? null,
      facts: input.facts,
      status: 'nouveau',
      lexiconVersion: screening.lexiconVersion,
      lexiconFingerprint: screening.lexiconFingerprint,
      score: screening.score,
      priority: screening.priority,
      findings: screening.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e })) })),
      concernsHealth: input.concernsHealth,
      filedBy: p.filedBy,
    });
    await repo.insertReporter(tx, { signalementId: row.id, ...p.identity });
    await repo.insertEvidence(
      tx,
      evidence.map((file, i) => ({
        signalementId: row.id,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.key,
        scanStatus: p.scanStatuses[i]!,
      })),
    );
    await repo.insertEvent(tx, { signalementId: row.id, kind: 'depose', actorId: p.filedBy, details: { evidenceCount: evidence.length } });
    // Ids and vocabulary only: the reporter and the facts stay in their tables.
    await recordAudit(tx, ctx, {
      action: 'dpc.signalement.filed',
      entityType: 'dpc_signalement',
      entityId: row.id,
      details: { reference, kind: input.kind, reporterKind: input.reporterKind, subjectKind: input.subject.kind, priority: screening.priority, evidenceCount: evidence.length },
    });
    return row;
  });
}

/**
 * Files a DPC signalement: checks the reporter kind against the role (or the public door), the date,
 * the subject against the catalogue; scans the evidence already streamed into the store; screens the
 * facts (screenSignalement); then writes the signalement, its reporter, evidence, the journal's
 * `depose` and the audit entry `dpc.signalement.filed` in one transaction, and mails the reporter an
 * acknowledgement after commit. Throws VALIDATION_FAILED (field named), UPLOAD_REJECTED,
 * SERVICE_UNAVAILABLE (antivirus down), FORBIDDEN (no permission, disabled account). On any failure
 * every evidence file is removed from the store: no file outlives its row.
 */
export async function fileDpcSignalement(
  deps: ServiceDeps,
  ctx: AuditContext,
  filer: SignalementFiler,
  input: SignalementInput,
  evidence: readonly ReceivedAttachment[],
): Promise<TDpcSignalementFiled> {
  let row;
  let identity: Identity;
  try {
    if (filer.kind === 'account' && !hasPermission(filer.actor.role, 'active', 'dpc:signalement_file')) throw new AppError('FORBIDDEN');
    checkInput(filer.kind === 'public' ? 'public' : filer.actor.role, input, evidence.length);
    const resolved = await resolveIdentity(deps, filer, input);
    identity = resolved.identity;
    const subject = await resolveSubject(deps, input.subject);
    const scanStatuses = await scanEvidence(deps, ctx, evidence);
    const screening = screenSignalement(input.facts);
    row = await insertFiled(deps, ctx, { input, identity, filedBy: resolved.filedBy, subject, screening, scanStatuses }, evidence);
  } catch (err) {
    await removeAttachments(deps, evidence);
    throw err;
  }
  // Committed: a lost acknowledgement must not make the reporter file again (the reference is on screen).
  if (identity.email) {
    const followUrl = filer.kind === 'account' && hasPermission(filer.actor.role, 'active', 'dpc:signalement_read_own') ? `${deps.config.publicUrl}/vigilance-dpc/mes-signalements` : null;
    await deps.outbox.queue(signalementAcknowledgementMail(identity.email, row.reference, followUrl)).catch(() => undefined);
  }
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    publicStatusLabel: DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS[row.status],
    screened: { priority: row.priority, findingsCount: row.findings.length },
  };
}
