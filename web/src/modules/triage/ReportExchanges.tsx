import { type TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { ATTACHMENT_ORIGIN_LABELS, SCAN_STATUS_LABELS } from '../../../../contracts/report-vocabulary.js';
import { formatShortDateTime } from '../../lib/format.js';
import { AttachmentPreview } from './AttachmentPreview.js';
import { attachmentUrl } from './triage.api.js';

const MEDIA_LABELS: Record<string, string> = {
  'message/rfc822': 'Courriel (.eml)',
  'application/vnd.ms-outlook': 'Courriel Outlook (.msg)',
  'text/plain': 'Texte',
  'application/pdf': 'PDF',
  'image/png': 'Image PNG',
  'image/jpeg': 'Image JPEG',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/**
 * The copy of the exchanges: the pasted text, shown as text (never as HTML), and the files: listed with
 * what was checked about them, previewed inline as the server redrew them (an image, or plain text; the
 * file itself is never opened in Vigie's page), and downloadable. Each preview and each download is
 * written to the audit log.
 */
export function ReportExchanges({ report }: { report: TTriageReportDetail }) {
  return (
    <section className="section" aria-labelledby="signalement-echanges">
      <h2 id="signalement-echanges">Copie des échanges</h2>
      <h3>Texte collé</h3>
      {report.pastedText ? <pre className="triage-pasted">{report.pastedText}</pre> : <p className="muted">Aucun texte collé.</p>}
      <h3>Fichiers</h3>
      {report.attachments.length === 0 ? (
        <p className="muted">Aucun fichier.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="signalement-fichiers" tabIndex={0}>
          <table className="table">
            <caption id="signalement-fichiers">
              <span className="table__caption">Fichiers joints ({report.attachments.length})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type détecté</th>
                <th scope="col">Taille</th>
                <th scope="col">Provenance</th>
                <th scope="col">Antivirus</th>
                <th scope="col">Empreinte SHA-256</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {report.attachments.map((file) => (
                <tr key={file.id}>
                  <th scope="row" className="triage-file-name">
                    {file.fileName}
                    {file.fromDuplicate ? <span className="triage-table__sub">Doublon {file.receiptNumber}</span> : null}
                  </th>
                  <td>{MEDIA_LABELS[file.mediaType] ?? file.mediaType}</td>
                  <td>{formatSize(file.sizeBytes)}</td>
                  <td>
                    {ATTACHMENT_ORIGIN_LABELS[file.origin]}
                    <span className="triage-table__sub">{formatShortDateTime(file.createdAt)}</span>
                  </td>
                  <td>{SCAN_STATUS_LABELS[file.scanStatus]}</td>
                  <td>
                    <code className="triage-hash" title={file.sha256}>
                      {file.sha256.slice(0, 16)}…
                    </code>
                  </td>
                  <td>
                    <a href={attachmentUrl(file.reportId, file.id)} download>
                      Télécharger<span className="visually-hidden"> « {file.fileName} »</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.attachments.length > 0 ? (
        <>
          <h3>Aperçus</h3>
          <ul className="attachment-previews">
            {report.attachments.map((file) => (
              <li key={file.id}>
                <AttachmentPreview file={file} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
