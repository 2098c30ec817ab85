import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useTotpDisable } from './account.api.js';

const ID = 'desactiver-2fa';

export function TotpDisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const disable = useTotpDisable();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errors = toFormErrors(disable.error, { PASSWORD_INCORRECT: 'password', SECOND_FACTOR_INVALID: 'code' });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    disable.mutate(
      {
        password: String(form.get('password') ?? ''),
        code: String(form.get('code') ?? '').replace(/\s+/g, ''),
      },
      { onSuccess: onDisabled },
    );
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h3 id={`${ID}-titre`} ref={headingRef} tabIndex={-1}>
        Désactiver la double authentification
      </h3>
      <p>
        Sans double authentification, votre compte n'est protégé que par votre mot de passe. Confirmez avec votre
        mot de passe et un code de votre application.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <TextField
        idPrefix={ID}
        name="password"
        label="Mot de passe"
        type="password"
        autoComplete="current-password"
        required
        error={errors?.fields.password}
      />
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
        <button type="submit" className="button button--danger" disabled={disable.isPending}>
          Confirmer la désactivation
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
