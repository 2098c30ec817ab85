import { Link } from 'react-router';
import { ENTRAIDE_NATURE_LABELS, type EntraideCaseStatus } from '../../../../contracts/entraide.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useMyEntraideRequests } from './entraide.api.js';

// Worded for the person who asked: the commission's own labels (« à attribuer ») are its working words.
const STATUS_FOR_DOCTOR: Record<EntraideCaseStatus, string> = {
  recu: 'Reçue, un membre de la commission va la prendre en charge',
  en_cours: 'Suivie par un membre de la commission',
  transmis_cne: "Confiée à la commission nationale d'entraide",
  clos: 'Accompagnement terminé',
};

const STATUS_TONE: Record<EntraideCaseStatus, string> = {
  recu: 'badge badge--warning',
  en_cours: 'badge',
  transmis_cne: 'badge',
  clos: 'badge badge--muted',
};

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

/** A doctor's own requests for help, by pseudonym: nothing here names them. */
export function MyEntraideRequestsPage() {
  const mine = useMyEntraideRequests();

  let content;
  if (mine.error) content = <FormError errors={toFormErrors(mine.error)} idPrefix="mes-demandes-entraide" />;
  else if (!mine.data) content = <Loading />;
  else if (mine.data.requests.length === 0) content = <p>Vous n'avez fait aucune demande d'entraide.</p>;
  else {
    content = (
      <div className="table-wrap" role="region" aria-labelledby="mes-demandes-entraide-legende" tabIndex={0}>
        <table className="table">
          <caption id="mes-demandes-entraide-legende">
            <span className="table__caption">Mes demandes d'entraide, les plus récentes d'abord</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">État</th>
              <th scope="col">Difficulté</th>
              <th scope="col">Envoyée le</th>
            </tr>
          </thead>
          <tbody>
            {mine.data.requests.map((request) => (
              <tr key={request.reference}>
                <th scope="row" className="receipt-number">
                  Dossier {request.reference}
                </th>
                <td>
                  <span className={STATUS_TONE[request.status]}>{STATUS_FOR_DOCTOR[request.status]}</span>
                </td>
                <td>{request.natures.map((n) => ENTRAIDE_NATURE_LABELS[n]).join(', ')}</td>
                <td>{day.format(new Date(request.openedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <Page title="Mes demandes d'entraide">
      <p>Seuls les membres de la commission d'entraide de votre département connaissent votre identité.</p>
      <p>
        <Link className="button" to="/entraide/demande">
          Faire une nouvelle demande
        </Link>
      </p>
      {content}
      <p>
        Besoin de parler à quelqu'un ? <Link to="/entraide">Les lignes d'écoute et les numéros d'urgence</Link>.
      </p>
    </Page>
  );
}
