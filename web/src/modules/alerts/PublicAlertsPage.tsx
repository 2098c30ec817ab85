import { Page } from '../../components/Page.js';

export function PublicAlertsPage() {
  return <Page title="Alertes en cours" />;
}
