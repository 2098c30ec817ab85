import { Page } from '../../components/Page.js';

export function ReportDetailPage() {
  return <Page title="Signalement" />;
}
