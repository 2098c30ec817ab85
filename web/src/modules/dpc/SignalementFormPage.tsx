import { useState } from 'react';
import { Link } from 'react-router';
import { DPC_REPORTER_PROTECTION, type TDpcSignalementFiled } from '../../../../contracts/dpc-filing.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useFileSignalement } from './dpc-filing.api.js';
import { SignalementForm } from './SignalementForm.js';
import { filingModeOf, type FilingMode } from './SignalementFormModel.js';
import { SignalementFormReceipt } from './SignalementFormReceipt.js';

const TITLE = 'Signaler une formation ou une pratique';

function Filing({ mode, canFollow }: { mode: FilingMode; canFollow: boolean }) {
  const filing = useFileSignalement(mode === 'public' ? 'public' : 'account');
  const [receipt, setReceipt] = useState<{ filed: TDpcSignalementFiled; emailed: boolean } | null>(null);
  if (receipt) {
    return (
      <Page title="Signalement enregistré">
        <SignalementFormReceipt filed={receipt.filed} canFollow={canFollow} emailed={receipt.emailed} />
      </Page>
    );
  }
  return (
    <Page title={TITLE}>
      <p className="lead">
        Une formation continue (DPC) vous a semblé dangereuse, sans fondement scientifique, ou a conduit un patient à renoncer à ses soins ?
        Signalez-la au conseil de l’Ordre.
      </p>
      <p>{DPC_REPORTER_PROTECTION}</p>
      {mode === 'public' ? (
        <p className="notice notice--info">
          Sans compte, vous signalez en tant que proche d’un patient. Vous êtes médecin et avez suivi la formation, ou vous êtes un autre
          professionnel de santé ? <Link to="/connexion">Connectez-vous</Link> pour signaler depuis votre espace.
        </p>
      ) : null}
      <SignalementForm
        mode={mode}
        serverErrors={toFormErrors(filing.error)}
        pending={filing.isPending}
        onSubmit={(body, files) =>
          filing.mutate({ body, files }, { onSuccess: (filed) => setReceipt({ filed, emailed: mode !== 'agent' || Boolean(body.reporter.email) }) })
        }
      />
    </Page>
  );
}

/** /vigilance-dpc/signaler: public; a logged-in doctor, agent or reviewer files from their account. */
export function SignalementFormPage() {
  const session = useSession();
  if (session.isPending) return <Page title={TITLE}><Loading /></Page>;
  const canFile = hasPermission(session.data, 'dpc:signalement_file');
  const mode = filingModeOf(session.data?.user?.role ?? null, canFile);
  // Remounted when the session changes, so the form starts over with the right reporter kinds.
  return <Filing key={mode} mode={mode} canFollow={hasPermission(session.data, 'dpc:signalement_read_own')} />;
}
