import { Page } from '../../components/Page.js';

export function HeldIndicatorsPage() {
  return <Page title="Indicateurs en attente" />;
}
