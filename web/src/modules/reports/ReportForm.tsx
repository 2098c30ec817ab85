import { useController, useForm, useWatch } from 'react-hook-form';
import { ERROR_MESSAGES } from '../../../../contracts/errors.js';
import { REPORT_CONSEQUENCE_LABELS, REPORT_CONSEQUENCES, type ReportConsequence } from '../../../../contracts/reports.guidance.js';
import { REPORT_CHANNEL_REPORTER_LABELS, REPORT_CHANNELS, type ReportChannel } from '../../../../contracts/report-vocabulary.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { CheckboxField, RadioGroupField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import type { ReportPrefill } from '../../components/reports/report-prefill.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { AttachmentsField } from './AttachmentsField.js';
import {
  NUMBER_LABEL,
  SENDER_LABEL,
  anonymousReportResolver,
  doctorReportResolver,
  initialReportValues,
  messagesByField,
  toAnonymousReportBody,
  toReportBody,
  type ReportFormValues,
} from './report-form-model.js';
import type { ReportSubmission, TReportLimits } from './reports.api.js';

export const FORM_ID = 'signaler';

const CHANNEL_OPTIONS = REPORT_CHANNELS.map((value) => ({ value, label: REPORT_CHANNEL_REPORTER_LABELS[value] }));

const PASTED_HINT: Record<ReportChannel, string> = {
  telephone: "Notez ce que l'interlocuteur a dit, le plus fidèlement possible.",
  sms: 'Copiez le texte du SMS, tel quel.',
  courriel: "Copiez l'expéditeur, l'objet et le texte du courriel, ou joignez le fichier .eml ou .msg ci-dessous.",
  courrier: 'Recopiez le texte du courrier, ou joignez une photo ou un PDF ci-dessous.',
  autre: 'Copiez les messages échangés.',
};

/** Server field paths (« links.3 », « attachments.0 ») → the form's field names. */
export function toFormFields(errors: FormErrors | null): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors?.fields ?? {})) {
    const name = path.split('.')[0] ?? path;
    fields[name] ??= message;
  }
  return fields;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The report form. `asDoctor`: the report is filed from the doctor's account (its département);
 * otherwise the reporter gives an address, confirmed by a link, and may choose a département.
 * One form model (react-hook-form) checked on submit by the server's own schema: an error found here is shown
 * as the server would show it, and the focus goes to the first field in error; `errors` are the server's.
 */
