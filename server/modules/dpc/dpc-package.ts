import { screenSignalement } from '../../../analysis/dpc/index.js';
import { DPC_ACTION_FORMAT_LABELS, DPC_PRIORITY_LABELS, type DpcPriority } from '../../../contracts/dpc.schemas.js';
import {
  DPC_PACKAGE_FORMAT,
  type DpcTransmissionPartner,
  type TDpcPackage,
} from '../../../contracts/dpc-exchanges.schemas.js';
import {
  DPC_DECISION_OUTCOME_LABELS,
  DPC_PARTNER_LABELS,
  DPC_SIGNALEMENT_KIND_LABELS,
  DPC_SUBJECT_KIND_LABELS,
  type DpcDecisionOutcome,
} from '../../../contracts/dpc-signalements.schemas.js';
import { REGION_LABELS, regionOfDepartement } from '../../../contracts/regions.js';
import type { Executor } from '../../platform/db/client.js';
import type { StoredDriftFinding } from '../../platform/db/schema-dpc.js';
import type { DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import { loadPackageParts } from './dpc-exchanges.repo.js';

// The package for the ANDPC or the MIVILUDES, as JSON (its PDF is rendered from it by dpc-package-pdf.ts).
// Built from the signalement, the catalogue, the reviews, the evidence list, the contradictory step and
// the facts as the agent rewrote them for sharing. By construction it never holds the reporter's identity
// (that table is not read), the account that filed it, a reviewer's name, an evidence file's name or the
// raw facts.

const labelled = (outcomes: readonly DpcDecisionOutcome[]) => outcomes.map((outcome) => ({ outcome, label: DPC_DECISION_OUTCOME_LABELS[outcome] }));

type ScreenedFinding = Omit<StoredDriftFinding, 'evidence'> & { evidence: readonly StoredDriftFinding['evidence'][number][] };

function screeningOf(s: { lexiconVersion: string; score: number; priority: DpcPriority; findings: readonly ScreenedFinding[] }): TDpcPackage['screening'] {
  return {
    lexiconVersion: s.lexiconVersion,
    score: s.score,
    priority: s.priority,
    priorityLabel: DPC_PRIORITY_LABELS[s.priority],
    findings: s.findings.map((f) => ({
      ruleId: f.ruleId,
      family: f.family,
      familyLabel: f.familyLabel,
      explanation: f.explanation,
      evidence: f.evidence.map((e) => ({ start: e.start, end: e.end, text: e.text })),
    })),
  };
}

export interface PackageInput {
  signalement: DpcSignalementRow;
  partner: DpcTransmissionPartner;
  sharedFacts: string;
  sender: string;
  generatedAt: string;
}

/** Builds a package's JSON; reads with `tx`, so that it can be built again inside the sending transaction. */
export async function buildPackage(tx: Executor, input: PackageInput): Promise<TDpcPackage> {
  const s = input.signalement;
  const parts = await loadPackageParts(tx, s);
  const region = s.departement ? regionOfDepartement(s.departement) : null;
  const action = parts.action?.action ?? null;
  const programme = parts.action?.screening ?? null;
  return {
    format: DPC_PACKAGE_FORMAT,
    generatedAt: input.generatedAt,
    sender: input.sender,
    recipient: { partner: input.partner, label: DPC_PARTNER_LABELS[input.partner] },
    reference: s.reference,
    kind: s.kind,
    kindLabel: DPC_SIGNALEMENT_KIND_LABELS[s.kind],
    subject: {
      kind: s.subjectKind,
      kindLabel: DPC_SUBJECT_KIND_LABELS[s.subjectKind],
      label: s.subjectLabel,
      practitionerRpps: s.practitionerRpps,
      action: action
        ? {
            reference: action.reference,
            title: action.title,
            orientation: action.orientation,
            format: action.format,
            formatLabel: DPC_ACTION_FORMAT_LABELS[action.format],
            startsOn: action.startsOn,
            endsOn: action.endsOn,
          }
        : null,
      organisation: parts.organisation ? { registrationNumber: parts.organisation.registrationNumber, name: parts.organisation.name } : null,
    },
    departement: s.departement,
    region: region ? { region, label: REGION_LABELS[region] } : null,
    occurredOn: s.occurredOn,
    sharedFacts: input.sharedFacts,
    screening: screeningOf(screenSignalement(input.sharedFacts)),
    programmeScreening: programme ? screeningOf(programme) : null,
    opinions: parts.reviews.map((r) => ({
      givenAt: r.createdAt.toISOString(),
      opinion: r.opinion,
      recommendedOutcomes: labelled(r.recommendedOutcomes),
      confirmedRuleIds: [...r.confirmedRuleIds],
    })),
    decision: { outcomes: labelled(s.decisionOutcomes ?? []), reason: s.decisionReason, decidedAt: s.decidedAt?.toISOString() ?? null },
    evidence: { count: parts.evidence.length, files: parts.evidence.map((e) => ({ mediaType: e.mediaType, sizeBytes: e.sizeBytes, sha256: e.sha256 })) },
    contradictory: parts.contradictory.map((c) => ({
      invitedAt: c.invitedAt.toISOString(),
      dueOn: c.dueOn,
      statement: c.statement,
      answered: c.answer !== null,
      answer: c.answer,
      answeredAt: c.answeredAt?.toISOString() ?? null,
    })),
  };
}

/** « DPC-2026-00042-andpc »: the name both files of a package download under. */
export function packageFileBaseName(reference: string, partner: string): string {
  return `${reference}-${partner}`;
}
