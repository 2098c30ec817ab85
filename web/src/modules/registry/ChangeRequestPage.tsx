import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useChangeRequest } from './registry.api.js';
import { CHANGE_CHANNEL_LABELS, CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';
import { changeStatusTone } from '../../components/registry/labels.js';
import { RegistryNav } from './RegistryNav.js';
import { RequestedChanges } from './RequestedChanges.js';
import { RequestOutcomeNotice } from './RequestOutcomeNotice.js';
import { IdentityCheckForm } from './IdentityCheckForm.js';
import { ReviewForm } from './ReviewForm.js';
import { IN_PERSON_RULE } from './RequestRecordedNotice.js';
import { Detail, Details } from '../../components/Details.js';

function RequestSummary({ request }: { request: TChangeRequestView }) {
  return (
    <Details>
      <Detail label="Statut">
        <span className={changeStatusTone(request.status)}>{CHANGE_STATUS_LABELS[request.status]}</span>
      </Detail>
      <Detail label="Type">{CHANGE_KIND_LABELS[request.kind]}</Detail>
      <Detail label="Reçue">{CHANGE_CHANNEL_LABELS[request.channel]}</Detail>
      <Detail label="Enregistrée le">{formatDateTime(request.createdAt)}</Detail>
      {request.appliedAt ? <Detail label="Appliquée le">{formatDateTime(request.appliedAt)}</Detail> : null}
      {request.decisionReason ? <Detail label="Motif de la décision">{request.decisionReason}</Detail> : null}
    </Details>
  );
}

/** One change request: its details, then the identity-check form or the review form, by status. */
export function ChangeRequestPage() {
  const { id = '' } = useParams();
  const { data: session } = useSession();
  const query = useChangeRequest(id);
  const [result, setResult] = useState<TChangeRequestView | null>(null);
  const request = query.data;
  const userId = session?.user?.id;
  // Four eyes: whoever recorded or checked the request cannot review it.
  const mine = !!userId && (request?.createdBy === userId || request?.checkedBy === userId);

  return (
    <Page title={request ? `Demande ${request.reference}` : 'Demande de modification'}>
      <RegistryNav />
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="demande" /> : null}
      {request ? (
        <>
          {result ? (
            <RequestOutcomeNotice request={result} focus />
          ) : (
            <RequestOutcomeNotice request={request} />
          )}
          {request.status === 'attente_presence' ? (
            <Notice tone="warning" title={CHANGE_STATUS_LABELS.attente_presence}>
              <p>{IN_PERSON_RULE}</p>
            </Notice>
          ) : null}
          <RequestSummary request={request} />
          <section className="section" aria-labelledby="demande-changements">
            <h2 id="demande-changements">Modifications demandées</h2>
            <RequestedChanges request={request} />
            {request.doctorId ? (
              <p>
                <Link to={`/tableau/medecins/${encodeURIComponent(request.doctorId)}`}>Ouvrir la fiche du médecin</Link>
              </p>
            ) : null}
          </section>
          {request.status === 'attente_presence' && hasPermission(session, 'change_request:check') ? (
            <IdentityCheckForm key={request.id} request={request} onDone={setResult} />
          ) : null}
          {request.status === 'en_revue' && hasPermission(session, 'change_request:review') ? (
            mine ? (
              <p>Vous avez enregistré ou vérifié cette demande : un autre agent doit la valider ou la refuser.</p>
            ) : (
              <ReviewForm key={request.id} request={request} onDone={setResult} />
            )
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
