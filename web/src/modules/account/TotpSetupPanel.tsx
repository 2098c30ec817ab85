import type { FormEvent } from 'react';
import type { TTotpSetup } from '../../../../contracts/account.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { OtpCodeField, readOtpCode } from '../../components/OtpCodeField.js';
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
  const errors = toFormErrors(confirm.error, { SECOND_FACTOR_INVALID: 'code' });
  const secret = setup.secret.replace(/\s+/g, '');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = readOtpCode(new FormData(event.currentTarget));
    confirm.mutate({ code }, { onSuccess: (result) => onConfirmed(result.recoveryCodes) });
  }

  return (
    <div className="setup">
      <FocusedHeading id={`${ID}-titre`}>Configurer votre application d'authentification</FocusedHeading>
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
        <OtpCodeField idPrefix={ID} error={errors?.fields.code} />
        <FormActions submitLabel="Activer la double authentification" pending={confirm.isPending} onCancel={onCancel} />
      </form>
    </div>
  );
}
