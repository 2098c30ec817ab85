import { Page } from '../../components/Page.js';

export function ReportConfirmPage() {
  return <Page title="Confirmer mon signalement" />;
}
