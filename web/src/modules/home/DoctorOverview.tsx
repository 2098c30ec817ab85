import { Link } from 'react-router';
import { CONTACT_STATE_LABELS, type TDoctorHome } from '../../../../contracts/home.schemas.js';
import { Notice } from '../../components/Notice.js';
import { formatShortDateTime } from '../../lib/format.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useHomeWork } from './home.api.js';

/** A doctor's « where things stand »: their latest reports, the current alerts, their record. */
export function DoctorOverview() {
  const work = useHomeWork();
  const doctor = work.data?.doctor;
  if (work.isError) return <p role="status">Vos informations sont indisponibles : {toFormErrors(work.error)?.message ?? 'réessayez plus tard'}.</p>;
  if (!doctor) return work.isPending ? <p role="status">Chargement de vos informations…</p> : null;
  return (
    <>
      <ContactState contact={doctor.contact} />
      <section className="section" aria-labelledby="mes-derniers-signalements">
        <h2 id="mes-derniers-signalements">Mes derniers signalements</h2>
        {doctor.reports.length === 0 ? (
          <p>
            Vous n’avez encore fait aucun signalement. <Link to="/signaler">Signaler un démarchage</Link>
          </p>
        ) : (
          <>
            <ul className="work-list">
              {doctor.reports.map((r) => (
                <li key={r.receiptNumber}>
                  <Link className="receipt-number" to={`/mes-signalements/${encodeURIComponent(r.receiptNumber)}`}>
                    {r.receiptNumber}
                  </Link>, déposé le {formatShortDateTime(r.createdAt)} : <strong>{r.statusLabel}</strong>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/mes-signalements">
                {doctor.reportsTotal > doctor.reports.length ? `Voir mes ${doctor.reportsTotal.toLocaleString('fr-FR')} signalements` : 'Voir mes signalements'}
              </Link>
            </p>
          </>
        )}
      </section>
      <section className="section" aria-labelledby="alertes-en-cours">
        <h2 id="alertes-en-cours">Alertes en cours</h2>
        {doctor.alerts.total === 0 ? (
          <p>Aucune alerte en cours.</p>
        ) : (
          <>
            <ul className="work-list">
              {doctor.alerts.latest.map((a) => (
                <li key={a.id}>
                  <strong>{a.title}</strong> ({formatShortDateTime(a.publishedAt)})
                </li>
              ))}
            </ul>
            <p>
              <Link to="/alertes">{doctor.alerts.total > 1 ? `Lire les ${doctor.alerts.total.toLocaleString('fr-FR')} alertes en cours` : 'Lire l’alerte en cours'}</Link>
            </p>
          </>
        )}
      </section>
    </>
  );
}

function ContactState({ contact }: { contact: TDoctorHome['contact'] }) {
  const line = (
    <p>
      {CONTACT_STATE_LABELS[contact]} <Link to="/mes-coordonnees">Mes coordonnées</Link>
    </p>
  );
  // Up to date reads calmly; anything pending or blocked stands out.
  return (
    <section className="section" aria-labelledby="mes-coordonnees-etat">
      <h2 id="mes-coordonnees-etat">État de mes coordonnées</h2>
      {contact === 'a_jour' ? line : <Notice tone={contact === 'gelee' || contact === 'sans_fiche' ? 'danger' : 'info'}>{line}</Notice>}
    </section>
  );
}
