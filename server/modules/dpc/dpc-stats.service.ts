import { sql } from 'drizzle-orm';
import { driftFamilies } from '../../../analysis/dpc/index.js';
import {
  DPC_OUTCOME_PENDING,
  DPC_OUTCOME_PENDING_LABEL,
  DPC_PRACTICE_NONE_LABEL,
  DPC_REGION_UNKNOWN_LABEL,
  type TDpcStats,
  type TDpcStatsQuery,
} from '../../../contracts/dpc-exchanges.schemas.js';
import {
  DPC_DECISION_OUTCOME_LABELS,
  DPC_DECISION_OUTCOMES,
  DPC_REPORTER_KIND_LABELS,
  DPC_REPORTER_KINDS,
  DPC_SIGNALEMENT_KIND_LABELS,
  DPC_SIGNALEMENT_KINDS,
} from '../../../contracts/dpc-signalements.schemas.js';
import { REGION_LABELS, REGIONS, regionOfDepartement, type Region } from '../../../contracts/regions.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { rows } from '../../platform/db/rows.js';
import type { ServiceDeps } from '../../platform/deps.js';

// National statistics of DPC signalements (docs/dpc-signalements.md « Statistics »): counts only, from
// the signalements table alone: no identity (the reporters' table is not read), no facts, no reference.
// A signalement is placed by the Paris day it was received; both ends of the period are included.

type Keyed = { key: string | null; n: number };

/** The statistics over the period (all time without one). Audited. */
export async function readDpcStats(deps: ServiceDeps, ctx: AuditContext, query: TDpcStatsQuery): Promise<TDpcStats> {
  const db = deps.database.db;
  const from = query.from ?? null;
  const to = query.to ?? null;
  const received = sql`(s.created_at AT TIME ZONE 'Europe/Paris')::date`;
  const window = sql`SELECT * FROM dpc_signalements s WHERE ${from ? sql`${received} >= ${from}::date` : sql`true`} AND ${to ? sql`${received} <= ${to}::date` : sql`true`}`;

  const [[totals], byKind, byReporterKind, byOutcome, byFamily, byDepartement, byMonth] = await Promise.all([
    rows<{ total: number; health: number; undecided: number; unmarked: number }>(
      db,
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE w.concerns_health)::int AS health,
                 count(*) FILTER (WHERE w.decision_outcomes IS NULL)::int AS undecided,
                 count(*) FILTER (WHERE jsonb_array_length(w.findings) = 0)::int AS unmarked
          FROM (${window}) w`,
    ),
    rows<Keyed>(db, sql`SELECT w.kind AS key, count(*)::int AS n FROM (${window}) w GROUP BY 1`),
    rows<Keyed>(db, sql`SELECT w.reporter_kind AS key, count(*)::int AS n FROM (${window}) w GROUP BY 1`),
    rows<Keyed>(db, sql`SELECT o.outcome AS key, count(*)::int AS n FROM (${window}) w, unnest(w.decision_outcomes) AS o(outcome) GROUP BY 1`),
    // A signalement counts once per family, however many of its markers belong to it.
    rows<Keyed & { label: string }>(
      db,
      sql`SELECT f.value->>'family' AS key, max(f.value->>'familyLabel') AS label, count(DISTINCT w.id)::int AS n
          FROM (${window}) w, jsonb_array_elements(w.findings) AS f(value) GROUP BY 1`,
    ),
    rows<Keyed>(db, sql`SELECT w.departement AS key, count(*)::int AS n FROM (${window}) w GROUP BY 1`),
    rows<Keyed>(db, sql`SELECT to_char(w.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS key, count(*)::int AS n FROM (${window}) w GROUP BY 1 ORDER BY 1`),
  ]);
  const countOf = (list: Keyed[], key: string) => list.find((r) => r.key === key)?.n ?? 0;
  const total = totals?.total ?? 0;
  const health = totals?.health ?? 0;

  const stats: TDpcStats = {
    from,
    to,
    total,
    byKind: DPC_SIGNALEMENT_KINDS.map((kind) => ({ kind, label: DPC_SIGNALEMENT_KIND_LABELS[kind], count: countOf(byKind, kind) })),
    byPractice: practices(byFamily, totals?.unmarked ?? 0),
    byRegion: regions(byDepartement),
    byOutcome: [
      ...DPC_DECISION_OUTCOMES.map((outcome) => ({ outcome, label: DPC_DECISION_OUTCOME_LABELS[outcome], count: countOf(byOutcome, outcome) })),
      { outcome: DPC_OUTCOME_PENDING, label: DPC_OUTCOME_PENDING_LABEL, count: totals?.undecided ?? 0 },
    ],
    byReporterKind: DPC_REPORTER_KINDS.map((reporterKind) => ({ reporterKind, label: DPC_REPORTER_KIND_LABELS[reporterKind], count: countOf(byReporterKind, reporterKind) })),
    byMonth: byMonth.map((r) => ({ month: r.key!, count: r.n })),
    healthShare: { concerning: health, total, percent: total === 0 ? 0 : Math.round((health * 1000) / total) / 10 },
  };
  await recordAudit(db, ctx, { action: 'dpc.stats.read', entityType: 'dpc_stats', entityId: null, details: { from, to } });
  return stats;
}

/** Every family of the current lexicon (zero included), then families only older screenings named, then « aucun marqueur ». */
function practices(byFamily: (Keyed & { label: string })[], unmarked: number): TDpcStats['byPractice'] {
  const known = driftFamilies();
  const knownIds = new Set<string>(known.map((f) => f.id));
  return [
    ...known.map((family) => ({ family: family.id as string | null, label: family.label, count: byFamily.find((r) => r.key === family.id)?.n ?? 0 })),
    ...byFamily.filter((r) => r.key !== null && !knownIds.has(r.key)).map((r) => ({ family: r.key, label: r.label, count: r.n })),
    { family: null, label: DPC_PRACTICE_NONE_LABEL, count: unmarked },
  ];
}

/** The regions where signalements took place (in the regions' order), then those without a département. */
function regions(byDepartement: Keyed[]): TDpcStats['byRegion'] {
  const counts = new Map<Region | null, number>();
  for (const row of byDepartement) {
    const region = row.key === null ? null : regionOfDepartement(row.key);
    counts.set(region, (counts.get(region) ?? 0) + row.n);
  }
  const placed = REGIONS.filter((region) => counts.has(region)).map((region) => ({ region: region as Region | null, label: REGION_LABELS[region], count: counts.get(region)! }));
  const unknown = counts.get(null);
  return unknown ? [...placed, { region: null, label: DPC_REGION_UNKNOWN_LABEL, count: unknown }] : placed;
}
