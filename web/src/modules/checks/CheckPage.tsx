import { useState } from 'react';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { AnalysisResult } from './AnalysisResult.js';
import { CheckForm } from './CheckForm.js';
import { useAnalysis } from './checks.api.js';

/** « Vérifier un message »: public, for anyone who received a suspicious message. */
export function CheckPage() {
  const analysis = useAnalysis();
  // Each round mounts a fresh form; from the second one on, the text box takes the focus.
  const [round, setRound] = useState(0);

  function restart() {
    analysis.reset();
    setRound((current) => current + 1);
  }

  return (
    <Page title="Vérifier un message">
      <p className="lead">
        Collez un SMS, un courriel, ce qu'un interlocuteur vous a dit au téléphone, un lien ou un numéro de
        téléphone : Vigie vous dit s'il ressemble à une arnaque.
      </p>
      <p>Rien n'est conservé : le message n'est ni enregistré ni transmis.</p>
      <CheckForm
        key={round}
        focusText={round > 0}
        errors={toFormErrors(analysis.error)}
        pending={analysis.isPending}
        onSubmit={(body) => analysis.mutate(body)}
      />
      <div aria-live="polite">
        {analysis.isPending ? <Loading label="Vérification en cours…" /> : null}
        {analysis.data ? <AnalysisResult analysis={analysis.data} onRestart={restart} /> : null}
      </div>
    </Page>
  );
}
