import type { FormEvent } from 'react';
import type { TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { CheckboxField, TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useReview } from './dpc-workflow.api.js';
import { OutcomesField, useOutcomes } from './SignalementOutcomes.js';

const ID = 'avis';

/** The designated reviewer's opinion: what they recommend, and which markers of the screening they uphold. */
export function SignalementReviewForm({ detail, onDone }: { detail: TDpcSignalementDetail; onDone: (message: string) => void }) {
  const review = useReview(detail.id);
  const { outcomes, toggle } = useOutcomes();
  const errors = toFormErrors(review.error);
  const ruleIds = [...new Set(detail.findings.map((f) => f.ruleId))];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    review.mutate(
      { version: detail.version, opinion: String(form.get('opinion') ?? ''), recommendedOutcomes: outcomes, confirmedRuleIds: form.getAll('confirmedRuleIds').map(String) },
      { onSuccess: () => onDone('Votre avis est enregistré.') },
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>{detail.reviews.length > 0 ? 'Compléter votre avis' : 'Rendre votre avis'}</h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <TextAreaField idPrefix={ID} name="opinion" label="Votre avis d’expert" required maxLength={10_000} rows={8} error={errors?.fields.opinion} />
        <OutcomesField idPrefix={ID} legend="Suites recommandées" outcomes={outcomes} toggle={toggle} error={errors?.fields.recommendedOutcomes} />
        {ruleIds.length > 0 ? (
          <fieldset className="field fieldset">
            <legend>Marqueurs que vous confirmez</legend>
            <p className="hint">Les marqueurs relevés dans les faits ; seuls ceux que vous confirmez figureront comme confirmés par un expert.</p>
            {ruleIds.map((ruleId, index) => {
              const finding = detail.findings.find((f) => f.ruleId === ruleId)!;
              return <CheckboxField key={ruleId} idPrefix={`${ID}-regle-${index + 1}`} name="confirmedRuleIds" value={ruleId} label={`${finding.familyLabel} — ${finding.explanation}`} />;
            })}
            {errors?.fields.confirmedRuleIds ? <p className="field-error">{errors.fields.confirmedRuleIds}</p> : null}
          </fieldset>
        ) : null}
        <FormActions submitLabel="Enregistrer l’avis" pending={review.isPending} />
      </form>
    </section>
  );
}
