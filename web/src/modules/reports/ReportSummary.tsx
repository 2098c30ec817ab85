import { REPORT_VERDICT_REPORTER_LABELS } from '../../../../contracts/report-vocabulary.js';
import { formatDateTime } from '../../lib/format.js';
import type { TReportSummary } from './reports.api.js';
import { Detail, Details } from '../../components/Details.js';


export function statusTone(status: TReportSummary['status']): string {
  if (status === 'qualifie') return 'badge badge--danger';
  if (status === 'classe_sans_suite' || status === 'fusionne') return 'badge badge--muted';
  if (status === 'en_attente_confirmation') return 'badge badge--warning';
  return 'badge';
}

/** What a reporter sees of their report: status and the facts they gave, never the council's notes. */
export function ReportSummary({ report }: { report: TReportSummary }) {
  return (
    <Details>
      <Detail label="Numéro de reçu" className="receipt-number">{report.receiptNumber}</Detail>
      <Detail label="État">
        <span className={statusTone(report.status)}>{report.statusLabel}</span>
      </Detail>
      <Detail label="Canal">{report.channelLabel}</Detail>
      {report.occurredOn ? (
        <Detail label="Date du démarchage">{new Date(`${report.occurredOn}T12:00:00`).toLocaleDateString('fr-FR', { dateStyle: 'long' })}</Detail>
      ) : null}
      {report.organisationName ? <Detail label="Organisme annoncé" className="break">{report.organisationName}</Detail> : null}
      {report.verdict ? <Detail label="Analyse automatique">{REPORT_VERDICT_REPORTER_LABELS[report.verdict]}</Detail> : null}
      <Detail label="Pièces jointes">{report.attachmentCount}</Detail>
      <Detail label="Anonyme vis-à-vis des organismes destinataires">{report.pseudonymous ? 'Oui' : 'Non'}</Detail>
      <Detail label="Déposé le">{formatDateTime(report.createdAt)}</Detail>
      <Detail label="Dernière mise à jour">{formatDateTime(report.updatedAt)}</Detail>
    </Details>
  );
}
