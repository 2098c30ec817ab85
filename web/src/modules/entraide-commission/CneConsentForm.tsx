import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { CheckboxField, TextAreaField } from '../../components/fields.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { useRecordCneConsent } from './entraide-commission.api.js';

const ID = 'consentement-cne';
const CONSENT_REQUIRED = 'La personne doit avoir consenti à ce que la commission nationale connaisse son identité.';

/**
 * A case transmitted under its pseudonym: the CDE records the consent the person gives later, so that
 * the CNE may know who they are and refer them to Crésus, who calls them by name.
 */
export function CneConsentForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const record = useRecordCneConsent(caseId);
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const errors = localErrors ?? toFormErrors(record.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get('consent') !== 'on') {
      setLocalErrors({ message: 'Certaines informations sont à corriger.', fields: { consent: CONSENT_REQUIRED } });
      return;
    }
    setLocalErrors(null);
    // This form disappears once the consent is recorded: mutate()'s own callbacks would be dropped with it.
    record
      .mutateAsync({ consent: true, note: String(form.get('note') ?? '').trim() })
      .then(() => onDone('Le consentement est inscrit : la commission nationale peut désormais connaître l’identité de la personne et l’orienter vers Crésus.'), () => undefined);
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Identité et commission nationale</h2>
      <p>
        Le dossier a été transmis sous pseudonyme : la commission nationale ne connaît pas l'identité de la personne et ne peut
        pas l'orienter vers Crésus, qui la contacte par son nom. Si la personne y consent désormais, inscrivez-le ici.
      </p>
      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-form-titre`}>
        <h3 id={`${ID}-form-titre`}>Consentement de la personne</h3>
        <FormError errors={errors} idPrefix={ID} />
        <CheckboxField
          idPrefix={ID}
          name="consent"
          label="La personne consent désormais à ce que la commission nationale connaisse son identité"
          required
          error={errors?.fields.consent}
        />
        <TextAreaField
          idPrefix={ID}
          name="note"
          label="Note pour le journal (facultatif)"
          maxLength={10_000}
          hint="Par exemple, quand et comment la personne a donné son accord. Inscrite au journal du dossier, conservée chiffrée."
          error={errors?.fields.note}
        />
        <FormActions submitLabel="Inscrire le consentement" pending={record.isPending} />
      </form>
    </section>
  );
}
