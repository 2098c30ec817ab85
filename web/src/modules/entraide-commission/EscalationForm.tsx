import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, TextAreaField } from '../../components/fields.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { useEscalate } from './entraide-commission.api.js';

const ID = 'transmission';
type Consent = 'oui' | 'non' | '';
const CONSENT_OPTIONS = [
  { value: 'oui', label: 'Oui : la personne accepte que la commission nationale connaisse son identité' },
  { value: 'non', label: 'Non : la commission nationale travaillera sous pseudonyme' },
] as const;

/** Transmission to the CNE, after asking the person whether the CNE may know who they are. */
export function EscalationForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const escalate = useEscalate(caseId);
  const [consent, setConsent] = useState<Consent>('');
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const errors = localErrors ?? toFormErrors(escalate.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (consent === '') {
      setLocalErrors({
        message: 'Certaines informations sont à corriger.',
        fields: { identityConsent: "Indiquez si la personne consent à ce que la commission nationale connaisse son identité." },
      });
      return;
    }
    setLocalErrors(null);
    // This form disappears once the case is transmitted: mutate()'s own callbacks would be dropped with it.
    escalate.mutateAsync({ identityConsent: consent === 'oui', reason }).then(
      () =>
        onDone(
          consent === 'oui'
            ? 'Le dossier est transmis à la commission nationale, avec l’accord de la personne pour son identité.'
            : 'Le dossier est transmis à la commission nationale, sous pseudonyme.',
        ),
      () => undefined,
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Transmettre à la commission nationale</h2>
      <p>
        Quand la situation dépasse les moyens de la commission départementale (par exemple une grave difficulté financière
        qui appelle une orientation vers Crésus), le dossier est transmis à la commission nationale d'entraide. Demandez
        d'abord à la personne si elle accepte que la commission nationale connaisse son identité.
      </p>
      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <RadioGroupField<Consent>
          idPrefix={ID}
          name="identityConsent"
          legend="La personne consent-elle à ce que la commission nationale connaisse son identité ?"
          options={CONSENT_OPTIONS}
          value={consent}
          onChange={setConsent}
          error={errors?.fields.identityConsent}
        />
        <TextAreaField
          idPrefix={ID}
          name="reason"
          label="Motif de la transmission"
          required
          minLength={10}
          maxLength={500}
          hint="10 caractères au moins. Inscrit au journal du dossier et au journal d'audit."
          error={errors?.fields.reason}
        />
        <FormActions submitLabel="Transmettre à la commission nationale" pending={escalate.isPending} />
      </form>
    </section>
  );
}
