import { Link } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { usePublicAlerts } from './alerts.api.js';
import { formatDay } from './labels.js';
import { PublicAlertCard } from './AlertPreview.js';

/** « Alertes en cours »: what the Ordre currently warns doctors about, readable by anyone, on a phone too. */
export function PublicAlertsPage() {
  const alerts = usePublicAlerts();
  const items = alerts.data?.items;

  return (
    <Page title="Alertes en cours">
      <p className="lead">
        Les alertes de l’Ordre des médecins sur les démarchages abusifs et les escroqueries qui visent les médecins. Une alerte reçue par
        courriel au nom de l’Ordre doit figurer sur cette page : sinon, méfiez-vous.
      </p>
      {alerts.isPending ? <Loading /> : null}
      {alerts.isError ? <Notice tone="danger">Les alertes n’ont pas pu être chargées. Réessayez dans un instant.</Notice> : null}
      {items && items.length === 0 ? <p role="status">Aucune alerte en cours.</p> : null}
      {items && items.length > 0 ? (
        <ol className="public-alerts">
          {items.map((alert) => (
            <li key={alert.id}>
              <PublicAlertCard
                alert={alert}
                headingId={`alerte-${alert.id}`}
                publishedAt={
                  <p className="muted">
                    Publiée le <time dateTime={alert.publishedAt}>{formatDay(alert.publishedAt)}</time>
                  </p>
                }
              />
            </li>
          ))}
        </ol>
      ) : null}
      <p>
        Vous avez reçu un message suspect ? <Link to="/verifier">Vérifiez-le</Link> ou <Link to="/signaler">signalez-le à l’Ordre</Link>.
      </p>
    </Page>
  );
}
