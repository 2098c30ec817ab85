import { Page } from '../../components/Page.js';

export function AlertPage() {
  return <Page title="Alerte" />;
}
