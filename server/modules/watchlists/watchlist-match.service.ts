import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import type { Role } from '../../../contracts/roles.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { WatchlistKind } from '../../platform/db/schema-reports.js';
import { recordAudit, SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import * as repo from './watchlists.repo.js';
import { registrableDomain, watchLabel } from './watch-values.js';
import { watchMatchMail } from './watchlist-mails.js';

const REASON_ORDER: readonly WatchlistKind[] = ['phone', 'domain', 'departement', 'scam_family'];

function reasonOf(kind: WatchlistKind, value: string): string {
  const label = watchLabel(kind, value);
  switch (kind) {
    case 'phone':
      return `le numéro ${label}, que vous suivez, y figure ;`;
    case 'domain':
      return `le domaine ${label}, que vous suivez, y figure ;`;
    case 'departement':
      return `il concerne le département ${value}, que vous suivez ;`;
    case 'scam_family':
      return `il relève de la famille « ${label} », que vous suivez ;`;
  }
}

/**
 * Tells every agent whose watchlist matches the report (its phone numbers, domains — of links and
 * addresses too —, département, scam family) and whose scope includes its département, once per report:
 * each notification is an audit entry, written under a per-report lock before the mail is queued, so a
 * retried or repeated job never mails twice. Returns how many agents were notified this time.
 */
export async function notifyWatchers(deps: ServiceDeps, reportId: string): Promise<number> {
  const db = deps.database.db;
  const report = await repo.findReportForMatch(db, reportId);
  // Unconfirmed reports are not reports yet; merged duplicates were announced as their original.
  if (!report || report.status === 'en_attente_confirmation' || report.status === 'fusionne') return 0;

  const pairs = new Map<string, { kind: WatchlistKind; value: string }>();
  const add = (kind: WatchlistKind, value: string | null) => {
    if (value) pairs.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const i of await repo.reportIndicatorValues(db, report.id)) {
    if (i.kind === 'phone') add('phone', i.value);
    else if (i.kind === 'domain') add('domain', i.value);
    else if (i.kind === 'url') add('domain', registrableDomain(i.value));
    else if (i.kind === 'email') add('domain', registrableDomain(i.value.slice(i.value.lastIndexOf('@') + 1)));
  }
  add('departement', report.departement);
  add('scam_family', report.scamFamily);

  const byUser = new Map<string, { email: string; reasons: { order: number; text: string }[] }>();
  for (const m of await repo.findWatchMatches(db, [...pairs.values()], report.departement)) {
    if (!ROLE_PERMISSIONS[m.role as Role]?.includes('watchlist:manage')) continue;
    const entry = byUser.get(m.user_id) ?? { email: m.email, reasons: [] };
    entry.reasons.push({ order: REASON_ORDER.indexOf(m.kind), text: reasonOf(m.kind, m.value) });
    byUser.set(m.user_id, entry);
  }
  if (byUser.size === 0) return 0;
  for (const entry of byUser.values()) entry.reasons.sort((a, b) => a.order - b.order);

  const toNotify = await db.transaction(async (tx) => {
    await repo.lockReportNotification(tx, report.id);
    const already = await repo.notifiedUserIds(tx, report.id);
    const fresh = [...byUser].filter(([userId]) => !already.has(userId));
    for (const [userId, entry] of fresh) {
      await recordAudit(tx, SYSTEM_CONTEXT, {
        action: 'watchlists.match.notified',
        entityType: 'report',
        entityId: report.id,
        details: { userId, reasons: entry.reasons.length },
      });
    }
    return fresh;
  });

  const base = deps.config.publicUrl;
  for (const [, entry] of toNotify) {
    const reasons = entry.reasons.map((r, i) => (i === entry.reasons.length - 1 ? r.text.replace(/ ;$/, '.') : r.text));
    await deps.outbox.queue(
      watchMatchMail({
        to: entry.email,
        receiptNumber: report.receiptNumber,
        receivedAt: report.createdAt,
        channel: report.channel,
        departement: report.departement,
        reasons,
        reportUrl: `${base}/signalements/${report.id}`,
        watchlistUrl: `${base}/veille`,
      }),
    );
  }
  return toNotify.length;
}
