import { Page } from '../../components/Page.js';

export function ReportPage() {
  return <Page title="Signaler un démarchage" />;
}
