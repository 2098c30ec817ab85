import { useState } from 'react';
import { Link } from 'react-router';
import type { EntraideContactMeans, EntraideUrgency } from '../../../../contracts/entraide.schemas.js';
import { Page } from '../../components/Page.js';
import { EmergencyNotice } from '../../components/entraide/Helplines.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useFileRelativeRequest } from './entraide.api.js';
import { RequestForForm } from './RequestForForm.js';
import { RequestReceipt } from './RequestReceipt.js';
import { initialRequestFor } from './request-form-model.js';

export const RELATIVE_FORM_ID = 'demande-proche';

/** « Je demande pour un proche médecin »: public, without an account. */
export function RelativeRequestPage() {
  const filing = useFileRelativeRequest();
  const [sent, setSent] = useState<{ means: EntraideContactMeans; urgency: EntraideUrgency } | null>(null);

  if (filing.data && sent) {
    return (
      <Page title="Demande d'entraide transmise">
        <RequestReceipt receipt={filing.data} writer="relative" means={sent.means} urgency={sent.urgency} />
      </Page>
    );
  }

  return (
    <Page title="Demander de l'aide pour un proche">
      <EmergencyNotice />
      <p className="lead">
        Un médecin, un docteur junior ou un membre de sa famille traverse une difficulté ? Vous pouvez demander l'aide de
        la commission d'entraide pour lui, sans compte.
      </p>
      <p>
        Sa demande reste confidentielle : seuls les membres de la commission départementale d'entraide connaîtront son
        identité et la vôtre. <Link to="/entraide">Voir les lignes d'écoute</Link>.
      </p>
      <RequestForForm
        idPrefix={RELATIVE_FORM_ID}
        staff={false}
        initial={initialRequestFor({ callerIsRelative: true })}
        lockedDepartement={null}
        error={toFormErrors(filing.error)}
        pending={filing.isPending}
        submitLabel="Envoyer la demande"
        onSubmit={(body, values) => {
          setSent({ means: values.means || 'aucun', urgency: values.urgency });
          filing.mutate(body);
        }}
      />
    </Page>
  );
}
