import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { ReportDossierLink } from '../../components/sharing/ReportDossierLink.js';
import { useReport } from './triage.api.js';
import { StatusBadge, VerdictBadge } from './badges.js';
import { ReportActions } from './ReportActions.js';
import { ReportAnalysis } from './ReportAnalysis.js';
import { ReportExchanges } from './ReportExchanges.js';
import { ReportFacts, ReporterDetails } from './ReportFacts.js';
import { ReportNotes } from './ReportNotes.js';

/**
 * One signalement with everything the council holds. Opening it shows the reporter's identity: the read
 * is written to the audit log, so the page reads it once per visit.
 */
export function ReportDetailPage() {
  const { id = '' } = useParams();
  const { data: session } = useSession();
  const query = useReport(id);
  const [message, setMessage] = useState('');
  const report = query.data;

  return (
    <Page title={report ? `Signalement ${report.receiptNumber}` : 'Signalement'}>
      <p>
        <Link to="/signalements">Retour aux signalements</Link>
      </p>
      <p className="audit-note">Consultation enregistrée dans le journal d'audit.</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="signalement" /> : null}
      {report ? (
        <>
          <div className="status-line">
            <StatusBadge status={report.status} />
            <VerdictBadge verdict={report.verdict} />
            <span>Attribué à : {report.assignee?.displayName ?? 'personne'}</span>
          </div>
          {report.qualifiedAt ? <p>Qualifié le {formatDateTime(report.qualifiedAt)}.</p> : null}
          {report.closedAt ? <p>Classé sans suite le {formatDateTime(report.closedAt)}.</p> : null}
          {report.mergedInto ? (
            <Notice title="Doublon">
              <p>
                Ce signalement a été fusionné dans{' '}
                <Link to={`/signalements/${encodeURIComponent(report.mergedInto.id)}`}>{report.mergedInto.receiptNumber}</Link>.
              </p>
            </Notice>
          ) : null}
          {report.campaign ? (
            <p>
              Campagne :{' '}
              <Link to={`/campagnes/${encodeURIComponent(report.campaign.id)}`}>
                {report.campaign.reference} — {report.campaign.label}
              </Link>
            </p>
          ) : null}
          <ReportDossierLink reportId={report.id} />
          <div aria-live="polite">
            {message ? (
              <Notice tone="success">
                <p>{message}</p>
              </Notice>
            ) : null}
          </div>
          <ReportActions report={report} userId={session?.user?.id} onMessage={setMessage} onReload={() => void query.refetch()} />
          <ReportFacts report={report} />
          <ReporterDetails reporter={report.reporter} />
          <ReportAnalysis report={report} />
          <ReportExchanges report={report} />
          {report.duplicates.length > 0 ? (
            <section className="section" aria-labelledby="signalement-doublons">
              <h2 id="signalement-doublons">Doublons fusionnés</h2>
              <ul>
                {report.duplicates.map((duplicate) => (
                  <li key={duplicate.id}>
                    <Link to={`/signalements/${encodeURIComponent(duplicate.id)}`}>{duplicate.receiptNumber}</Link>, reçu le{' '}
                    {formatDateTime(duplicate.createdAt)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <ReportNotes reportId={report.id} notes={report.notes} />
        </>
      ) : null}
    </Page>
  );
}
