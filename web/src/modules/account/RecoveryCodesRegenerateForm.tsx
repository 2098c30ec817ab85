import type { FormEvent } from 'react';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { OtpCodeField, readOtpCode } from '../../components/OtpCodeField.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useRecoveryCodesRegenerate } from './account.api.js';

const ID = 'regenerer-codes';

export function RecoveryCodesRegenerateForm({ onGenerated, onCancel }: {
  onGenerated: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const regenerate = useRecoveryCodesRegenerate();
  const errors = toFormErrors(regenerate.error, { SECOND_FACTOR_INVALID: 'code' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = readOtpCode(new FormData(event.currentTarget));
    regenerate.mutate({ code }, { onSuccess: (result) => onGenerated(result.recoveryCodes) });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <FocusedHeading id={`${ID}-titre`}>Générer de nouveaux codes de secours</FocusedHeading>
      <p>Vos codes de secours actuels cesseront de fonctionner. Confirmez avec un code de votre application.</p>
      <FormError errors={errors} idPrefix={ID} />
      <OtpCodeField idPrefix={ID} error={errors?.fields.code} />
      <FormActions submitLabel="Générer les codes" pending={regenerate.isPending} onCancel={onCancel} />
    </form>
  );
}
