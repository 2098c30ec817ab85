import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import {
  ENTRAIDE_LIMITS,
  ENTRAIDE_NATURE_LABELS,
  ENTRAIDE_NATURES,
  ENTRAIDE_URGENCIES,
  ENTRAIDE_URGENCY_LABELS,
  ZEntraideCallLog,
  type EntraideNature,
  type EntraideUrgency,
} from '../../../../contracts/entraide.schemas.js';
import { isDepartementCode } from '../../../../contracts/departements.js';
import { ERROR_MESSAGES } from '../../../../contracts/errors.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { CheckboxField, RadioGroupField, SelectField, TextAreaField, TextField, fieldId } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useEntraideCalls, useLogCall, type TEntraideCallLogBody } from './entraide.api.js';
import { fieldOfPath, toFieldErrors, type FieldErrors } from './request-form-model.js';
import { firstInOrder, orderedErrors } from './RequestFields.js';

const ID = 'appel';
const FIELD_ORDER = ['departement', 'receivedOn', 'natures', 'urgency', 'summary'] as const;
const URGENCY_OPTIONS = ENTRAIDE_URGENCIES.map((value) => ({ value, label: ENTRAIDE_URGENCY_LABELS[value] }));

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function formatDay(isoDay: string): string {
  // Noon: the day stays the same in every time zone.
  return new Date(`${isoDay}T12:00:00`).toLocaleDateString('fr-FR', { dateStyle: 'long' });
}

interface CallValues {
  departement: string;
  receivedOn: string;
  natures: EntraideNature[];
  urgency: EntraideUrgency;
  summary: string;
}

/** What is wrong with a call before it is sent, by field: the contract's schema, and a département chosen. */
export function checkCall(values: CallValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!isDepartementCode(values.departement)) errors.departement = "Choisissez le département du conseil qui a reçu l'appel.";
  if (values.receivedOn > today()) errors.receivedOn = "Un appel ne peut pas être daté dans l'avenir.";
  const parsed = ZEntraideCallLog.safeParse(values);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldOfPath(issue.path.join('.'))] ??= issue.message;
  return errors;
}

