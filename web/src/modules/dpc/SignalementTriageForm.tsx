import type { FormEvent } from 'react';
import { DPC_SIGNALEMENT_KIND_LABELS, DPC_SIGNALEMENT_KINDS, type DpcSignalementKind } from '../../../../contracts/dpc-signalements.schemas.js';
import type { TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { SelectField, TextAreaField } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useReviewers, useTriage } from './dpc-workflow.api.js';
import { LabelledOptions } from '../../components/filters.js';

const ID = 'tri';

/** Triage: requalify the kind if need be, and designate the expert reviewer (or another one). */
export function SignalementTriageForm({ detail, onDone }: { detail: TDpcSignalementDetail; onDone: (message: string) => void }) {
  const reviewers = useReviewers(true);
  const triage = useTriage(detail.id);
  const errors = toFormErrors(triage.error) ?? toFormErrors(reviewers.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    triage.mutate(
      { version: detail.version, reviewerId: String(form.get('reviewerId') ?? ''), kind: String(form.get('kind') ?? detail.kind) as DpcSignalementKind, ...(note ? { note } : {}) },
      { onSuccess: () => onDone('Le relecteur est désigné : il est prévenu par courriel.') },
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>{detail.reviewer ? 'Changer de relecteur' : 'Trier et désigner un relecteur'}</h2>
      {reviewers.isPending ? <Loading label="Chargement des relecteurs…" /> : null}
      {reviewers.data ? (
        <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
          <FormError errors={errors} idPrefix={ID} />
          <SelectField idPrefix={ID} name="kind" label="Type de signalement (requalifier si besoin)" defaultValue={detail.kind} error={errors?.fields.kind}>
            <LabelledOptions values={DPC_SIGNALEMENT_KINDS} labels={DPC_SIGNALEMENT_KIND_LABELS} />
          </SelectField>
          <SelectField idPrefix={ID} name="reviewerId" label="Relecteur expert" required defaultValue={detail.reviewer?.id ?? ''} error={errors?.fields.reviewerId}>
            <option value="">Choisir un relecteur</option>
            {reviewers.data.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </SelectField>
          <TextAreaField idPrefix={ID} name="note" label="Note au journal (facultatif)" maxLength={4000} error={errors?.fields.note} />
          <FormActions submitLabel="Désigner le relecteur" pending={triage.isPending} />
        </form>
      ) : null}
    </section>
  );
}
