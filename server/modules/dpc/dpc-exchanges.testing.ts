import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DpcDecisionOutcome } from '../../../contracts/dpc-signalements.schemas.js';
import type { Database } from '../../platform/db/client.js';
import {
  dpcContradictoryInvitations,
  dpcSignalementEvidence,
  dpcSignalementReviews,
  dpcSignalements,
} from '../../platform/db/schema-dpc-signalements.js';

// The workflow's steps written straight into the database, as the workflow slice would have left them,
// so that the exchanges and the statistics are tested on their own.

export const OPINION = 'Les propos rapportés relèvent d’une dérive thérapeutique caractérisée : abandon de traitement recommandé.';
export const DECISION_REASON = 'Transmission décidée après avis du relecteur expert.';
export const STATEMENT = 'Il est reproché à l’intervenant d’avoir recommandé l’arrêt de la chimiothérapie.';
export const ORGANISATION_ANSWER = 'L’organisme conteste ces propos et annonce avoir écarté l’intervenant.';
export const EVIDENCE_FILE_NAME = 'capture-Camille-Temoin-Secret.png';

export async function decide(database: Database, id: string, outcomes: DpcDecisionOutcome[], decidedBy: string | null = null): Promise<void> {
  await database.db
    .update(dpcSignalements)
    .set({ status: 'decide', statusBeforeContradictory: null, decisionOutcomes: outcomes, decisionReason: DECISION_REASON, decidedAt: new Date('2026-05-04T09:30:00Z'), decidedBy })
    .where(eq(dpcSignalements.id, id));
}

export async function addReview(database: Database, id: string, reviewerId: string, confirmedRuleIds: string[] = []): Promise<void> {
  await database.db.insert(dpcSignalementReviews).values({
    signalementId: id,
    reviewerId,
    opinion: OPINION,
    recommendedOutcomes: ['transmission_andpc', 'transmission_miviludes'],
    confirmedRuleIds,
  });
}

export async function addEvidence(database: Database, id: string): Promise<string> {
  const sha256 = 'ab'.repeat(32);
  await database.db.insert(dpcSignalementEvidence).values({
    signalementId: id,
    fileName: EVIDENCE_FILE_NAME,
    mediaType: 'image/png',
    sizeBytes: 2048,
    sha256,
    storageKey: `dpc-test/${id}/${randomBytes(8).toString('hex')}`,
    scanStatus: 'sain',
  });
  return sha256;
}

export async function addAnsweredContradictory(database: Database, id: string, invitedBy: string): Promise<void> {
  await database.db.insert(dpcContradictoryInvitations).values({
    signalementId: id,
    recipientEmail: 'contact@ifmc.example.fr',
    statement: STATEMENT,
    tokenHash: randomBytes(32).toString('hex'),
    dueOn: '2026-04-30',
    invitedBy,
    answer: ORGANISATION_ANSWER,
    answeredAt: new Date('2026-04-20T10:00:00Z'),
    closedAt: new Date('2026-04-20T10:00:00Z'),
  });
}
