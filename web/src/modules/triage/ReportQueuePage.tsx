import { Page } from '../../components/Page.js';

export function ReportQueuePage() {
  return <Page title="Signalements reçus" />;
}
