import { screenSignalement } from '../../../analysis/dpc/index.js';
import {
  formatDpcSignalementReference,
  type DpcReporterKind,
  type DpcSignalementKind,
  type DpcSignalementStatus,
  type DpcSubjectKind,
} from '../../../contracts/dpc-signalements.schemas.js';
import type { Database } from '../../platform/db/client.js';
import { dpcSignalementReporters, dpcSignalements, type DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';

// Signalements for the tests of the workflow, exchanges and statistics, inserted directly (as filing
// would have stored them), so each slice is tested on its own. Filing's own tests go through the route.

export const DRIFT_FACTS =
  'Lors de la formation, l’intervenant a affirmé que le décodage biologique permet de guérir le cancer et qu’il faut arrêter la chimiothérapie.';
export const REPORTER = { fullName: 'Camille Témoin-Secret', email: 'camille.temoin@exemple.fr', phone: '06 11 22 33 44', profession: 'Infirmière', relation: null };

let sequence = 90_000;

export interface SignalementSeed {
  kind?: DpcSignalementKind;
  reporterKind?: DpcReporterKind;
  subjectKind?: DpcSubjectKind;
  subjectLabel?: string;
  actionId?: string | null;
  organisationId?: string | null;
  departement?: string | null;
  facts?: string;
  status?: DpcSignalementStatus;
  reviewerId?: string | null;
  filedBy?: string | null;
  concernsHealth?: boolean;
  createdAt?: Date;
}

/** Inserts a signalement screened like filing does, with its reporter (REPORTER unless told otherwise). */
export async function insertSignalement(database: Database, seed: SignalementSeed = {}, reporter: Partial<typeof REPORTER> = {}): Promise<DpcSignalementRow> {
  sequence += 1;
  const facts = seed.facts ?? DRIFT_FACTS;
  const screening = screenSignalement(facts);
  const status = seed.status ?? 'nouveau';
  const [row] = await database.db
    .insert(dpcSignalements)
    .values({
      reference: formatDpcSignalementReference(2026, sequence),
      kind: seed.kind ?? 'derive_therapeutique',
      reporterKind: seed.reporterKind ?? 'participant',
      subjectKind: seed.subjectKind ?? (seed.actionId ? 'action' : 'praticien'),
      actionId: seed.actionId ?? null,
      organisationId: seed.organisationId ?? null,
      subjectLabel: seed.subjectLabel ?? 'Formation « Décoder le cancer »',
      departement: seed.departement === undefined ? '75' : seed.departement,
      facts,
      status,
      reviewerId: seed.reviewerId ?? null,
      lexiconVersion: screening.lexiconVersion,
      lexiconFingerprint: screening.lexiconFingerprint,
      score: screening.score,
      priority: screening.priority,
      findings: screening.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e })) })),
      concernsHealth: seed.concernsHealth ?? true,
      decisionOutcomes: status === 'decide' ? ['classement'] : null,
      decisionReason: status === 'decide' ? 'Classé pour le test.' : null,
      decidedAt: status === 'decide' ? new Date() : null,
      filedBy: seed.filedBy ?? null,
      ...(seed.createdAt ? { createdAt: seed.createdAt, updatedAt: seed.createdAt } : {}),
    })
    .returning();
  await database.db.insert(dpcSignalementReporters).values({ signalementId: row!.id, ...REPORTER, ...reporter });
  return row!;
}
