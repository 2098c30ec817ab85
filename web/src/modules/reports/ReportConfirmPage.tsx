import { Link, useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { EntraideOffer } from '../../components/entraide/EntraideOffer.js';
import { FormError } from '../../components/FormError.js';
import { InvalidLinkNotice, isTokenRejected } from '../../components/OneTimeLinkNotices.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { GuidanceList } from './GuidanceList.js';
import { useConfirmReport } from './reports.api.js';

/**
 * Reached from the emailed confirmation link. The token is sent by a button press, not on page load, so
 * a mail client or antivirus that prefetches links cannot confirm in the reporter's place.
 */
export function ReportConfirmPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  const confirm = useConfirmReport();

  let content;
  if (!token || isTokenRejected(confirm.error)) {
    content = (
      <InvalidLinkNotice>
        <p>Ce lien est invalide, expiré (il est valable 48 heures) ou a déjà servi.</p>
        <p>
          Si vous avez déjà confirmé, le reçu vous a été envoyé par courriel. Sinon, <Link to="/signaler">déposez un nouveau signalement</Link>.
        </p>
      </InvalidLinkNotice>
    );
  } else if (confirm.data) {
    content = (
      <>
        <Notice tone="success" title="Signalement confirmé" focus>
          <p>
            Merci : votre signalement est transmis au conseil. Votre numéro de reçu est{' '}
            <strong className="receipt-number">{confirm.data.receiptNumber}</strong>.
          </p>
          <p>Le reçu et un lien personnel pour suivre son traitement viennent de vous être envoyés par courriel.</p>
        </Notice>
        <GuidanceList items={confirm.data.guidance} />
        <EntraideOffer consequences={confirm.data.consequences} />
      </>
    );
  } else {
    content = (
      <div className="card">
        <p>Confirmez votre adresse pour que votre signalement soit transmis au conseil de l'Ordre.</p>
        <FormError errors={toFormErrors(confirm.error)} idPrefix="confirmer" />
        <div className="form__actions">
          <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate(token)}>
            Confirmer mon signalement
          </button>
        </div>
        <div aria-live="polite">{confirm.isPending ? <Loading label="Confirmation en cours…" /> : null}</div>
      </div>
    );
  }

  return <Page title="Confirmer mon signalement">{content}</Page>;
}
