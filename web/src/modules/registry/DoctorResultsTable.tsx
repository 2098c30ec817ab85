import { Link } from 'react-router';
import type { DoctorSearchResult } from './registry.api.js';
import { DOCTOR_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';

export function DoctorResultsTable({ id, doctors, caption }: {
  id: string;
  doctors: DoctorSearchResult['items'];
  caption: string;
}) {
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">RPPS</th>
            <th scope="col">Spécialité</th>
            <th scope="col">Ville d'exercice</th>
            <th scope="col">Département</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {doctors.map((doctor) => (
            <tr key={doctor.id}>
              <th scope="row">
                <Link to={`/tableau/medecins/${encodeURIComponent(doctor.id)}`}>{doctor.displayName}</Link>
                {doctor.frozen ? (
                  <>
                    {' '}
                    <span className="badge badge--danger">Fiche gelée</span>
                  </>
                ) : null}
              </th>
              <td>{doctor.rpps}</td>
              <td>{doctor.specialty || '—'}</td>
              <td>{doctor.proCity || '—'}</td>
              <td>{doctor.departement}</td>
              <td>{DOCTOR_STATUS_LABELS[doctor.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
