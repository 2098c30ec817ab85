import { ROLE_PERMISSIONS, type Permission } from '../../../contracts/permissions.js';
import type { ChangeStatus } from '../../../contracts/registry.schemas.js';
import type { ReportStatus } from '../../../contracts/report-vocabulary.js';
import { HOME_LATEST_ALERTS, HOME_LATEST_REPORTS, homeWorkLabel, type ContactState, type HomeWorkKey, type TDoctorHome, type THomeWork, type THomeWorkItem } from '../../../contracts/home.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { RequestSession } from '../../platform/http/request-context.js';
import { AppError } from '../../platform/errors.js';
import { listQueue } from '../triage/index.js';
import { listCampaigns, listHeldIndicators } from '../campaigns/index.js';
import { listAlerts, type createPublicAlertsCache } from '../alerts/index.js';
import { listRequests, listRequestsForDoctor, loadOwnRecord } from '../registry/index.js';
import { listOwnReports } from '../reports/index.js';

/** Reports an agent still has to work on: received, or being examined. */
const OPEN_REPORTS: ReportStatus[] = ['nouveau', 'en_cours'];
/** Change requests a doctor is still waiting for, and what their home says of each. */
const PENDING_CHANGES: Partial<Record<ChangeStatus, ContactState>> = {
  attente_presence: 'en_attente_presence',
  attente_codes: 'en_attente_codes',
  en_revue: 'en_revue',
  gelee: 'gelee',
};

interface Counter {
  key: HomeWorkKey;
  /** Every permission the list behind the link needs, and the action it leads to. */
  needs: readonly Permission[];
  to: string;
  count: (deps: ServiceDeps, actor: Actor) => Promise<number>;
}

const queueTotal = (deps: ServiceDeps, actor: Actor, status: ReportStatus[], assigned?: 'me' | 'none') =>
  listQueue(deps, actor, { status, assigned, page: 1, pageSize: 1 }).then((page) => page.total);

// Each count is its list's own total (or its lines, for lists without a total), with the list's own
// filters: the link opens exactly what was counted. The web pages read the same query parameters.
const COUNTERS: readonly Counter[] = [
  {
    key: 'alerts_to_approve',
    needs: ['alert:approve'],
    to: '/alertes/gestion?statut=a_approuver&attente=moi',
    // Four eyes: an alert waits for any agent of its scope but the one who drafted it.
    count: async (deps, actor) => (await listAlerts(deps, actor, 'a_approuver')).filter((a) => a.draftedBy.id !== actor.userId).length,
  },
  {
    key: 'alerts_returned',
    needs: ['alert:draft'],
    to: '/alertes/gestion?statut=brouillon&renvoyees=moi',
    count: async (deps, actor) => (await listAlerts(deps, actor, 'brouillon')).filter((a) => a.draftedBy.id === actor.userId && a.returned).length,
  },
  { key: 'reports_new', needs: ['report:triage'], to: '/signalements?status=nouveau', count: (deps, actor) => queueTotal(deps, actor, ['nouveau']) },
  {
    key: 'reports_unassigned',
    needs: ['report:triage'],
    to: '/signalements?status=nouveau&status=en_cours&assigned=none',
    count: (deps, actor) => queueTotal(deps, actor, OPEN_REPORTS, 'none'),
  },
  {
    key: 'reports_mine',
    needs: ['report:triage'],
    to: '/signalements?status=nouveau&status=en_cours&assigned=me',
    count: (deps, actor) => queueTotal(deps, actor, OPEN_REPORTS, 'me'),
  },
  {
    key: 'campaigns_open',
    needs: ['campaign:read', 'campaign:manage'],
    to: '/campagnes?statut=ouverte',
    count: async (deps, actor) => (await listCampaigns(deps, actor, { status: 'ouverte', page: 1 })).total,
  },
  { key: 'indicators_held', needs: ['indicator:manage'], to: '/indicateurs', count: async (deps, actor) => (await listHeldIndicators(deps, actor)).items.length },
  {
    key: 'changes_in_person',
    needs: ['registry:read', 'change_request:check'],
    to: '/tableau/demandes?statut=attente_presence',
    count: async (deps, actor) => (await listRequests(deps.database.db, actor.departement, ['attente_presence'])).length,
  },
  {
    key: 'changes_review',
    needs: ['registry:read', 'change_request:review'],
    to: '/tableau/demandes?statut=en_revue',
    count: async (deps, actor) => (await listRequests(deps.database.db, actor.departement, ['en_revue'])).length,
  },
];

async function workItems(deps: ServiceDeps, actor: Actor): Promise<THomeWorkItem[]> {
  const held = ROLE_PERMISSIONS[actor.role];
  const mine = COUNTERS.filter((c) => c.needs.every((p) => held.includes(p)));
  const counts = await Promise.all(mine.map((c) => c.count(deps, actor)));
  return mine.map((c, i) => ({ key: c.key, label: homeWorkLabel(c.key, counts[i]!), count: counts[i]!, to: c.to }));
}

async function contactState(deps: ServiceDeps, session: RequestSession): Promise<ContactState> {
  let doctor;
  try {
    doctor = await loadOwnRecord(deps, session);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NO_REGISTRY_RECORD') return 'sans_fiche';
    throw error;
  }
  if (doctor.frozenAt) return 'gelee';
  const requests = await listRequestsForDoctor(deps.database.db, doctor.id);
  // Newest first: the latest request still open says where the record stands.
  const pending = requests.find((r) => PENDING_CHANGES[r.status] !== undefined);
  return pending ? PENDING_CHANGES[pending.status]! : 'a_jour';
}

/** The current public alerts, the same for everyone: read at most every few seconds, as their own route does. */
export type PublicAlerts = ReturnType<typeof createPublicAlertsCache>;

async function doctorHome(deps: ServiceDeps, session: RequestSession, publicAlerts: PublicAlerts): Promise<TDoctorHome> {
  const [reports, contact, alerts] = await Promise.all([listOwnReports(deps, session.actor, 1), contactState(deps, session), publicAlerts.get(deps)]);
  return {
    reports: reports.items.slice(0, HOME_LATEST_REPORTS).map((r) => ({ receiptNumber: r.receiptNumber, createdAt: r.createdAt, status: r.status, statusLabel: r.statusLabel })),
    reportsTotal: reports.total,
    contact,
    alerts: { total: alerts.length, latest: alerts.slice(0, HOME_LATEST_ALERTS).map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt })) },
  };
}

/**
 * What waits for the session's user: for staff, counts of the lists their permissions open, each
 * computed by the module owning the list with the list's own scope and filters; for a doctor, their
 * latest reports, the current public alerts and the state of their register record. Reads only.
 */
export async function homeWork(deps: ServiceDeps, session: RequestSession, publicAlerts: PublicAlerts): Promise<THomeWork> {
  const held = ROLE_PERMISSIONS[session.actor.role];
  const [items, doctor] = await Promise.all([
    workItems(deps, session.actor),
    held.includes('report:read_own') && held.includes('self_registry:read') ? doctorHome(deps, session, publicAlerts) : Promise.resolve(null),
  ]);
  return { items, doctor };
}
