import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ERROR_MESSAGES } from '../../../../contracts/errors.js';
import { Loading, Page } from '../../components/Page.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { fieldId } from '../../components/fields.js';
import { EmergencyNotice } from '../../components/entraide/Helplines.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useFileOwnRequest } from './entraide.api.js';
import { ContactChoice, NeedFields, firstInOrder, orderedErrors } from './RequestFields.js';
import { RequestReceipt } from './RequestReceipt.js';
import { checkOwnRequest, initialNeed, natureFromQuery, toFieldErrors, toOwnRequestBody, type FieldErrors, type NeedValues } from './request-form-model.js';

export const OWN_FORM_ID = 'demande-entraide';
const FIELD_ORDER = ['natures', 'urgency', 'message', 'means', 'phone', 'email', 'address'] as const;

/** « Demander de l'aide » for a logged-in doctor: identity comes from the account, never from the form. */
export function OwnRequestPage() {
  const [searchParams] = useSearchParams();
  const { data: session } = useSession();
  const filing = useFileOwnRequest();
  const [values, setValues] = useState<NeedValues>(() => initialNeed(natureFromQuery(searchParams.get('nature'))));
  const [checked, setChecked] = useState<FieldErrors | null>(null);

  const server = toFormErrors(filing.error);
  const serverFields = server ? toFieldErrors(server.fields) : {};
  const fields = orderedErrors(checked ?? serverFields, FIELD_ORDER);
  const summary = checked ? { message: ERROR_MESSAGES.VALIDATION_FAILED, fields } : server ? { message: server.message, fields } : null;

  function change(patch: Partial<NeedValues>) {
    // « Par courriel » offers the account's address; the doctor may give another.
    const email = patch.means === 'courriel' && values.email === '' ? { email: session?.user?.email ?? '' } : {};
    setValues((current) => ({ ...current, ...email, ...patch }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkOwnRequest(values);
    const first = firstInOrder(errors, FIELD_ORDER);
    if (first) {
      setChecked(errors);
      document.getElementById(fieldId(OWN_FORM_ID, first))?.focus();
      return;
    }
    setChecked(null);
    filing.mutate(toOwnRequestBody(values));
  }

  if (filing.data) {
    return (
      <Page title="Demande d'entraide transmise">
        <RequestReceipt receipt={filing.data} writer="self" means={values.means || 'aucun'} urgency={values.urgency} />
      </Page>
    );
  }

  return (
    <Page title="Demander de l'aide">
      <EmergencyNotice />
      <p className="lead">
        La commission d'entraide de votre département vous répondra en toute confidentialité : seuls ses membres
        connaîtront votre identité.
      </p>
      <p>
        Vous préférez parler à quelqu'un tout de suite ? <Link to="/entraide">Voir les lignes d'écoute</Link>.
      </p>
      <form className="form" noValidate onSubmit={submit} aria-label="Demande d'aide à la commission d'entraide">
        <FormError errors={summary} idPrefix={OWN_FORM_ID} />
        <NeedFields idPrefix={OWN_FORM_ID} values={values} errors={fields} writer="self" onChange={change} />
        <ContactChoice idPrefix={OWN_FORM_ID} values={values} errors={fields} writer="self" onChange={change} />
        <FormActions submitLabel="Envoyer ma demande" pending={filing.isPending} />
        <div aria-live="polite">{filing.isPending ? <Loading label="Envoi de la demande…" /> : null}</div>
      </form>
    </Page>
  );
}
