import { useState } from 'react';
import { Link } from 'react-router';
import { Loading, Page } from '../components/Page.js';
import { Notice } from '../components/Notice.js';
import { toFormErrors } from '../lib/form-errors.js';
import { AnalysisResult } from '../modules/checks/AnalysisResult.js';
import { CheckForm } from '../modules/checks/CheckForm.js';
import { useAnalysis } from '../modules/checks/checks.api.js';
import { usePublicAlerts } from '../modules/alerts/alerts.api.js';
import { formatDay } from '../modules/alerts/labels.js';

/** The latest alerts, by title: the full text is on « Alertes en cours ». */
function CurrentAlerts() {
  const alerts = usePublicAlerts();
  const items = alerts.data?.items.slice(0, 5);
  return (
    <section aria-labelledby="alertes-en-cours" className="public-home__alerts">
      <h2 id="alertes-en-cours">Alertes en cours</h2>
      {alerts.isPending ? <Loading /> : null}
      {alerts.isError ? <Notice tone="danger">Les alertes n’ont pas pu être chargées. Réessayez dans un instant.</Notice> : null}
      {items && items.length === 0 ? <p>Aucune alerte en cours.</p> : null}
      {items && items.length > 0 ? (
        <ul>
          {items.map((alert) => (
            <li key={alert.id}>
              <Link to={`/alertes#alerte-${alert.id}`}>{alert.title}</Link>{' '}
              <span className="muted">
                (publiée le <time dateTime={alert.publishedAt}>{formatDay(alert.publishedAt)}</time>)
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/alertes">Toutes les alertes en cours</Link>
      </p>
    </section>
  );
}

/**
 * The front page without an account: check a message at once, and see what the Ordre warns about. It
 * composes two modules (checks, alerts), so it lives with the shell, as App.tsx does.
 */
export function PublicHome() {
  const analysis = useAnalysis();
  const [round, setRound] = useState(0);
  return (
    <Page title="Accueil" heading="Un message vous semble suspect ?">
      <p className="lead">
        Vigie est le service de l’Ordre des médecins contre les escroqueries qui visent les médecins. Collez un SMS, un courriel, un lien
        ou un numéro : Vigie vous dit s’il ressemble à une arnaque. Rien n’est conservé.
      </p>
      <CheckForm
        key={round}
        focusText={round > 0}
        errors={toFormErrors(analysis.error)}
        pending={analysis.isPending}
        onSubmit={(body) => analysis.mutate(body)}
      />
      <div aria-live="polite">
        {analysis.isPending ? <Loading label="Vérification en cours…" /> : null}
        {analysis.data ? (
          <AnalysisResult
            analysis={analysis.data}
            onRestart={() => {
              analysis.reset();
              setRound((r) => r + 1);
            }}
          />
        ) : null}
      </div>
      <CurrentAlerts />
      <section aria-labelledby="aussi">
        <h2 id="aussi">Vous pouvez aussi</h2>
        <ul>
          <li>
            <Link to="/signaler">Signaler une tentative d’escroquerie à l’Ordre</Link>
          </li>
          <li>
            <Link to="/messages-authentiques">Reconnaître un message authentique de l’Ordre</Link>
          </li>
          <li>
            <Link to="/entraide">Demander de l’aide : entraide ordinale, médecins en difficulté</Link>
          </li>
          <li>
            <Link to="/connexion">Se connecter à votre espace</Link>
          </li>
        </ul>
      </section>
    </Page>
  );
}
