import { DPC_REPORTER_PROTECTION } from '../../../../contracts/dpc-filing.schemas.js';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../components/FormError.js';
import { Loading, Page } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useMySignalements } from './dpc-filing.api.js';

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** /vigilance-dpc/mes-signalements: a doctor's own DPC signalements and their plain status. */
export function MySignalementsPage() {
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const mine = useMySignalements(page);

  let content;
  if (mine.error) content = <FormError errors={toFormErrors(mine.error)} idPrefix="mes-signalements-dpc" />;
  else if (!mine.data) content = <Loading />;
  else if (mine.data.total === 0) content = <p>Vous n’avez fait aucun signalement de formation.</p>;
  else {
    const pageCount = Math.ceil(mine.data.total / mine.data.pageSize);
    content = (
      <>
        <div className="table-wrap" role="region" aria-labelledby="mes-signalements-dpc-legende" tabIndex={0}>
          <table className="table">
            <caption id="mes-signalements-dpc-legende">
              <span className="table__caption">Mes signalements DPC, les plus récents d’abord</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Nature</th>
                <th scope="col">Objet</th>
                <th scope="col">État</th>
                <th scope="col">Déposé le</th>
              </tr>
            </thead>
            <tbody>
              {mine.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="receipt-number">{item.reference}</th>
                  <td>{item.kindLabel}</td>
                  <td>{item.subjectLabel}</td>
                  <td><span className="badge">{item.publicStatusLabel}</span></td>
                  <td>{day.format(new Date(item.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/vigilance-dpc/mes-signalements?page=${p}`} label="Pages de mes signalements DPC" />
      </>
    );
  }

  return (
    <Page title="Mes signalements DPC">
      <p>{DPC_REPORTER_PROTECTION}</p>
      <p>
        <Link className="button" to="/vigilance-dpc/signaler">
          Signaler une formation
        </Link>
      </p>
      {content}
    </Page>
  );
}
