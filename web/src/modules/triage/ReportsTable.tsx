import { Link } from 'react-router';
import { type TTriageQueueItem } from '../../../../contracts/triage.schemas.js';
import { REPORT_CHANNEL_LABELS } from '../../../../contracts/report-vocabulary.js';
import { formatShortDateTime } from '../../lib/format.js';
import { StatusBadge, VerdictBadge } from './badges.js';

/** One line per signalement. Everything is rendered as text: organisation names and excerpts come from outside. */
export function ReportsTable({ id, reports, caption }: { id: string; reports: TTriageQueueItem[]; caption: string }) {
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table triage-table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Signalement</th>
            <th scope="col">Reçu le</th>
            <th scope="col">Canal</th>
            <th scope="col">Verdict</th>
            <th scope="col">Organisme invoqué</th>
            <th scope="col">Département</th>
            <th scope="col">Statut</th>
            <th scope="col">Attribué à</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id}>
              <th scope="row">
                <Link to={`/signalements/${encodeURIComponent(report.id)}`}>{report.receiptNumber}</Link>
                {report.campaign ? <span className="triage-table__sub">Campagne {report.campaign.reference}</span> : null}
              </th>
              <td>{formatShortDateTime(report.createdAt)}</td>
              <td>{REPORT_CHANNEL_LABELS[report.channel]}</td>
              <td>
                <VerdictBadge verdict={report.verdict} />
              </td>
              <td>
                {report.organisationName || '—'}
                {report.excerpt ? <span className="triage-table__sub">{report.excerpt}</span> : null}
              </td>
              <td>{report.departement ?? 'Aucun'}</td>
              <td>
                <StatusBadge status={report.status} />
              </td>
              <td>{report.assignee?.displayName ?? <span className="muted">Personne</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
