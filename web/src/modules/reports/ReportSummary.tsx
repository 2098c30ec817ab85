import { REPORT_VERDICT_REPORTER_LABELS } from '../../../../contracts/report-vocabulary.js';
import { formatDateTime } from '../../lib/format.js';
import type { TReportSummary } from './reports.api.js';


export function statusTone(status: TReportSummary['status']): string {
  if (status === 'qualifie') return 'badge badge--danger';
  if (status === 'classe_sans_suite' || status === 'fusionne') return 'badge badge--muted';
  if (status === 'en_attente_confirmation') return 'badge badge--warning';
  return 'badge';
}

/** What a reporter sees of their report: status and the facts they gave, never the council's notes. */
export function ReportSummary({ report }: { report: TReportSummary }) {
  return (
    <dl className="details">
      <div>
        <dt>Numéro de reçu</dt>
        <dd className="receipt-number">{report.receiptNumber}</dd>
      </div>
      <div>
        <dt>État</dt>
        <dd>
          <span className={statusTone(report.status)}>{report.statusLabel}</span>
        </dd>
      </div>
      <div>
        <dt>Canal</dt>
        <dd>{report.channelLabel}</dd>
      </div>
      {report.occurredOn ? (
        <div>
          <dt>Date du démarchage</dt>
          <dd>{new Date(`${report.occurredOn}T12:00:00`).toLocaleDateString('fr-FR', { dateStyle: 'long' })}</dd>
        </div>
      ) : null}
      {report.organisationName ? (
        <div>
          <dt>Organisme annoncé</dt>
          <dd className="break">{report.organisationName}</dd>
        </div>
      ) : null}
      {report.verdict ? (
        <div>
          <dt>Analyse automatique</dt>
          <dd>{REPORT_VERDICT_REPORTER_LABELS[report.verdict]}</dd>
        </div>
      ) : null}
      <div>
        <dt>Pièces jointes</dt>
        <dd>{report.attachmentCount}</dd>
      </div>
      <div>
        <dt>Anonyme vis-à-vis des organismes destinataires</dt>
        <dd>{report.pseudonymous ? 'Oui' : 'Non'}</dd>
      </div>
      <div>
        <dt>Déposé le</dt>
        <dd>{formatDateTime(report.createdAt)}</dd>
      </div>
      <div>
        <dt>Dernière mise à jour</dt>
        <dd>{formatDateTime(report.updatedAt)}</dd>
      </div>
    </dl>
  );
}
