import { useState } from 'react';
import { useParams } from 'react-router';
import type { TChangeRequestView, TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useDoctorRecord } from './registry.api.js';
import { RegistryNav } from './RegistryNav.js';
import { DoctorDetails } from '../../components/registry/DoctorDetails.js';
import { DoctorActions } from './DoctorActions.js';
import { DoctorHistoryTable } from './DoctorHistoryTable.js';
import { ChangeRequestsTable } from './ChangeRequestsTable.js';
import { RequestRecordedNotice } from './RequestRecordedNotice.js';
import { UnfreezeDialog } from './UnfreezeDialog.js';

function FrozenBanner({ doctor, canUnfreeze, onUnfreeze }: {
  doctor: TDoctorRecord;
  canUnfreeze: boolean;
  onUnfreeze: () => void;
}) {
  if (!doctor.frozen) return null;
  return (
    <Notice tone="danger" title={`Fiche gelée depuis le ${formatDateTime(doctor.frozen.at)}`}>
      {doctor.frozen.reason ? <p>{doctor.frozen.reason}</p> : null}
      <p>
        Aucune modification ne peut être appliquée et la fiche est exclue des exports pour l'émission de cartes tant que
        le gel n'est pas levé.
      </p>
      {canUnfreeze ? (
        <button type="button" className="button button--secondary" onClick={onUnfreeze}>
          Lever le gel
        </button>
      ) : null}
    </Notice>
  );
}

/** A doctor's full record. Opening it is a confidential read, written to the audit log. */
export function DoctorRecordPage() {
  const { id = '' } = useParams();
  const { data: session } = useSession();
  const record = useDoctorRecord(id);
  const [created, setCreated] = useState<TChangeRequestView | null>(null);
  const [message, setMessage] = useState('');
  const [unfreezing, setUnfreezing] = useState(false);
  const data = record.data;
  const doctor = data?.doctor;

  return (
    <Page title={doctor ? `Fiche de ${doctor.displayName}` : "Fiche d'un médecin"} heading={doctor?.displayName ?? "Fiche d'un médecin"}>
      <RegistryNav />
      <p className="audit-note">Consultation enregistrée dans le journal d'audit.</p>
      {record.isPending ? <Loading /> : null}
      {record.isError ? <FormError errors={toFormErrors(record.error)} idPrefix="fiche" /> : null}
      {data && doctor ? (
        <>
          <FrozenBanner
            doctor={doctor}
            canUnfreeze={hasPermission(session, 'change_request:review')}
            onUnfreeze={() => {
              setMessage('');
              setUnfreezing(true);
            }}
          />
          {doctor.coolingUntil ? (
            <Notice tone="warning" title="Coordonnées récemment modifiées">
              <p>Nouvelles coordonnées : non utilisables pour une opération sensible avant le {formatDateTime(doctor.coolingUntil)}.</p>
            </Notice>
          ) : null}
          <div aria-live="polite">
            {message ? (
              <Notice tone="success">
                <p>{message}</p>
              </Notice>
            ) : null}
          </div>
          {created ? <RequestRecordedNotice request={created} /> : null}
          <DoctorDetails doctor={doctor} />
          <DoctorActions
            doctor={doctor}
            onMessage={setMessage}
            onCreated={(request) => {
              setMessage('');
              setCreated(request);
            }}
          />
          <section className="section" aria-labelledby="fiche-demandes">
            <h2 id="fiche-demandes">Demandes de modification</h2>
            {data.requests.length === 0 ? (
              <p>Aucune demande pour cette fiche.</p>
            ) : (
              <ChangeRequestsTable id="fiche-demandes-tableau" requests={data.requests} caption="Demandes concernant cette fiche" />
            )}
          </section>
          <section className="section" aria-labelledby="fiche-historique-titre">
            <h2 id="fiche-historique-titre">Historique</h2>
            <DoctorHistoryTable history={data.history} />
          </section>
          {unfreezing ? (
            <UnfreezeDialog
              doctor={doctor}
              onDone={() => setMessage('Le gel de la fiche est levé.')}
              onClose={() => setUnfreezing(false)}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
