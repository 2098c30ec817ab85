import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useRecoveryCodesRegenerate } from './account.api.js';

const ID = 'regenerer-codes';

export function RecoveryCodesRegenerateForm({ onGenerated, onCancel }: {
  onGenerated: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const regenerate = useRecoveryCodesRegenerate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errors = toFormErrors(regenerate.error, { SECOND_FACTOR_INVALID: 'code' });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s+/g, '');
    regenerate.mutate({ code }, { onSuccess: (result) => onGenerated(result.recoveryCodes) });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h3 id={`${ID}-titre`} ref={headingRef} tabIndex={-1}>
        Générer de nouveaux codes de secours
      </h3>
      <p>Vos codes de secours actuels cesseront de fonctionner. Confirmez avec un code de votre application.</p>
      <FormError errors={errors} idPrefix={ID} />
      <TextField
        idPrefix={ID}
        name="code"
        label="Code à 6 chiffres"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={6}
        required
        error={errors?.fields.code}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={regenerate.isPending}>
          Générer les codes
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
