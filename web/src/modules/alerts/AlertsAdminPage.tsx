import { Link, useSearchParams } from 'react-router';
import { ALERT_STATUS_TAB_LABELS, ALERT_STATUSES, type AlertStatus, type TAlertSummary } from '../../../../contracts/alerts.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useAlerts } from './alerts.api.js';
import { ALERT_STATUS_LABELS, alertStatusTone, audienceLabel } from './labels.js';

const TABS: readonly { status: AlertStatus | ''; label: string }[] = (['brouillon', 'a_approuver', 'en_diffusion', 'diffusee', 'retiree', ''] as const).map((status) => ({
  status,
  label: ALERT_STATUS_TAB_LABELS[status],
}));

function readStatus(params: URLSearchParams): AlertStatus | '' {
  const value = params.get('statut');
  if (value === null) return 'a_approuver';
  return (ALERT_STATUSES as readonly string[]).includes(value) ? (value as AlertStatus) : '';
}

/**
 * The home page's links narrow a tab to what waits on the reader (GET /api/home/work counts the same):
 * « attente=moi », alerts the reader may approve (not their own: four eyes); « renvoyees=moi », the
 * reader's drafts sent back with a comment.
 */
const MINE = {
  attente: { label: 'Qui attendent votre approbation', keep: (a: TAlertSummary, userId: string) => a.draftedBy.id !== userId },
  renvoyees: { label: 'Vos alertes renvoyées', keep: (a: TAlertSummary, userId: string) => a.draftedBy.id === userId && a.returned },
} as const;

function readMine(params: URLSearchParams): (typeof MINE)[keyof typeof MINE] | null {
  if (params.get('attente') === 'moi') return MINE.attente;
  if (params.get('renvoyees') === 'moi') return MINE.renvoyees;
  return null;
}

/** The alerts of my scope, by status: drafts, awaiting a second agent, broadcasting, done, withdrawn. */
export function AlertsAdminPage() {
  const [params] = useSearchParams();
  const status = readStatus(params);
  const alerts = useAlerts(status);
  const userId = useSession().data?.user?.id;
  const mine = readMine(params);
  // Narrowed to the reader: nothing until the session says who they are, rather than everyone's.
  const items = !mine ? alerts.data?.items : userId ? alerts.data?.items.filter((a) => mine.keep(a, userId)) : undefined;
  const tab = TABS.find((t) => t.status === status);

  return (
    <Page title="Alertes aux médecins">
      <p>
        Une alerte rédigée par un agent n’est diffusée qu’après l’approbation d’un second agent. Elle part alors par courriel aux médecins
        visés et s’affiche sur la page publique <Link to="/alertes">« Alertes en cours »</Link>.
      </p>
      <p>
        <Link className="button" to="/alertes/gestion/nouvelle">
          Rédiger une alerte
        </Link>
      </p>
      <nav className="tabs" aria-label="Filtrer les alertes par statut">
        <ul>
          {TABS.map((t) => (
            <li key={t.status || 'toutes'}>
              <Link to={`/alertes/gestion?statut=${t.status}`} aria-current={t.status === status ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {alerts.isPending ? <Loading /> : null}
      {alerts.isError ? <FormError errors={toFormErrors(alerts.error)} idPrefix="alertes" /> : null}
      {items && items.length === 0 ? <p role="status">Aucune alerte dans cette liste.</p> : null}
      {items && items.length > 0 ? (
        <div id="alertes-tableau" className="table-wrap" role="region" aria-labelledby="alertes-legende" tabIndex={0}>
          <table className="table">
            <caption id="alertes-legende">
              <span className="table__caption">
                {mine?.label ?? tab?.label ?? 'Alertes'} : {items.length} alerte{items.length > 1 ? 's' : ''}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Statut</th>
                <th scope="col">Destinataires</th>
                <th scope="col">Rédigée par</th>
                <th scope="col">Créée le</th>
              </tr>
            </thead>
            <tbody>
              {items.map((alert) => (
                <tr key={alert.id}>
                  <th scope="row">
                    <Link to={`/alertes/gestion/${encodeURIComponent(alert.id)}`}>{alert.title}</Link>
                  </th>
                  <td>
                    <span className={alertStatusTone(alert.status)}>{ALERT_STATUS_LABELS[alert.status]}</span>
                  </td>
                  <td>
                    {audienceLabel(alert.audience)}
                    {alert.recipientsTotal > 0 ? <span className="muted"> — {alert.recipientsTotal.toLocaleString('fr-FR')} médecins</span> : null}
                  </td>
                  <td>{alert.draftedBy.displayName}</td>
                  <td>{formatShortDateTime(alert.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
