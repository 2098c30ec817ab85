import { Link } from 'react-router';
import type { TAnalysis } from '../../../../contracts/checks.schemas.js';
import { prefillFromAnalysis } from './report-prefill.js';

/**
 * « Signaler ce message à l'Ordre » under a verdict: opens the report form with the checked message
 * prefilled, through the router state. Nothing is sent until the reporter submits the form.
 */
export function ReportMessageButton({ analysis }: { analysis: TAnalysis }) {
  return (
    <Link className="button" to="/signaler" state={{ reportPrefill: prefillFromAnalysis(analysis) }}>
      Signaler ce message à l'Ordre
    </Link>
  );
}
