/** Link to a report's dossier as a PDF, shown on the report's back-office page. */
export function ReportDossierLink(_props: { reportId: string }) {
  return null;
}
