import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { BudgetForm } from './BudgetForm.js';
import { BudgetHistoryTable } from './BudgetHistoryTable.js';
import { CresusSection } from './CresusSection.js';
import { useBudgets, useCase } from './entraide-commission.api.js';

// The charts library loads with this page only.
const ResteAVivreChart = lazy(() => import('./ResteAVivreChart.js').then((m) => ({ default: m.ResteAVivreChart })));

/** A case's budget tool: budgets recorded, the reste à vivre over time, and (CNE) the referral to Crésus. */
export function BudgetPage() {
  const { id = '' } = useParams();
  return <BudgetView key={id} id={id} />;
}

function BudgetView({ id }: { id: string }) {
  const { data: session } = useSession();
  const detail = useCase(id);
  const budgets = useBudgets(id);
  const [message, setMessage] = useState('');
  const reference = detail.data?.reference;
  const canRefer = hasPermission(session, 'entraide:cresus_refer');
  const history = budgets.data;

  return (
    <Page title={reference ? `Budget du dossier ${reference}` : 'Budget du dossier'}>
      <p>
        <Link to={`/entraide/dossiers/${encodeURIComponent(id)}`}>Retour au dossier{reference ? ` ${reference}` : ''}</Link>
      </p>
      <p className="audit-note">Consultation enregistrée dans le journal d'audit.</p>
      {detail.isError ? <FormError errors={toFormErrors(detail.error)} idPrefix="dossier" /> : null}
      <div aria-live="polite">
        {message ? (
          <Notice tone="success">
            <p>{message}</p>
          </Notice>
        ) : null}
      </div>
      {budgets.isPending ? <Loading /> : null}
      {budgets.isError ? <FormError errors={toFormErrors(budgets.error)} idPrefix="budgets" /> : null}
      {history ? (
        <>
          <section className="section" aria-labelledby="budgets-titre">
            <h2 id="budgets-titre">Historique des budgets</h2>
            {history.snapshots.length === 0 ? <p>Aucun budget enregistré pour ce dossier.</p> : <BudgetHistoryTable history={history} />}
          </section>
          {history.snapshots.length > 0 ? (
            <Suspense fallback={<Loading label="Chargement du graphique…" />}>
              <ResteAVivreChart history={history} />
            </Suspense>
          ) : null}
          {detail.data && detail.data.status !== 'clos' ? (
            // Keyed by the latest snapshot: after a save, the form starts again from the budget just recorded.
            <BudgetForm key={history.snapshots.at(-1)?.id ?? 'vide'} caseId={id} history={history} onDone={setMessage} />
          ) : null}
        </>
      ) : null}
      {/* Crésus is the CNE's: a case transmitted to it shows the referral, to the CDE too. */}
      {detail.data?.escalatedAt ? (
        <CresusSection caseId={id} identityVisibleToCne={detail.data.identityVisibleToCne} canRefer={canRefer} closed={detail.data.status === 'clos'} onDone={setMessage} />
      ) : null}
    </Page>
  );
}
