import { Page } from '../../components/Page.js';

export function ReportFollowPage() {
  return <Page title="Suivre mon signalement" />;
}
