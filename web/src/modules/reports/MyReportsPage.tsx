import { Link, useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Pagination } from '../../components/Pagination.js';
import { formatShortDateTime } from '../../lib/format.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { statusTone } from './ReportSummary.js';
import { useMyReports } from './reports.api.js';

/** A doctor's own reports, newest first, with their status. */
export function MyReportsPage() {
  const [searchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const reports = useMyReports(page);

  let content;
  if (reports.error) content = <FormError errors={toFormErrors(reports.error)} idPrefix="mes-signalements" />;
  else if (!reports.data) content = <Loading />;
  else if (reports.data.total === 0) content = <p>Vous n'avez encore fait aucun signalement.</p>;
  else {
    const { items, total, pageSize } = reports.data;
    content = (
      <>
        <div id="mes-signalements" className="table-wrap" role="region" aria-labelledby="mes-signalements-legende" tabIndex={0}>
          <table className="table">
            <caption id="mes-signalements-legende">
              <span className="table__caption">
                {total} signalement{total > 1 ? 's' : ''}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Reçu</th>
                <th scope="col">État</th>
                <th scope="col">Canal</th>
                <th scope="col">Organisme annoncé</th>
                <th scope="col">Déposé le</th>
              </tr>
            </thead>
            <tbody>
              {items.map((report) => (
                <tr key={report.receiptNumber}>
                  <th scope="row" className="receipt-number">
                    <Link to={`/mes-signalements/${encodeURIComponent(report.receiptNumber)}`}>{report.receiptNumber}</Link>
                  </th>
                  <td>
                    <span className={statusTone(report.status)}>{report.statusLabel}</span>
                  </td>
                  <td>{report.channelLabel}</td>
                  <td className="break">{report.organisationName || '—'}</td>
                  <td>{formatShortDateTime(report.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={page} pageCount={Math.ceil(total / pageSize)} hrefFor={(p) => `/mes-signalements?page=${p}`} label="Pages de mes signalements" />
      </>
    );
  }

  return (
    <Page title="Mes signalements">
      <p>
        <Link className="button" to="/signaler">
          Signaler un démarchage
        </Link>
      </p>
      {content}
    </Page>
  );
}
