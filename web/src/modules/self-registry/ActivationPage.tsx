import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isValidRpps } from '../../../../contracts/rpps.js';
import { Page } from '../../components/Page.js';
import { TextField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordField } from '../../components/NewPasswordField.js';
import { InvalidLinkNotice, LinkUsedNotice } from '../../components/OneTimeLinkNotices.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { useActivation } from './self-registry.api.js';

const ID = 'activer';

/**
 * Public: a doctor activates the Vigie account of their record, from the link emailed to the address on
 * file (`?jeton=`) or with the code handed over at the counter after the identity check.
 */
export function ActivationPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  // A new key forgets the refusal of a link when the doctor switches to the counter code.
  return <ActivationContent key={token} token={token} />;
}

function ActivationContent({ token }: { token: string }) {
  const activation = useActivation();
  const [local, setLocal] = useState<FormErrors | null>(null);
  const server = toFormErrors(activation.error, { TOKEN_INVALID: 'code', PASSWORD_TOO_WEAK: 'password' });
  const errors = local ?? server;
  const linkRejected = token !== '' && activation.error instanceof ApiError && activation.error.code === 'TOKEN_INVALID';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (token) {
      activation.mutate({ token, password });
      return;
    }
    const rpps = String(form.get('rpps') ?? '').replace(/\s+/g, '');
    const code = String(form.get('code') ?? '').trim();
    if (!isValidRpps(rpps)) {
      setLocal({ message: 'Vérifiez le numéro RPPS.', fields: { rpps: 'Le numéro RPPS comporte 11 chiffres (voir votre carte professionnelle).' } });
      return;
    }
    setLocal(null);
    activation.mutate({ rpps, code, password });
  }

  let content;
  if (activation.isSuccess) {
    content = (
      <LinkUsedNotice title="Compte activé">
        <p>
          Votre compte Vigie est activé. Connectez-vous avec l'adresse électronique inscrite sur votre fiche du tableau et
          le mot de passe que vous venez de choisir.
        </p>
      </LinkUsedNotice>
    );
  } else if (linkRejected) {
    content = (
      <InvalidLinkNotice>
        <p>Ce lien est invalide, expiré ou a déjà servi.</p>
        <p>
          Demandez un nouveau lien à votre conseil départemental, ou <Link to="/activer-mon-compte">utilisez le code remis au guichet</Link>.
        </p>
      </InvalidLinkNotice>
    );
  } else {
    content = (
      <form className="form card" noValidate onSubmit={onSubmit}>
        <p>
          {token
            ? 'Choisissez le mot de passe de votre espace Vigie.'
            : 'Saisissez votre numéro RPPS et le code que le conseil départemental vous a remis au guichet, puis choisissez votre mot de passe.'}
        </p>
        <FormError errors={errors} idPrefix={ID} />
        {token ? null : (
          <>
            <TextField idPrefix={ID} name="rpps" label="Numéro RPPS" inputMode="numeric" autoComplete="off" maxLength={14} required hint="11 chiffres" error={errors?.fields.rpps} />
            <TextField
              idPrefix={ID}
              name="code"
              label="Code remis au guichet"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              required
              hint="Par exemple : ABCDE-FGH23. Valable 24 heures, il ne sert qu'une fois."
              error={errors?.fields.code}
            />
          </>
        )}
        <NewPasswordField
          idPrefix={ID}
          name="password"
          hint="12 caractères au moins, sans reprendre votre adresse électronique. Une phrase de plusieurs mots est facile à retenir."
          error={errors?.fields.password}
        />
        <FormActions submitLabel="Activer mon compte" pending={activation.isPending} />
      </form>
    );
  }

  return <Page title="Activer mon compte">{content}</Page>;
}
