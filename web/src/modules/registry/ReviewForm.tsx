import type { FormEvent } from 'react';
import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { TextAreaField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useReview } from './registry.api.js';

const ID = 'revue';

/** A second agent (never the one who recorded or checked) approves or rejects a held request. */
export function ReviewForm({ request, onDone }: {
  request: TChangeRequestView;
  onDone: (result: TChangeRequestView) => void;
}) {
  const review = useReview(request.id);
  const errors = toFormErrors(review.error, { FOUR_EYES_REQUIRED: 'reason' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = submitter?.value === 'reject' ? 'reject' : 'approve';
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    review.mutate({ decision, reason }, { onSuccess: onDone });
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Revue par un second agent</h2>
      <p>
        Un second agent doit valider : la vérification d'identité a été faite, mais les nouvelles coordonnées
        présentent les particularités ci-dessus. Vous ne pouvez pas valider une demande que vous avez enregistrée ou
        vérifiée.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <TextAreaField
        idPrefix={ID}
        name="reason"
        label="Motif"
        required
        minLength={5}
        maxLength={500}
        hint="Ce qui justifie votre décision (par exemple : adresse confirmée par le médecin joint à son numéro connu). Enregistré dans le journal d'audit."
        error={errors?.fields.reason}
      />
      <div className="form__actions">
        <button type="submit" className="button" name="decision" value="approve" disabled={review.isPending}>
          Valider la modification
        </button>
        <button type="submit" className="button button--danger" name="decision" value="reject" disabled={review.isPending}>
          Refuser
        </button>
      </div>
    </form>
  );
}
