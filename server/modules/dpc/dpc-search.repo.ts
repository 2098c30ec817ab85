import { sql, type SQL } from 'drizzle-orm';
import type { DpcActionFormat, DpcPriority } from '../../../contracts/dpc.schemas.js';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';

// Reading the catalogue: an action with its organisation and its screening, as a result line shows it.

export interface ActionSummaryRow {
  id: string;
  reference: string;
  title: string;
  orientation: string | null;
  format: DpcActionFormat;
  startsOn: string | null;
  endsOn: string | null;
  registrationNumber: string;
  organisationName: string;
  lexiconVersion: string;
  score: number;
  priority: DpcPriority;
  markers: string[];
  screenedAt: Date | string;
}

const SUMMARY_COLUMNS = sql`
  a.id, a.reference, a.title, a.orientation, a.format, a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn",
  o.registration_number AS "registrationNumber", o.name AS "organisationName",
  s.lexicon_version AS "lexiconVersion", s.score, s.priority,
  ARRAY(SELECT f->>'ruleId' FROM jsonb_array_elements(s.findings) AS f) AS markers, s.screened_at AS "screenedAt"`;
const SUMMARY_FROM = sql`
  dpc_actions a JOIN dpc_organisations o ON o.id = a.organisation_id JOIN dpc_action_screenings s ON s.action_id = a.id`;
/** Highest priority first, then the highest score: what a reviewer should read first. */
const REVIEW_ORDER = sql`CASE s.priority WHEN 'haute' THEN 0 WHEN 'moyenne' THEN 1 WHEN 'basse' THEN 2 ELSE 3 END, s.score DESC, a.reference`;

export interface CatalogueFilters {
  /** Folded words ([a-z0-9]), each to be found in the action's search text. */
  words: readonly string[];
  registrationNumber?: string;
  priority?: DpcPriority;
}

function conditions(filters: CatalogueFilters): SQL {
  const where: SQL[] = filters.words.map((word) => sql`a.search_text LIKE ${`%${word}%`}`);
  if (filters.registrationNumber) where.push(sql`o.registration_number = ${filters.registrationNumber}`);
  if (filters.priority) where.push(sql`s.priority = ${filters.priority}`);
  return where.length ? sql.join(where, sql` AND `) : sql`TRUE`;
}

export async function searchActions(db: Executor, filters: CatalogueFilters, offset: number, limit: number): Promise<{ rows: ActionSummaryRow[]; total: number }> {
  const where = conditions(filters);
  const page = await rows<ActionSummaryRow>(db, sql`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where} ORDER BY ${REVIEW_ORDER} LIMIT ${limit} OFFSET ${offset}`);
  const [counted] = await rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM ${SUMMARY_FROM} WHERE ${where}`);
  return { rows: page, total: counted?.total ?? 0 };
}

export type MatchRow = ActionSummaryRow & { previousPriority: DpcPriority; previousScore: number };

/** The actions a rescreening newly flagged, highest priority first. */
export async function findRescreenMatches(db: Executor, rescreeningId: string, offset: number, limit: number): Promise<{ rows: MatchRow[]; total: number }> {
  const page = await rows<MatchRow>(db, sql`
    SELECT ${SUMMARY_COLUMNS}, m.previous_priority AS "previousPriority", m.previous_score AS "previousScore"
    FROM dpc_rescreen_matches m JOIN (${SUMMARY_FROM}) ON a.id = m.action_id
    WHERE m.rescreening_id = ${rescreeningId}::uuid
    ORDER BY ${REVIEW_ORDER} LIMIT ${limit} OFFSET ${offset}`);
  const [counted] = await rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM dpc_rescreen_matches WHERE rescreening_id = ${rescreeningId}::uuid`);
  return { rows: page, total: counted?.total ?? 0 };
}
