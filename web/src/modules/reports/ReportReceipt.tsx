import { Link } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { EntraideOffer } from '../../components/entraide/EntraideOffer.js';
import { GuidanceList } from './GuidanceList.js';
import type { TReportFiled } from './reports.api.js';

/** Shown in place of the form once the report is filed: the receipt number and what to do next. */
export function ReportReceipt({ filed, email, onRestart }: { filed: TReportFiled; email: string | null; onRestart: () => void }) {
  return (
    <div className="report-receipt">
      {filed.confirmationRequired ? (
        <Notice tone="warning" title="Dernière étape : confirmez votre adresse" focus>
          <p>
            Un courriel vient d'être envoyé{email ? <> à <strong className="break">{email}</strong></> : null}. Ouvrez le lien
            qu'il contient dans les 48 heures : sans cette confirmation, le signalement ne sera pas transmis au conseil.
          </p>
          <p>
            Numéro de reçu : <strong className="receipt-number">{filed.receiptNumber}</strong>
          </p>
        </Notice>
      ) : (
        <Notice tone="success" title="Signalement enregistré" focus>
          <p>
            Merci. Votre numéro de reçu est <strong className="receipt-number">{filed.receiptNumber}</strong> : rappelez-le dans
            tout échange avec le conseil ou dans une plainte. Il vous a aussi été envoyé par courriel.
          </p>
          <p>
            <Link to="/mes-signalements">Suivre mes signalements</Link>
          </p>
        </Notice>
      )}
      <GuidanceList items={filed.guidance} />
      <EntraideOffer consequences={filed.consequences} />
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onRestart}>
          Faire un autre signalement
        </button>
      </div>
    </div>
  );
}
