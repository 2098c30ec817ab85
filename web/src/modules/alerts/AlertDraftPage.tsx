import { Page } from '../../components/Page.js';

export function AlertDraftPage() {
  return <Page title="Nouvelle alerte" />;
}
