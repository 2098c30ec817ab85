import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import { rows } from '../../platform/db/rows.js';
import type { DoctorRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { findDoctorsForExport } from './registry-record.service.js';

const CSV_COLUMNS = ['rpps', 'nom_exercice', 'nom_naissance', 'prenoms', 'specialite', 'departement', 'statut', 'adresse_correspondance', 'code_postal', 'ville', 'courriel', 'telephone'] as const;

function csvCell(value: string | null): string {
  const v = value ?? '';
  // Quote everything that could break the line or be read as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\n\r]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(d: DoctorRow): string {
  return [d.rpps, d.usageName ?? d.birthName, d.birthName, d.firstNames, d.specialty, d.departement, d.status, d.corrAddress, d.corrPostalCode, d.corrCity, d.corrEmail, d.corrPhone]
    .map(csvCell)
    .join(';');
}

/**
 * Bulk export of a département's register, with a stated reason kept in the audit log. For card
 * issuance, records whose contact details are still in their cooling period, or frozen, are left out
 * and counted. Throws NOT_FOUND (département out of scope).
 */
export async function exportRegister(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: { departement: string; purpose: 'emission_carte' | 'autre'; reason: string }) {
  assertInScope(actor, input.departement);
  const all = await findDoctorsForExport(deps, input.departement);
  const now = Date.now();
  const held = (d: DoctorRow) => d.frozenAt !== null || (d.contactsTrustedFrom !== null && d.contactsTrustedFrom.getTime() > now);
  const exported = input.purpose === 'emission_carte' ? all.filter((d) => !held(d)) : all;
  await recordAudit(deps.database.db, ctx, {
    action: 'registry.export.created',
    entityType: 'departement',
    entityId: input.departement,
    reason: input.reason,
    details: { departement: input.departement, purpose: input.purpose, exported: exported.length, excluded: all.length - exported.length },
  });
  return { csv: `\ufeff${[CSV_COLUMNS.join(';'), ...exported.map(csvLine)].join('\r\n')}\r\n`, exported: exported.length, excluded: all.length - exported.length };
}

const VOLUME_FLOOR = 20;
/** An agent's in-person changes stand out from 10 in 30 days and more than 3 times the others' median. */
export const IN_PERSON_RATE_FLOOR = 10;
export const IN_PERSON_RATE_FACTOR = 3;
const AUDIT_IDS_PER_AGENT = 50;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per agent, the changes applied in the last 30 days after an in-person check they recorded, their share of
 * every change applied in the scope (self-service included), and a flag when the agent is far above the
 * others: at least IN_PERSON_RATE_FLOOR and more than IN_PERSON_RATE_FACTOR times the median of the other
 * agents (an agent alone is compared with zero). docs/identity-checks.md.
 */
export function flagInPersonRates<T extends { inPersonChanges: number }>(agents: T[], totalApplied: number): (T & { share: number; flagged: boolean; othersMedian: number })[] {
  return agents.map((agent, i) => {
    const othersMedian = median(agents.filter((_, j) => j !== i).map((a) => a.inPersonChanges));
    return {
      ...agent,
      share: totalApplied > 0 ? Math.round((agent.inPersonChanges / totalApplied) * 1000) / 1000 : 0,
      othersMedian,
      flagged: agent.inPersonChanges >= IN_PERSON_RATE_FLOOR && agent.inPersonChanges > IN_PERSON_RATE_FACTOR * othersMedian,
    };
  });
}

/**
 * What a security referent watches: agents completing unusually many changes (7 days), each agent's rate
 * of in-person changes (30 days), records changed often (30 days), and changes followed within 48 h by an
 * export of the département. Each item names the audit entries behind it.
 */
export async function securityOverview(deps: ServiceDeps, actor: Actor, departement: string | null) {
  const scope = actor.departement ?? departement;
  if (actor.departement !== null && departement !== null && departement !== actor.departement) throw new AppError('NOT_FOUND');
  const dep = scope === null ? sql`TRUE` : sql`cr.departement = ${scope}`;
  const db = deps.database.db;

  const volumes = await rows<{ agent_id: string; display_name: string; changes: string; audit_ids: string[] }>(db, sql`
    SELECT cr.checked_by AS agent_id, u.display_name, count(*)::text AS changes,
           array_agg(a.id::text ORDER BY a.id) AS audit_ids
    FROM change_requests cr
    JOIN users u ON u.id = cr.checked_by
    LEFT JOIN audit_log a ON a.action = 'registry.change_request.applied' AND a.details->>'changeRequestId' = cr.id::text
    WHERE cr.status = 'appliquee' AND cr.applied_at > now() - interval '7 days' AND ${dep}
    GROUP BY cr.checked_by, u.display_name`);
  const counts = volumes.map((v) => Number(v.changes)).sort((a, b) => a - b);
  const median = counts.length ? counts[Math.floor(counts.length / 2)]! : 0;
  const threshold = Math.max(VOLUME_FLOOR, 3 * median);

  const busyRecords = await rows<{ doctor_id: string; rpps: string; changes: string; audit_ids: string[] }>(db, sql`
    SELECT d.id AS doctor_id, d.rpps, count(DISTINCT h.id)::text AS changes,
           array_agg(DISTINCT a.id::text) FILTER (WHERE a.id IS NOT NULL) AS audit_ids
    FROM doctor_history h
    JOIN doctors d ON d.id = h.doctor_id
    JOIN change_requests cr ON cr.id = h.change_request_id
    LEFT JOIN audit_log a ON a.entity_type = 'doctor' AND a.entity_id = d.id::text AND a.action = 'registry.change_request.applied'
    WHERE h.source IN ('change_request', 'self_service') AND h.occurred_at > now() - interval '30 days' AND ${dep}
    GROUP BY d.id, d.rpps HAVING count(DISTINCT h.id) >= 3`);

  const followedByExport = await rows<{ change_request_id: string; reference: string; applied_at: string; export_audit_id: string; export_at: string }>(db, sql`
    SELECT cr.id AS change_request_id, cr.reference, cr.applied_at::text AS applied_at, a.id::text AS export_audit_id, a.occurred_at::text AS export_at
    FROM change_requests cr
    JOIN audit_log a ON a.action = 'registry.export.created' AND a.entity_id = cr.departement
      AND a.occurred_at BETWEEN cr.applied_at AND cr.applied_at + interval '48 hours'
    WHERE cr.status = 'appliquee' AND cr.applied_at > now() - interval '30 days' AND ${dep}
    ORDER BY cr.applied_at DESC LIMIT 100`);

  const inPerson = await rows<{ agent_id: string; display_name: string; changes: string; audit_ids: string[] | null }>(db, sql`
    SELECT ic.agent_id, u.display_name, count(DISTINCT cr.id)::text AS changes,
           (array_agg(a.id::text ORDER BY a.id DESC) FILTER (WHERE a.id IS NOT NULL))[1:${sql.raw(String(AUDIT_IDS_PER_AGENT))}] AS audit_ids
    FROM change_requests cr
    JOIN identity_checks ic ON ic.change_request_id = cr.id AND ic.outcome = 'conforme'
    JOIN users u ON u.id = ic.agent_id
    LEFT JOIN audit_log a ON a.action = 'registry.change_request.applied' AND a.details->>'changeRequestId' = cr.id::text
    WHERE cr.status = 'appliquee' AND cr.applied_at > now() - interval '30 days' AND ${dep}
    GROUP BY ic.agent_id, u.display_name
    ORDER BY count(DISTINCT cr.id) DESC, u.display_name`);
  const [total] = await rows<{ applied: string }>(db, sql`
    SELECT count(*)::text AS applied FROM change_requests cr
    WHERE cr.status = 'appliquee' AND cr.applied_at > now() - interval '30 days' AND ${dep}`);
  const rates = flagInPersonRates(
    inPerson.map((r) => ({ agentId: r.agent_id, displayName: r.display_name, inPersonChanges: Number(r.changes), auditEntryIds: (r.audit_ids ?? []).map(Number) })),
    Number(total?.applied ?? 0),
  );

  return {
    threshold,
    inPersonRates: {
      appliedChanges: Number(total?.applied ?? 0),
      floor: IN_PERSON_RATE_FLOOR,
      factor: IN_PERSON_RATE_FACTOR,
      agents: rates,
    },
    unusualAgents: volumes
      .filter((v) => Number(v.changes) >= threshold)
      .map((v) => ({ agentId: v.agent_id, displayName: v.display_name, changes: Number(v.changes), auditEntryIds: (v.audit_ids ?? []).filter(Boolean).map(Number) })),
    busyRecords: busyRecords.map((r) => ({ doctorId: r.doctor_id, rpps: r.rpps, changes: Number(r.changes), auditEntryIds: (r.audit_ids ?? []).map(Number) })),
    changesFollowedByExport: followedByExport.map((r) => ({
      changeRequestId: r.change_request_id,
      reference: r.reference,
      appliedAt: new Date(r.applied_at).toISOString(),
      exportAt: new Date(r.export_at).toISOString(),
      auditEntryIds: [Number(r.export_audit_id)],
    })),
  };
}
