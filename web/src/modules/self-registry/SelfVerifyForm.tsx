import type { FormEvent } from 'react';
import type { TOwnChangeRequest } from '../../../../contracts/registry.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { TextField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSelfContactVerify } from './self-registry.api.js';

const ID = 'codes';

/** Step 3: the codes sent to the new email address and phone number prove they belong to the doctor. */
export function SelfVerifyForm({ request, onVerified }: {
  request: TOwnChangeRequest;
  onVerified: (request: TOwnChangeRequest) => void;
}) {
  const verify = useSelfContactVerify(request.id);
  const errors = toFormErrors(verify.error);
  const newEmail = request.requested.corrEmail;
  const newPhone = request.requested.corrPhone;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = (name: string) => String(form.get(name) ?? '').replace(/\s+/g, '') || undefined;
    verify.mutate({ emailCode: newEmail ? code('emailCode') : undefined, phoneCode: newPhone ? code('phoneCode') : undefined }, { onSuccess: onVerified });
  }

  const codeProps = { autoComplete: 'one-time-code', inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6, required: true } as const;
  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <FocusedHeading id={`${ID}-titre`}>Confirmez vos nouvelles coordonnées</FocusedHeading>
      <p>Les codes sont valables 15 minutes. Tant qu'ils ne sont pas saisis, rien n'est modifié.</p>
      <FormError errors={errors} idPrefix={ID} />
      {newEmail ? (
        <TextField idPrefix={ID} name="emailCode" label="Code reçu par courriel" hint={`Envoyé à ${newEmail}`} {...codeProps} error={errors?.fields.emailCode} />
      ) : null}
      {newPhone ? (
        <TextField idPrefix={ID} name="phoneCode" label="Code reçu par SMS" hint={`Envoyé au ${newPhone}`} {...codeProps} error={errors?.fields.phoneCode} />
      ) : null}
      <FormActions submitLabel="Valider" pending={verify.isPending} />
    </form>
  );
}
