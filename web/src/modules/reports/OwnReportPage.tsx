import { Link, useParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatByteLimit } from '../../../../contracts/reports.schemas.js';
import { GuidanceList } from './GuidanceList.js';
import { ReportSummary } from './ReportSummary.js';
import { useOwnReport, type TOwnReport } from './reports.api.js';
import { Detail, Details } from '../../components/Details.js';

/** What the doctor wrote and sent, kept as they typed it (never typeset: translate="no"). */
function WhatWasSent({ report }: { report: TOwnReport }) {
  const facts: [string, string][] = [
    ['Ce que vous avez décrit', report.description],
    ['Copie des échanges', report.pastedText],
    ['Numéro appelant', report.callerNumber],
    ['Expéditeur', report.sender],
  ];
  return (
    <section className="section" aria-labelledby="ce-que-vous-avez-envoye">
      <h2 id="ce-que-vous-avez-envoye">Ce que vous avez envoyé</h2>
      <Details>
        {facts
          .filter(([, value]) => value.trim() !== '')
          .map(([label, value]) => (
            <Detail key={label} label={label} className="public-alert__text break" translate="no">
              {value}
            </Detail>
          ))}
        {report.links.length > 0 ? (
          <Detail label="Liens" className="break" translate="no">
            {report.links.join(' ')}
          </Detail>
        ) : null}
      </Details>
      {report.attachments.length > 0 ? (
        <>
          <h3>Fichiers joints</h3>
          <ul>
            {report.attachments.map((file, index) => (
              <li key={`${file.fileName}-${index}`} className="break">
                {file.fileName} ({formatByteLimit(file.sizeBytes)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A report the doctor sent, reopened from « Mes signalements »: its status, what they sent, the guidance. */
export function OwnReportPage() {
  const { recu = '' } = useParams();
  const report = useOwnReport(recu);
  return (
    <Page title={`Signalement ${recu}`}>
      <p>
        <Link to="/mes-signalements">Retour à mes signalements</Link>
      </p>
      {report.error ? <FormError errors={toFormErrors(report.error)} idPrefix="mon-signalement" /> : null}
      {report.isPending ? <Loading /> : null}
      {report.data ? (
        <>
          <ReportSummary report={report.data} />
          <WhatWasSent report={report.data} />
          <GuidanceList items={report.data.guidance} headingId="mon-signalement-conseils" />
        </>
      ) : null}
    </Page>
  );
}
