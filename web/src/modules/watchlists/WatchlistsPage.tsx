import { Page } from '../../components/Page.js';

export function WatchlistsPage() {
  return <Page title="Veille" />;
}
