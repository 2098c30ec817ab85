import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { OtpCodeField, readOtpCode } from '../../components/OtpCodeField.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useLogout, useSecondFactor } from './auth.api.js';

const ID = 'verification';

/** The second step of the login: a code from the authenticator app, or a recovery code. */
export function SecondFactorStep() {
  const [useRecovery, setUseRecovery] = useState(false);
  const verify = useSecondFactor();
  const logout = useLogout();
  const inputRef = useRef<HTMLInputElement>(null);
  const field = useRecovery ? 'recoveryCode' : 'code';
  const errors = toFormErrors(verify.error ?? logout.error, { SECOND_FACTOR_INVALID: field });

  useEffect(() => {
    inputRef.current?.focus();
  }, [useRecovery]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    verify.mutate(useRecovery ? { recoveryCode: String(form.get(field) ?? '').trim() } : { code: readOtpCode(form) });
  }

  function switchMode() {
    verify.reset();
    setUseRecovery((current) => !current);
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Vérification en deux étapes</h2>
      {useRecovery ? (
        <p>Saisissez l'un des codes de secours que vous avez conservés. Chaque code ne sert qu'une fois.</p>
      ) : (
        <p>Saisissez le code affiché par votre application d'authentification.</p>
      )}
      <FormError errors={errors} idPrefix={ID} />
      {useRecovery ? (
        <TextField
          key="recoveryCode"
          ref={inputRef}
          idPrefix={ID}
          name="recoveryCode"
          label="Code de secours"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          hint="Les tirets et les espaces sont facultatifs."
          error={errors?.fields.recoveryCode}
        />
      ) : (
        <OtpCodeField key="code" ref={inputRef} idPrefix={ID} error={errors?.fields.code} />
      )}
      <FormActions submitLabel="Vérifier" pending={verify.isPending}>
        <button type="button" className="button button--secondary" onClick={switchMode}>
          {useRecovery ? "Utiliser l'application d'authentification" : 'Utiliser un code de secours'}
        </button>
      </FormActions>
      <p>
        <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Annuler et revenir à la connexion
        </button>
      </p>
    </form>
  );
}
