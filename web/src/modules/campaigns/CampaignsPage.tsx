import { Page } from '../../components/Page.js';

export function CampaignsPage() {
  return <Page title="Campagnes" />;
}
