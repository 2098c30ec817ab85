import { Page } from '../../components/Page.js';

export function AlertsAdminPage() {
  return <Page title="Alertes aux médecins" />;
}
