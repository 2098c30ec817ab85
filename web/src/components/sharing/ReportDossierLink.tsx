import { DownloadStatus } from './DownloadStatus.js';
import { dossierPath, useFileDownload } from './sharing.api.js';

/** Link to a report's dossier as a PDF, shown on the report's back-office page. */
export function ReportDossierLink({ reportId }: { reportId: string }) {
  const download = useFileDownload();
  return (
    <div className="sharing-dossier">
      <button
        type="button"
        className="button button--secondary"
        disabled={download.isPending}
        aria-describedby="dossier-pdf-aide"
        onClick={() => download.mutate({ path: dossierPath(reportId), fallbackName: 'dossier-signalement.pdf' })}
      >
        {download.isPending ? 'Préparation du dossier…' : 'Télécharger le dossier (PDF)'}
      </button>
      <p id="dossier-pdf-aide" className="hint">
        À joindre à une plainte : faits, analyse, copie des échanges et captures d'écran. Les notes internes n'y figurent
        pas ; l'identité d'un déclarant pseudonyme non plus. Le téléchargement est enregistré dans le journal d'audit.
      </p>
      <DownloadStatus error={download.error} file={download.data} failureTitle="Dossier indisponible" />
    </div>
  );
}
