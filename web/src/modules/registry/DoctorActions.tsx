import { useState } from 'react';
import type { TChangeRequestView, TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useActivationLink } from './registry.api.js';
import { ChangeRequestForm } from './ChangeRequestForm.js';
import { CounterCodeDialog } from './CounterCodeDialog.js';
import { DoctorSecondFactorResetDialog } from './DoctorSecondFactorResetDialog.js';

const ID = 'fiche-actions';
type OpenDialog = 'counter-code' | 'second-factor' | null;

/** What an agent may do from a record: record a request, and the doctor's account at the counter. */
export function DoctorActions({ doctor, onCreated, onMessage }: {
  doctor: TDoctorRecord;
  onCreated: (request: TChangeRequestView) => void;
  onMessage: (message: string) => void;
}) {
  const { data: session } = useSession();
  const canCreate = hasPermission(session, 'change_request:create');
  const canCheck = hasPermission(session, 'change_request:check');
  const [formOpen, setFormOpen] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const activation = useActivationLink(doctor.id);
  const emailOnFile = doctor.corr.email ?? doctor.pro.email;

  if (!canCreate && !canCheck) return null;

  function sendActivationLink() {
    onMessage('');
    activation.mutate(undefined, {
      onSuccess: () =>
        onMessage(`Un lien d'activation (valable 72 heures) a été envoyé à l'adresse inscrite sur la fiche : ${emailOnFile ?? ''}.`),
    });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Actions</h2>
      <FormError errors={toFormErrors(activation.error)} idPrefix={ID} />
      <div className="button-row">
        {canCreate ? (
          <button
            type="button"
            className="button"
            aria-expanded={formOpen}
            aria-controls={`${ID}-formulaire`}
            onClick={() => setFormOpen((open) => !open)}
          >
            Nouvelle demande de modification
          </button>
        ) : null}
        {canCreate && !doctor.hasAccount && !doctor.frozen ? (
          <button type="button" className="button button--secondary" onClick={sendActivationLink} disabled={activation.isPending}>
            Envoyer un lien d'activation
          </button>
        ) : null}
        {canCheck && !doctor.hasAccount && !doctor.frozen ? (
          <button type="button" className="button button--secondary" onClick={() => setDialog('counter-code')}>
            Remettre un code d'activation au guichet
          </button>
        ) : null}
        {canCheck && doctor.hasAccount ? (
          <button type="button" className="button button--secondary" onClick={() => setDialog('second-factor')}>
            Réinitialiser la double authentification (en présence)
          </button>
        ) : null}
      </div>
      {!doctor.hasAccount && canCreate ? (
        <p className="hint">
          Le lien d'activation part uniquement vers l'adresse déjà inscrite sur la fiche, jamais vers une adresse
          donnée au téléphone.
        </p>
      ) : null}
      <div id={`${ID}-formulaire`}>
        {formOpen ? (
          <ChangeRequestForm
            doctor={doctor}
            onCancel={() => setFormOpen(false)}
            onCreated={(request) => {
              setFormOpen(false);
              onCreated(request);
            }}
          />
        ) : null}
      </div>
      {dialog === 'counter-code' ? <CounterCodeDialog doctor={doctor} onClose={() => setDialog(null)} /> : null}
      {dialog === 'second-factor' ? (
        <DoctorSecondFactorResetDialog
          doctor={doctor}
          onDone={() => onMessage(`La double authentification de ${doctor.displayName} a été réinitialisée.`)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}
