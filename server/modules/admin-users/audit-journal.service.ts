import {
  AUDIT_EXPORT_LIMIT,
  auditActionLabel,
  auditEntityLabel,
  type TAuditEntry,
  type TAuditFilters,
  type TAuditPage,
} from '../../../contracts/audit.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../contracts/roles.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as repo from './audit-journal.repo.js';

const PAGE_SIZE = 50;

/** The journal spans every département: national administrators only. */
function assertNational(actor: Actor): void {
  if (actor.departement !== null) throw new AppError('FORBIDDEN');
}

/** The filters as recorded in the read's own entry: what was looked for, never what was found. */
function filtersDetail(filters: TAuditFilters): Record<string, string | null> {
  return {
    actor: filters.actor ?? null,
    entityType: filters.entityType ?? null,
    entityId: filters.entityId ?? null,
    action: filters.action ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}

function toEntry(row: repo.AuditRow, names: repo.ResolvedNames): TAuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorId ? (names.users.get(row.actorId) ?? null) : null,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityLabel: row.entityId ? (names.entities.get(`${row.entityType}:${row.entityId}`) ?? null) : null,
    ip: row.ip,
    reason: row.reason,
  };
}

/**
 * One page of the journal, newest first, with names resolved at read time. The read is itself audited,
 * in the same transaction, with the filters used.
 */
export async function readAuditLog(deps: ServiceDeps, ctx: AuditContext, actor: Actor, query: TAuditFilters & { beforeId?: number | undefined }): Promise<TAuditPage> {
  assertNational(actor);
  const { beforeId, ...filters } = query;
  return deps.database.db.transaction(async (tx) => {
    const rows = await repo.listEntries(tx, filters, beforeId, PAGE_SIZE);
    const [names, matching] = await Promise.all([repo.resolveNames(tx, rows), repo.countEntries(tx, filters, AUDIT_EXPORT_LIMIT + 1)]);
    await recordAudit(tx, ctx, { action: 'admin.audit_log.read', entityType: 'audit_log', details: { beforeId: beforeId ?? null, ...filtersDetail(filters) } });
    return {
      items: rows.map((row) => toEntry(row, names)),
      nextBeforeId: rows.length === PAGE_SIZE ? rows[rows.length - 1]!.id : null,
      matching,
    };
  });
}

const CSV_HEADERS = ['N°', 'Date (heure de Paris)', 'Action', 'Code de l’action', 'Auteur', 'Rôle', 'Identifiant de l’auteur', 'Objet', 'Désignation', 'Identifiant de l’objet', 'Adresse IP', 'Motif'];

/** A cell for French spreadsheets (« ; »); a value a spreadsheet would run as a formula gets an apostrophe. */
function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// « 2026-03-29 14:05:09 », Paris time: sortable, and what the page shows.
const parisTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });

function roleLabel(role: string | null): string {
  if (!role) return 'Système';
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

/**
 * The filtered entries as CSV (UTF-8 with a byte-order mark, « ; », CRLF), at most AUDIT_EXPORT_LIMIT
 * rows: beyond, refused with a message telling to narrow the filters. Audited as an export, with the
 * filters and the number of rows, in the transaction that reads them.
 */
export async function exportAuditLog(deps: ServiceDeps, ctx: AuditContext, actor: Actor, filters: TAuditFilters): Promise<{ csv: string; rows: number }> {
  assertNational(actor);
  return deps.database.db.transaction(async (tx) => {
    const rows = await repo.listEntries(tx, filters, undefined, AUDIT_EXPORT_LIMIT + 1);
    if (rows.length > AUDIT_EXPORT_LIMIT) throw new AppError('AUDIT_EXPORT_TOO_LARGE');
    const names = await repo.resolveNames(tx, rows);
    await recordAudit(tx, ctx, { action: 'admin.audit_log.exported', entityType: 'audit_log', details: { format: 'csv', rows: rows.length, ...filtersDetail(filters) } });
    const lines = rows.map((row) => {
      const e = toEntry(row, names);
      return [
        e.id,
        parisTime.format(row.occurredAt),
        auditActionLabel(e.action),
        e.action,
        e.actorName,
        roleLabel(e.actorRole),
        e.actorId,
        auditEntityLabel(e.entityType),
        e.entityLabel,
        e.entityId,
        e.ip,
        e.reason,
      ]
        .map(csvCell)
        .join(';');
    });
    return { csv: `\ufeff${[CSV_HEADERS.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n`, rows: rows.length };
  });
}