/** Logs a call without identity: what was asked, when, how urgent, and a summary sealed for the CDE. */
function CallLogForm() {
  const { data: session } = useSession();
  const user = session?.user;
  // A departmental account logs calls for its own département; a national one chooses.
  const own = user && user.role !== 'membre_cne' ? user.departement : null;
  const initial = (): CallValues => ({ departement: own ?? '', receivedOn: today(), natures: [], urgency: 'normale', summary: '' });
  const [values, setValues] = useState<CallValues>(initial);
  const [checked, setChecked] = useState<FieldErrors | null>(null);
  const logging = useLogCall();
  const server = toFormErrors(logging.error);
  const fields = orderedErrors(checked ?? (server ? toFieldErrors(server.fields) : {}), FIELD_ORDER);
  const summary = checked ? { message: ERROR_MESSAGES.VALIDATION_FAILED, fields } : server ? { message: server.message, fields } : null;

  function change(patch: Partial<CallValues>) {
    setValues((current) => ({ ...current, ...patch }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkCall(values);
    const first = firstInOrder(errors, FIELD_ORDER);
    if (first) {
      setChecked(errors);
      document.getElementById(fieldId(ID, first))?.focus();
      return;
    }
    setChecked(null);
    const body: TEntraideCallLogBody = { ...values, summary: values.summary.trim() };
    logging.mutate(body, { onSuccess: () => setValues(initial()) });
  }

  return (
    <form className="form subform" noValidate onSubmit={submit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Noter un appel</h2>
      <p className="hint">Sans le nom de la personne : l'appel est noté sans identité. Vous pourrez en faire un dossier ensuite.</p>
      {logging.isSuccess && !checked ? (
        <Notice tone="success" title="Appel noté">
          <p>Il figure dans la liste ci-dessous.</p>
        </Notice>
      ) : null}
      <FormError errors={summary} idPrefix={ID} />
      <SelectField
        idPrefix={ID}
        name="departement"
        label="Département"
        value={values.departement}
        disabled={own !== null}
        onChange={(event) => change({ departement: event.currentTarget.value })}
        error={fields.departement}
      >
        <option value="">Choisissez un département</option>
        <DepartementOptions />
      </SelectField>
      <TextField
        idPrefix={ID}
        name="receivedOn"
        type="date"
        label="Date de l'appel"
        max={today()}
        value={values.receivedOn}
        onChange={(event) => change({ receivedOn: event.currentTarget.value })}
        error={fields.receivedOn}
      />
      <fieldset className="field fieldset">
        <legend>Difficulté évoquée</legend>
        {ENTRAIDE_NATURES.map((nature, index) => (
          <CheckboxField
            key={nature}
            idPrefix={ID}
            name={index === 0 ? 'natures' : `natures-${nature}`}
            label={ENTRAIDE_NATURE_LABELS[nature]}
            checked={values.natures.includes(nature)}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              change({ natures: on ? [...values.natures, nature] : values.natures.filter((n) => n !== nature) });
            }}
          />
        ))}
      </fieldset>
      <RadioGroupField idPrefix={ID} name="urgency" legend="Quand faut-il rappeler ?" options={URGENCY_OPTIONS} value={values.urgency} onChange={(urgency) => change({ urgency })} error={fields.urgency} />
      <TextAreaField
        idPrefix={ID}
        name="summary"
        label="Résumé (facultatif)"
        hint="Chiffré pour la seule commission départementale : il n'apparaît dans aucune liste."
        maxLength={ENTRAIDE_LIMITS.note}
        value={values.summary}
        onChange={(event) => change({ summary: event.currentTarget.value })}
        error={fields.summary}
      />
      <FormActions submitLabel="Noter l'appel" pending={logging.isPending} />
    </form>
  );
}

function CallsList() {
  const calls = useEntraideCalls();
  if (calls.error) return <FormError errors={toFormErrors(calls.error)} idPrefix="appels" />;
  if (!calls.data) return <Loading />;
  if (calls.data.calls.length === 0) return <p>Aucun appel noté.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="appels-legende" tabIndex={0}>
      <table className="table">
        <caption id="appels-legende">
          <span className="table__caption">Appels notés, les plus récents d'abord</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Département</th>
            <th scope="col">Difficulté</th>
            <th scope="col">Rappel</th>
            <th scope="col">Dossier</th>
          </tr>
        </thead>
        <tbody>
          {calls.data.calls.map((call) => (
            <tr key={call.id}>
              <th scope="row">{formatDay(call.receivedOn)}</th>
              <td>{call.departement}</td>
              <td>{call.natures.length > 0 ? call.natures.map((n) => ENTRAIDE_NATURE_LABELS[n]).join(', ') : '—'}</td>
              <td>{ENTRAIDE_URGENCY_LABELS[call.urgency]}</td>
              <td>
                {call.caseReference ? (
                  <span className="receipt-number">Dossier {call.caseReference}</span>
                ) : (
                  <Link className="button button--small button--secondary" to={`/entraide/enregistrer?appel=${call.id}`}>
                    Ouvrir un dossier<span className="visually-hidden"> pour l'appel du {formatDay(call.receivedOn)}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** « Appels d'entraide »: calls to the council or the helplines, logged anonymously, and turned into cases. */
export function CallsPage() {
  // The form starts from the account's département: drawn once the session is known.
  const { data: session } = useSession();
  return (
    <Page title="Appels d'entraide">
      <p className="lead">
        Notez chaque appel d'un médecin ou d'un proche en difficulté. Si la personne le souhaite, ouvrez ensuite un dossier
        pour la commission départementale d'entraide.
      </p>
      <p>
        <Link to="/entraide/enregistrer">Enregistrer directement une demande d'entraide</Link>
      </p>
      {session ? <CallLogForm /> : <Loading />}
      <section className="section" aria-labelledby="appels-titre">
        <h2 id="appels-titre">Appels notés</h2>
        <CallsList />
      </section>
    </Page>
  );
}
