import { Link, useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { FormError } from '../../components/FormError.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { ReportSummary } from './ReportSummary.js';
import { useFollowReport } from './reports.api.js';

/** Reached from the personal follow link mailed with the receipt (reporters without an account). */
export function ReportFollowPage() {
  const [searchParams] = useSearchParams();
  const receipt = searchParams.get('recu') ?? '';
  const token = searchParams.get('jeton') ?? '';
  const follow = useFollowReport(receipt, token);

  let content;
  const unknown = !receipt || !token || (follow.error instanceof ApiError && (follow.error.code === 'NOT_FOUND' || follow.error.status === 400));
  if (unknown) {
    content = (
      <Notice tone="warning" title="Lien de suivi invalide">
        <p>Ce lien ne correspond à aucun signalement. Ouvrez le lien tel qu'il figure dans le courriel de reçu, sans le modifier.</p>
        <p>
          Vous êtes médecin avec un compte Vigie ? Vos signalements sont dans <Link to="/mes-signalements">Mes signalements</Link>.
        </p>
      </Notice>
    );
  } else if (follow.error) {
    content = <FormError errors={toFormErrors(follow.error)} idPrefix="suivi" />;
  } else if (!follow.data) {
    content = <Loading />;
  } else {
    content = (
      <>
        <ReportSummary report={follow.data} />
        <p className="muted">
          Le conseil examine chaque signalement ; il ne répond pas individuellement à chacun, mais vos informations servent à
          regrouper les démarchages et à alerter les médecins.
        </p>
      </>
    );
  }

  return <Page title="Suivre mon signalement">{content}</Page>;
}
