import { Link } from 'react-router';
import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { formatShortDateTime } from '../../lib/format.js';
import { CHANGE_CHANNEL_LABELS, CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';
import { changeStatusTone, fieldLabel } from '../../components/registry/labels.js';

/** Change requests, newest first; the reference opens the request. */
export function ChangeRequestsTable({ id, requests, caption, withDoctor = false }: {
  id: string;
  requests: TChangeRequestView[];
  caption: string;
  /** In the queue: a link to each request's record. */
  withDoctor?: boolean;
}) {
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Référence</th>
            <th scope="col">Statut</th>
            <th scope="col">Demande</th>
            <th scope="col">Reçue</th>
            <th scope="col">Date</th>
            {withDoctor ? <th scope="col">Fiche</th> : null}
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id}>
              <th scope="row">
                <Link to={`/tableau/demandes/${encodeURIComponent(request.id)}`}>{request.reference}</Link>
              </th>
              <td>
                <span className={changeStatusTone(request.status)}>{CHANGE_STATUS_LABELS[request.status]}</span>
              </td>
              <td>
                {CHANGE_KIND_LABELS[request.kind]}
                <span className="muted"> : {Object.keys(request.requested).map(fieldLabel).join(', ').toLowerCase()}</span>
              </td>
              <td>{CHANGE_CHANNEL_LABELS[request.channel]}</td>
              <td>{formatShortDateTime(request.createdAt)}</td>
              {withDoctor ? (
                <td>
                  {request.doctorId ? (
                    <Link to={`/tableau/medecins/${encodeURIComponent(request.doctorId)}`}>
                      Ouvrir la fiche<span className="visually-hidden"> de la demande {request.reference}</span>
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
