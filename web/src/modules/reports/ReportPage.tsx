import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { ReportForm } from './ReportForm.js';
import { ReportReceipt } from './ReportReceipt.js';
import { readPrefill } from '../../components/reports/report-prefill.js';
import { useFileReport, useReportLimits } from './reports.api.js';

/** « Signaler un démarchage »: a doctor from their account, or anyone with an address confirmed by a link. */
export function ReportPage() {
  const session = useSession();
  const limits = useReportLimits();
  const filing = useFileReport();
  const location = useLocation();
  const [round, setRound] = useState(0);
  const [email, setEmail] = useState<string | null>(null);
  // The message checked on « Vérifier un message », handed over in the router state: prefills the first form only.
  const prefill = round === 0 ? readPrefill(location.state) : null;

  if (session.isPending) return <Page title="Signaler un démarchage"><Loading /></Page>;
  const asDoctor = hasPermission(session.data, 'report:create');

  function restart() {
    filing.reset();
    setRound((current) => current + 1);
  }

  return (
    <Page title="Signaler un démarchage">
      {filing.data ? (
        <ReportReceipt filed={filing.data} email={email} onRestart={restart} />
      ) : (
        <>
          <p className="lead">
            Vous avez reçu un appel, un SMS, un courriel ou un courrier abusif (faux organisme de certification ou de DPC,
            demande d'identifiants, annuaire payant…) ? Signalez-le à l'Ordre, avec le nom de l'organisme et la copie des
            échanges.
          </p>
          {asDoctor ? (
            <p>Le signalement est transmis à votre conseil départemental. Vous pourrez suivre son traitement dans « <Link to="/mes-signalements">Mes signalements</Link> ».</p>
          ) : (
            <p>
              Vous avez un compte Vigie ? <Link to="/connexion" state={{ from: { pathname: '/signaler', search: '' } }}>Connectez-vous</Link> pour signaler
              depuis votre espace. Sinon, indiquez votre adresse électronique : un lien de confirmation vous sera envoyé.
            </p>
          )}
          {prefill ? (
            <Notice title="Le message vérifié a été repris">
              <p>Il figure dans la copie des échanges ci-dessous. Rien n'a encore été envoyé : complétez le formulaire, puis envoyez-le.</p>
            </Notice>
          ) : null}
          <ReportForm
            key={round}
            asDoctor={asDoctor}
            limits={limits.data}
            prefill={prefill}
            errors={toFormErrors(filing.error)}
            pending={filing.isPending}
            onSubmit={(submission, address) => {
              setEmail(address);
              filing.mutate(submission);
            }}
          />
          <div aria-live="polite">{filing.isPending ? <Loading label="Envoi du signalement…" /> : null}</div>
        </>
      )}
    </Page>
  );
}
