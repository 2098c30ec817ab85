import type { FormEvent } from 'react';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { OtpCodeField, readOtpCode } from '../../components/OtpCodeField.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useStepUp } from './self-registry.api.js';
import type { StepUpGrant } from './self-registry.api.js';

const ID = 'confirmer-identite';

/** Step 1: a fresh code of the authenticator app proves that the doctor, not a thief of the password, is here. */
export function StepUpForm({ expired, onGranted }: { expired: boolean; onGranted: (grant: StepUpGrant) => void }) {
  const stepUp = useStepUp();
  const errors = toFormErrors(stepUp.error, { SECOND_FACTOR_INVALID: 'code' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    stepUp.mutate({ code: readOtpCode(new FormData(event.currentTarget)) }, { onSuccess: onGranted });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h3 id={`${ID}-titre`}>Confirmez votre identité</h3>
      {expired ? (
        <p role="alert" className="field-error">
          Votre confirmation a expiré ou a déjà servi : saisissez un nouveau code.
        </p>
      ) : null}
      <p>
        Saisissez le code affiché par votre application d'authentification. Il vous donne 5 minutes pour enregistrer vos
        nouvelles coordonnées.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <OtpCodeField idPrefix={ID} error={errors?.fields.code} />
      <FormActions submitLabel="Confirmer" pending={stepUp.isPending} />
    </form>
  );
}