export function ReportForm({ asDoctor, limits, prefill, errors, pending, onSubmit }: {
  asDoctor: boolean;
  limits: TReportLimits | undefined;
  prefill: ReportPrefill | null;
  errors: FormErrors | null;
  pending: boolean;
  onSubmit: (submission: ReportSubmission, email: string | null) => void;
}) {
  const form = useForm<ReportFormValues>({
    defaultValues: initialReportValues(prefill),
    resolver: asDoctor ? doctorReportResolver : anonymousReportResolver,
    // Errors stay as shown until the next submit, as the server's do.
    reValidateMode: 'onSubmit',
  });
  const { register, control, setValue, handleSubmit } = form;
  const channelField = useController({ control, name: 'channel' });
  const consequencesField = useController({ control, name: 'consequences' });
  const attachmentsField = useController({ control, name: 'attachments' });
  const channel = channelField.field.value;
  const attachmentsProblem = useWatch({ control, name: 'attachmentsProblem' });
  const checked = messagesByField(form.formState.errors);
  const hasChecked = Object.keys(checked).length > 0;
  const serverFields = toFormFields(errors);
  const fieldErrors: Record<string, string | undefined> = {
    ...(hasChecked ? checked : serverFields),
    ...(attachmentsProblem ? { attachments: attachmentsProblem } : {}),
  };
  const summary: FormErrors | null = hasChecked
    ? { message: ERROR_MESSAGES.VALIDATION_FAILED, fields: checked }
    : errors
      ? { message: errors.message, fields: serverFields }
      : null;
  const { name: _emailName, ...emailInput } = register('email');

  function toggle(consequence: ReportConsequence, on: boolean) {
    const current = consequencesField.field.value;
    consequencesField.field.onChange(on ? [...current, consequence] : current.filter((c) => c !== consequence));
  }

  function chooseFiles(next: File[], problem: string | null) {
    attachmentsField.field.onChange(next);
    setValue('attachmentsProblem', problem);
  }

  const submit = handleSubmit((values) => {
    // The File objects themselves: the browser streams them in the request, nothing is read here.
    if (asDoctor) onSubmit({ asDoctor: true, body: toReportBody(values), files: values.attachments }, null);
    else onSubmit({ asDoctor: false, body: toAnonymousReportBody(values), files: values.attachments }, values.email.trim());
  });

  return (
    <form className="form report-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormError errors={summary} idPrefix={FORM_ID} />
      <RadioGroupField idPrefix={FORM_ID} name="channel" legend="Comment avez-vous été démarché ?" options={CHANNEL_OPTIONS} value={channel} onChange={channelField.field.onChange} error={fieldErrors.channel} />
      <TextField
        idPrefix={FORM_ID}
        type="date"
        label="Date du démarchage (facultatif)"
        max={today()}
        {...register('occurredOn')}
        error={fieldErrors.occurredOn}
      />
      <TextField
        idPrefix={FORM_ID}
        label="Nom de l'organisme annoncé (facultatif)"
        hint="Le nom sous lequel on vous a contacté, même s'il semble officiel."
        maxLength={200}
        {...register('organisationName')}
        error={fieldErrors.organisationName}
      />
      {NUMBER_LABEL[channel] ? (
        <TextField
          idPrefix={FORM_ID}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          label={`${NUMBER_LABEL[channel]} (facultatif)`}
          maxLength={40}
          {...register('callerNumber')}
          error={fieldErrors.callerNumber}
        />
      ) : null}
      {SENDER_LABEL[channel] ? (
        <TextField
          idPrefix={FORM_ID}
          autoComplete="off"
          spellCheck={false}
          label={`${SENDER_LABEL[channel]} (facultatif)`}
          maxLength={320}
          {...register('sender')}
          error={fieldErrors.sender}
        />
      ) : null}
      <TextAreaField
        idPrefix={FORM_ID}
        label="Liens reçus (facultatif)"
        hint="Un lien par ligne. Ne les ouvrez pas : copiez-les."
        rows={2}
        spellCheck={false}
        autoComplete="off"
        {...register('links')}
        error={fieldErrors.links}
      />
      <TextAreaField
        idPrefix={FORM_ID}
        label="Ce qui s'est passé"
        hint="Qui vous a contacté, ce qu'on vous a demandé, ce que vous avez fait. Décrivez, collez les échanges ou joignez un fichier : l'un des trois au moins."
        maxLength={10_000}
        {...register('description')}
        error={fieldErrors.description}
      />
      <TextAreaField
        idPrefix={FORM_ID}
        label="Copie des échanges (facultatif)"
        hint={PASTED_HINT[channel]}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        {...register('pastedText')}
        error={fieldErrors.pastedText}
      />
      <AttachmentsField idPrefix={FORM_ID} files={attachmentsField.field.value} limits={limits} error={fieldErrors.attachments} onChange={chooseFiles} />
      <fieldset className="field fieldset" aria-describedby={`${FORM_ID}-consequences-hint`}>
        <legend>Avez-vous donné suite ?</legend>
        <p id={`${FORM_ID}-consequences-hint`} className="hint">
          Cochez ce qui s'applique : nous vous indiquerons les démarches utiles. Ne cochez rien si vous n'avez rien donné.
        </p>
        {fieldErrors.consequences ? <p className="field-error">{fieldErrors.consequences}</p> : null}
        {REPORT_CONSEQUENCES.map((c, index) => (
          <CheckboxField
            key={c}
            idPrefix={FORM_ID}
            name={index === 0 ? 'consequences' : `consequences-${c}`}
            label={REPORT_CONSEQUENCE_LABELS[c]}
            checked={consequencesField.field.value.includes(c)}
            onChange={(event) => toggle(c, event.currentTarget.checked)}
          />
        ))}
      </fieldset>
      {asDoctor ? null : (
        <fieldset className="field fieldset">
          <legend>Vos coordonnées</legend>
          <EmailField
            idPrefix={FORM_ID}
            autoComplete="email"
            hint="Un lien de confirmation y sera envoyé : le signalement n'est transmis qu'après sa confirmation. Le reçu et le lien de suivi y arriveront ensuite."
            {...emailInput}
            error={fieldErrors.email}
          />
          <TextField
            idPrefix={FORM_ID}
            autoComplete="name"
            label="Votre nom (facultatif)"
            maxLength={120}
            {...register('name')}
            error={fieldErrors.name}
          />
          <SelectField
            idPrefix={FORM_ID}
            label="Votre département d'exercice (facultatif)"
            hint="Le signalement sera examiné par le conseil de ce département."
            {...register('departement')}
            error={fieldErrors.departement}
          >
            <option value="">Je ne sais pas ou je préfère ne pas le dire</option>
            <DepartementOptions />
          </SelectField>
        </fieldset>
      )}
      <CheckboxField
        idPrefix={FORM_ID}
        label="Je souhaite rester anonyme vis-à-vis des organismes destinataires (mon identité reste connue du conseil)"
        {...register('pseudonymous')}
        error={fieldErrors.pseudonymous}
      />
      <FormActions submitLabel="Envoyer le signalement" pending={pending} />
    </form>
  );
}
