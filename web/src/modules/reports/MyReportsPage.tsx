import { Page } from '../../components/Page.js';

export function MyReportsPage() {
  return <Page title="Mes signalements" />;
}
