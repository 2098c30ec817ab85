import { useState } from 'react';
import { WATCH_KIND_LABELS } from '../../../../contracts/watchlists.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { WatchForm } from './WatchForm.js';
import { useRemoveWatch, useWatches } from './watchlists.api.js';

/** An agent's watchlist: what they follow, and a courriel for each new report that matches. */
export function WatchlistsPage() {
  const { data: session } = useSession();
  const ownDepartement = session?.user?.departement ?? null;
  const watches = useWatches();
  const remove = useRemoveWatch();
  const [message, setMessage] = useState<string | null>(null);
  const removeErrors = toFormErrors(remove.error);

  return (
    <Page title="Veille">
      <p className="lead">
        Recevez un courriel à chaque nouveau signalement qui mentionne un numéro ou un domaine que vous suivez, qui concerne
        un département ou qui relève d'une famille d'escroquerie.
      </p>
      <p>
        {ownDepartement
          ? `Votre compte est rattaché au département ${ownDepartement} : seuls ses signalements vous sont annoncés.`
          : 'Votre compte est national : les signalements de tous les départements vous sont annoncés.'}{' '}
        Le courriel donne le numéro de reçu et la raison de l'alerte, jamais l'identité du déclarant ni le contenu des
        échanges : vous les consultez dans Vigie.
      </p>
      <WatchForm ownDepartement={ownDepartement} onSubmit={() => setMessage(null)} onAdded={(label) => setMessage(`Vous suivez désormais « ${label} ».`)} />
      <div aria-live="polite">
        {message ? <p className="status-message">{message}</p> : null}
        {removeErrors ? (
          <Notice tone="danger" title="Retrait impossible">
            <p>{removeErrors.message}</p>
          </Notice>
        ) : null}
      </div>
      {watches.isPending ? (
        <Loading />
      ) : watches.isError ? (
        <Notice tone="danger">
          <p>{toFormErrors(watches.error)?.message}</p>
        </Notice>
      ) : watches.data.items.length === 0 ? (
        <p>Vous ne suivez encore rien.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="veille-liste" tabIndex={0}>
          <table className="table">
            <caption id="veille-liste">
              <span className="table__caption">
                Éléments suivis ({watches.data.items.length} sur {watches.data.max} au plus)
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Élément suivi</th>
                <th scope="col">Type</th>
                <th scope="col">Depuis le</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {watches.data.items.map((watch) => (
                <tr key={watch.id}>
                  <th scope="row">{watch.label}</th>
                  <td>{WATCH_KIND_LABELS[watch.kind]}</td>
                  <td>{formatDateTime(watch.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      disabled={remove.isPending}
                      onClick={() => {
                        setMessage(null);
                        remove.mutate(watch.id, { onSuccess: () => setMessage(`Vous ne suivez plus « ${watch.label} ».`) });
                      }}
                    >
                      Ne plus suivre<span className="visually-hidden"> « {watch.label} »</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
