import { sql } from 'drizzle-orm';
import type { DpcActionFormat, DpcPriority } from '../../../contracts/dpc.schemas.js';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { StoredDriftFinding } from '../../platform/db/schema-dpc.js';

// One training action as its own page reads it: the action, its organisation, its stored screening and
// how many signalements name it.

export interface ActionDetailRow {
  id: string;
  reference: string;
  title: string;
  programme: string;
  orientation: string | null;
  format: DpcActionFormat;
  startsOn: string | null;
  endsOn: string | null;
  registrationNumber: string;
  organisationName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  lexiconVersion: string;
  score: number;
  priority: DpcPriority;
  findings: StoredDriftFinding[];
  screenedAt: Date | string;
  signalementCount: number;
}

export async function findActionDetail(db: Executor, actionId: string): Promise<ActionDetailRow | null> {
  const [row] = await rows<ActionDetailRow>(db, sql`
    SELECT a.id, a.reference, a.title, a.programme, a.orientation, a.format,
           a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn",
           o.registration_number AS "registrationNumber", o.name AS "organisationName",
           o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone",
           s.lexicon_version AS "lexiconVersion", s.score, s.priority, s.findings, s.screened_at AS "screenedAt",
           (SELECT count(*)::int FROM dpc_signalements g WHERE g.action_id = a.id) AS "signalementCount"
    FROM dpc_actions a
    JOIN dpc_organisations o ON o.id = a.organisation_id
    JOIN dpc_action_screenings s ON s.action_id = a.id
    WHERE a.id = ${actionId}::uuid`);
  return row ?? null;
}
