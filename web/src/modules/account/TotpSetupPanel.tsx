import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import type { TTotpSetup } from '../../../../contracts/account.schemas.js';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { groupBy4 } from '../../lib/format.js';
import { useTotpConfirm } from './account.api.js';

const ID = 'activer-2fa';

/** Step 2 of the set-up: scan the QR code (or type the key), then prove it works with a first code. */
export function TotpSetupPanel({ setup, onConfirmed, onCancel }: {
  setup: TTotpSetup;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const confirm = useTotpConfirm();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errors = toFormErrors(confirm.error, { SECOND_FACTOR_INVALID: 'code' });
  const secret = setup.secret.replace(/\s+/g, '');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s+/g, '');
    confirm.mutate({ code }, { onSuccess: (result) => onConfirmed(result.recoveryCodes) });
  }

  return (
    <div className="setup">
      <h3 id={`${ID}-titre`} ref={headingRef} tabIndex={-1}>
        Configurer votre application d'authentification
      </h3>
      <ol className="steps">
        <li>
          Installez une application d'authentification sur votre téléphone si vous n'en avez pas (par exemple
          FreeOTP, Google Authenticator ou Microsoft Authenticator).
        </li>
        <li>Dans l'application, ajoutez un compte en scannant le QR code ci-dessous.</li>
        <li>Saisissez le code à 6 chiffres que l'application affiche pour Vigie.</li>
      </ol>
      <figure className="qr" aria-labelledby={`${ID}-legende`}>
        <div
          className="qr__image"
          role="img"
          aria-label="QR code à scanner avec votre application d'authentification"
          dangerouslySetInnerHTML={{ __html: setup.qrCodeSvg }}
        />
        <figcaption id={`${ID}-legende`}>QR code de configuration de la double authentification pour Vigie</figcaption>
      </figure>
      <p>Si vous ne pouvez pas scanner le QR code, saisissez cette clé dans l'application :</p>
      <p className="secret">
        <code data-testid="totp-secret" data-secret={secret}>
          {groupBy4(secret)}
        </code>
      </p>
      <p>
        Sur ce téléphone, vous pouvez aussi{' '}
        <a href={setup.otpauthUri}>ouvrir directement votre application d'authentification</a>.
      </p>
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
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
          <button type="submit" className="button" disabled={confirm.isPending}>
            Activer la double authentification
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </form>
    </div>
  );
}
