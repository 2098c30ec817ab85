import { Page } from '../../components/Page.js';

export function DashboardPage() {
  return <Page title="Tableau de bord" />;
}
