import { useState, type FormEvent } from 'react';
import { DPC_SIGNALEMENT_LIMITS, DPC_REPORTER_KIND_LABELS, DPC_SIGNALEMENT_KIND_LABELS, DPC_SIGNALEMENT_KINDS, type DpcReporterKind, type DpcSignalementKind } from '../../../../contracts/dpc-signalements.schemas.js';
import { ACCEPTED_UPLOADS_LABEL, UPLOAD_ACCEPT } from '../../../../contracts/reports.schemas.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { SignalementFormIdentity } from './SignalementFormIdentity.js';
import { FACTS_HINTS, REPORTER_KINDS_OF, initialValues, signalementBody, validateSignalement, type FilingMode, type SignalementValues } from './SignalementFormModel.js';
import { SignalementFormSubject } from './SignalementFormSubject.js';
import type { SignalementBody } from './dpc-filing.api.js';

export const SIGNALEMENT_FORM_ID = 'signalement-dpc';

const KIND_OPTIONS = DPC_SIGNALEMENT_KINDS.map((value) => ({ value, label: DPC_SIGNALEMENT_KIND_LABELS[value] }));
const HEALTH_OPTIONS = [
  { value: 'oui' as const, label: 'Oui' },
  { value: 'non' as const, label: 'Non, ou je ne sais pas' },
];

/** The signalement form: checks what it can before sending, then hands the body and the files over. */
export function SignalementForm({ mode, serverErrors, pending, onSubmit }: {
  mode: FilingMode;
  serverErrors: FormErrors | null;
  pending: boolean;
  onSubmit: (body: SignalementBody, files: File[]) => void;
}) {
  const [values, setValues] = useState<SignalementValues>(() => initialValues(mode));
  const [localErrors, setLocalErrors] = useState<Record<string, string> | null>(null);
  const change = (patch: Partial<SignalementValues>) => setValues((v) => ({ ...v, ...patch }));
  const errors = localErrors ? { message: 'Certaines informations manquent ou sont invalides. Corrigez les champs signalés.', fields: localErrors } : serverErrors;
  const fields = errors?.fields ?? {};
  const reporterOptions = REPORTER_KINDS_OF[mode].map((value) => ({ value, label: DPC_REPORTER_KIND_LABELS[value] }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateSignalement(values, mode);
    if (Object.keys(found).length > 0) {
      setLocalErrors(found);
      // The summary lists the fields; the first one takes the focus, as the summary's links would.
      document.getElementById(`${SIGNALEMENT_FORM_ID}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setLocalErrors(null);
    onSubmit(signalementBody(values, mode), values.files);
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormError errors={errors} idPrefix={SIGNALEMENT_FORM_ID} />
      {reporterOptions.length > 1 ? (
        <RadioGroupField<DpcReporterKind | ''>
          idPrefix={SIGNALEMENT_FORM_ID}
          name="reporterKind"
          legend={mode === 'agent' ? 'Qui fait le signalement ?' : 'Qui êtes-vous ?'}
          options={reporterOptions}
          value={values.reporterKind}
          onChange={(reporterKind) => change({ reporterKind })}
          error={fields.reporterKind}
        />
      ) : null}
      <SignalementFormSubject idPrefix={SIGNALEMENT_FORM_ID} values={values} errors={fields} onChange={change} />
      <RadioGroupField<DpcSignalementKind | ''>
        idPrefix={SIGNALEMENT_FORM_ID}
        name="kind"
        legend="De quoi s’agit-il ?"
        options={KIND_OPTIONS}
        value={values.kind}
        onChange={(kind) => change({ kind })}
        error={fields.kind}
      />
      <SelectField
        idPrefix={SIGNALEMENT_FORM_ID}
        name="departement"
        label="Département où les faits ont eu lieu (facultatif)"
        value={values.departement}
        onChange={(event) => change({ departement: event.currentTarget.value })}
        error={fields.departement}
      >
        <option value="">Non précisé, ou formation à distance</option>
        <DepartementOptions />
      </SelectField>
      <TextField
        idPrefix={SIGNALEMENT_FORM_ID}
        name="occurredOn"
        label="Date des faits (facultatif)"
        type="date"
        value={values.occurredOn}
        onChange={(event) => change({ occurredOn: event.currentTarget.value })}
        error={fields.occurredOn}
      />
      <TextAreaField
        idPrefix={SIGNALEMENT_FORM_ID}
        name="facts"
        label="Les faits"
        hint={values.reporterKind ? FACTS_HINTS[values.reporterKind] : 'Décrivez ce qui s’est passé, avec vos mots.'}
        rows={8}
        maxLength={DPC_SIGNALEMENT_LIMITS.facts}
        value={values.facts}
        onChange={(event) => change({ facts: event.currentTarget.value })}
        error={fields.facts}
      />
      <RadioGroupField<'' | 'oui' | 'non'>
        idPrefix={SIGNALEMENT_FORM_ID}
        name="concernsHealth"
        legend="Des patients ou leur santé sont-ils concernés ?"
        options={HEALTH_OPTIONS}
        value={values.concernsHealth}
        onChange={(concernsHealth) => change({ concernsHealth })}
        error={fields.concernsHealth}
      />
      <TextField
        idPrefix={SIGNALEMENT_FORM_ID}
        name="attachments"
        label="Pièces jointes (facultatif)"
        hint={`Programme, supports, captures, messages : ${ACCEPTED_UPLOADS_LABEL}, ${DPC_SIGNALEMENT_LIMITS.evidenceFiles} fichiers au plus.`}
        type="file"
        multiple
        accept={UPLOAD_ACCEPT}
        onChange={(event) => change({ files: Array.from(event.currentTarget.files ?? []) })}
        error={fields.attachments ?? Object.entries(fields).find(([path]) => path.startsWith('attachments.'))?.[1]}
      />
      <SignalementFormIdentity idPrefix={SIGNALEMENT_FORM_ID} mode={mode} values={values} errors={fields} onChange={change} />
      <FormActions submitLabel="Envoyer le signalement" pending={pending} />
    </form>
  );
}
