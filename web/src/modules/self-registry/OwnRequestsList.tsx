import type { TOwnChangeRequest } from '../../../../contracts/registry.schemas.js';
import { formatShortDateTime } from '../../lib/format.js';
import { CHANGE_CHANNEL_LABELS, CHANGE_STATUS_DOCTOR_LABELS } from '../../../../contracts/registry.schemas.js';
import { changeStatusTone, fieldLabel } from '../../components/registry/labels.js';

// Worded for the doctor: the hold reasons and agents stay with the council.
const STATUS_FOR_DOCTOR = CHANGE_STATUS_DOCTOR_LABELS;

/** The doctor's own requests, without the council's internal notes. */
export function OwnRequestsList({ requests }: { requests: TOwnChangeRequest[] }) {
  const id = 'mes-demandes';
  return (
    <section className="section" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Mes demandes</h2>
      {requests.length === 0 ? (
        <p>Aucune demande de modification.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
          <table className="table">
            <caption id={`${id}-legende`}>
              <span className="table__caption">Mes demandes de modification, les plus récentes d'abord</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Date</th>
                <th scope="col">Coordonnées</th>
                <th scope="col">Origine</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row">{request.reference}</th>
                  <td>{formatShortDateTime(request.createdAt)}</td>
                  <td>{Object.keys(request.requested).map(fieldLabel).join(', ')}</td>
                  <td>{CHANGE_CHANNEL_LABELS[request.channel]}</td>
                  <td>
                    <span className={changeStatusTone(request.status)}>{STATUS_FOR_DOCTOR[request.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
