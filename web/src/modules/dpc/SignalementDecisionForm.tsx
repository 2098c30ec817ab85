import type { FormEvent } from 'react';
import { DPC_SIGNALEMENT_LIMITS } from '../../../../contracts/dpc-signalements.schemas.js';
import type { TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useDecide } from './dpc-workflow.api.js';
import { OutcomesField, useOutcomes } from './SignalementOutcomes.js';

const ID = 'decision';

/**
 * The decision. Classement may be decided at any time before it; a transmission or a saisine leaves
 * the council, so it waits for an expert reviewer's opinion (the server refuses it otherwise too).
 */
export function SignalementDecisionForm({ detail, onDone }: { detail: TDpcSignalementDetail; onDone: (message: string) => void }) {
  const decide = useDecide(detail.id);
  const { outcomes, toggle } = useOutcomes();
  const errors = toFormErrors(decide.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    decide.mutate({ version: detail.version, outcomes, reason }, { onSuccess: () => onDone('La décision est enregistrée.') });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Décider</h2>
      {detail.can.decideTransmission ? null : (
        <p>Sans avis d’un relecteur expert, seul le classement sans suite est possible : une transmission ou une saisine exige cet avis.</p>
      )}
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <OutcomesField
          idPrefix={ID}
          legend="Issue"
          outcomes={outcomes}
          toggle={toggle}
          disabled={detail.can.decideTransmission ? [] : ['transmission_andpc', 'transmission_miviludes', 'saisine_chambre']}
          error={errors?.fields.outcomes}
        />
        <TextAreaField idPrefix={ID} name="reason" label="Motif de la décision" required rows={4} maxLength={DPC_SIGNALEMENT_LIMITS.decisionReason} error={errors?.fields.reason} />
        <FormActions submitLabel="Enregistrer la décision" pending={decide.isPending} />
      </form>
    </section>
  );
}
