import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { EntraideContactMeans, EntraideUrgency } from '../../../../contracts/entraide.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useEntraideCalls, useRecordRequest, type TEntraideCallList } from './entraide.api.js';
import { RequestForForm } from './RequestForForm.js';
import { RequestReceipt } from './RequestReceipt.js';
import { initialRequestFor } from './request-form-model.js';

export const RECORD_FORM_ID = 'enregistrer-demande';

type Call = TEntraideCallList['calls'][number];

/** The form, for a request received by phone (`call` null) or for a logged call turned into a case. */
function RecordForm({ call }: { call: Call | null }) {
  const { data: session } = useSession();
  const recording = useRecordRequest();
  const [round, setRound] = useState(0);
  const [sent, setSent] = useState<{ means: EntraideContactMeans; urgency: EntraideUrgency } | null>(null);
  const user = session?.user;
  // A departmental commission member records for their own département only; a call's case is the call's département.
  const locked = call?.departement ?? (user?.role === 'membre_cde' ? user.departement : null);

  if (recording.data && sent) {
    return (
      <>
        <RequestReceipt
          receipt={recording.data}
          writer="staff"
          means={sent.means}
          urgency={sent.urgency}
          onAnother={
            call
              ? undefined
              : () => {
                  recording.reset();
                  setSent(null);
                  setRound((r) => r + 1);
                }
          }
        />
        {call ? (
          <p>
            <Link to="/entraide/appels">Revenir aux appels</Link>
          </p>
        ) : null}
      </>
    );
  }

  return (
    <RequestForForm
      key={round}
      idPrefix={RECORD_FORM_ID}
      staff
      initial={initialRequestFor({
        departement: locked ?? user?.departement ?? '',
        natures: call?.natures,
        urgency: call?.urgency,
        callerIsRelative: false,
      })}
      lockedDepartement={locked}
      error={toFormErrors(recording.error)}
      pending={recording.isPending}
      submitLabel={call ? 'Ouvrir le dossier' : 'Enregistrer la demande'}
      onSubmit={(body, values) => {
        setSent({ means: values.means || 'aucun', urgency: values.urgency });
        recording.mutate({ body, callId: call?.id ?? null });
      }}
    />
  );
}

/** The logged call named in the address, once the list is read. */
function FromCall({ callId }: { callId: string }) {
  const calls = useEntraideCalls();
  if (calls.error) return <FormError errors={toFormErrors(calls.error)} idPrefix={RECORD_FORM_ID} />;
  if (!calls.data) return <Loading />;
  const call = calls.data.calls.find((c) => c.id === callId);
  if (!call || call.caseReference) {
    return (
      <Notice tone="warning" title="Cet appel ne peut pas devenir un dossier">
        <p>{call?.caseReference ? `Il a déjà donné lieu au dossier ${call.caseReference}.` : "Il n'est pas dans la liste des appels de votre département."}</p>
        <p>
          <Link to="/entraide/appels">Revenir aux appels</Link>
        </p>
      </Notice>
    );
  }
  return (
    <>
      <p>
        Appel du {new Date(`${call.receivedOn}T12:00:00`).toLocaleDateString('fr-FR', { dateStyle: 'long' })}, département {call.departement}. Son
        résumé deviendra la première note du dossier.
      </p>
      <RecordForm call={call} />
    </>
  );
}

/** « Enregistrer une demande d'entraide »: an agent or a commission member, after a call. */
export function RecordRequestPage() {
  const [searchParams] = useSearchParams();
  const callId = searchParams.get('appel');
  // The form starts from the account's département: drawn once the session is known.
  const { data: session } = useSession();
  return (
    <Page title={callId ? "Ouvrir un dossier d'entraide" : "Enregistrer une demande d'entraide"}>
      <p className="lead">
        L'identité de la personne est chiffrée pour la seule commission départementale d'entraide : une fois la demande
        enregistrée, vous n'en verrez plus que la référence.
      </p>
      {!session ? <Loading /> : callId ? <FromCall callId={callId} /> : <RecordForm call={null} />}
    </Page>
  );
}
