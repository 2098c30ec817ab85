import { Page } from '../../components/Page.js';

export function CampaignPage() {
  return <Page title="Campagne" />;
}
