import { useState } from 'react';
import type { FormEvent } from 'react';
import { DEPARTEMENT_CODES } from '../../../../contracts/departements.js';
import { REPORT_CONSEQUENCE_LABELS, REPORT_CONSEQUENCES, type ReportConsequence } from '../../../../contracts/reports.guidance.js';
import { REPORT_CHANNEL_REPORTER_LABELS as REPORT_CHANNEL_LABELS, REPORT_CHANNELS } from '../../../../contracts/report-vocabulary.js';
import { CheckboxField, RadioGroupField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { EmailField } from '../../components/EmailField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { AttachmentsField } from './AttachmentsField.js';
import type { ReportPrefill } from './report-prefill.js';
import type { ReportSubmission, TReportLimits } from './reports.api.js';

export const FORM_ID = 'signaler';
type Channel = (typeof REPORT_CHANNELS)[number];

const CHANNEL_OPTIONS = REPORT_CHANNELS.map((value) => ({ value, label: REPORT_CHANNEL_LABELS[value] }));

const NUMBER_LABEL: Partial<Record<Channel, string>> = {
  telephone: 'Numéro qui vous a appelé',
  sms: "Numéro de l'expéditeur du SMS",
  autre: 'Numéro de téléphone mentionné',
};
const SENDER_LABEL: Partial<Record<Channel, string>> = {
  courriel: "Adresse électronique de l'expéditeur",
  courrier: 'Expéditeur du courrier (nom, adresse)',
  autre: 'Expéditeur',
};
const PASTED_HINT: Record<Channel, string> = {
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
 */
export function ReportForm({ asDoctor, limits, prefill, errors, pending, onSubmit }: {
  asDoctor: boolean;
  limits: TReportLimits | undefined;
  prefill: ReportPrefill | null;
  errors: FormErrors | null;
  pending: boolean;
  onSubmit: (submission: ReportSubmission, email: string | null) => void;
}) {
  const [channel, setChannel] = useState<Channel>(prefill?.channel ?? 'telephone');
  const [occurredOn, setOccurredOn] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  const [callerNumber, setCallerNumber] = useState(prefill?.callerNumber ?? '');
  const [sender, setSender] = useState(prefill?.sender ?? '');
  const [links, setLinks] = useState(prefill?.links.join('\n') ?? '');
  const [description, setDescription] = useState('');
  const [pastedText, setPastedText] = useState(prefill?.pastedText ?? '');
  const [consequences, setConsequences] = useState<ReportConsequence[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [departement, setDepartement] = useState('');
  const [pseudonymous, setPseudonymous] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const fieldErrors = { ...toFormFields(errors), ...localErrors };
  const summary: FormErrors | null = errors ? { message: errors.message, fields: toFormFields(errors) } : null;

  function toggle(consequence: ReportConsequence, checked: boolean) {
    setConsequences((current) => (checked ? [...current, consequence] : current.filter((c) => c !== consequence)));
  }

  function chooseFiles(next: File[], problem: string | null) {
    setFiles(next);
    setLocalErrors((current) => {
      const { attachments: _previous, ...rest } = current;
      return problem ? { ...rest, attachments: problem } : rest;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const common = {
      channel,
      occurredOn: occurredOn || null,
      organisationName,
      callerNumber: NUMBER_LABEL[channel] ? callerNumber : '',
      sender: SENDER_LABEL[channel] ? sender : '',
      links: links.split(/\s*\n\s*/).map((l) => l.trim()).filter((l) => l !== ''),
      description,
      pastedText,
      consequences,
      pseudonymous,
    };
    // The File objects themselves: the browser streams them in the request, nothing is read here.
    if (asDoctor) onSubmit({ asDoctor: true, body: common, files }, null);
    else onSubmit({ asDoctor: false, body: { ...common, email, name, departement: departement || null }, files }, email.trim());
  }

  return (
    <form className="form report-form" noValidate onSubmit={submit}>
      <FormError errors={summary} idPrefix={FORM_ID} />
      <RadioGroupField idPrefix={FORM_ID} name="channel" legend="Comment avez-vous été démarché ?" options={CHANNEL_OPTIONS} value={channel} onChange={setChannel} error={fieldErrors.channel} />
      <TextField
        idPrefix={FORM_ID}
        name="occurredOn"
        type="date"
        label="Date du démarchage (facultatif)"
        max={today()}
        value={occurredOn}
        onChange={(event) => setOccurredOn(event.currentTarget.value)}
        error={fieldErrors.occurredOn}
      />
      <TextField
        idPrefix={FORM_ID}
        name="organisationName"
        label="Nom de l'organisme annoncé (facultatif)"
        hint="Le nom sous lequel on vous a contacté, même s'il semble officiel."
        maxLength={200}
        value={organisationName}
        onChange={(event) => setOrganisationName(event.currentTarget.value)}
        error={fieldErrors.organisationName}
      />
      {NUMBER_LABEL[channel] ? (
        <TextField
          idPrefix={FORM_ID}
          name="callerNumber"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          label={`${NUMBER_LABEL[channel]} (facultatif)`}
          maxLength={40}
          value={callerNumber}
          onChange={(event) => setCallerNumber(event.currentTarget.value)}
          error={fieldErrors.callerNumber}
        />
      ) : null}
      {SENDER_LABEL[channel] ? (
        <TextField
          idPrefix={FORM_ID}
          name="sender"
          autoComplete="off"
          spellCheck={false}
          label={`${SENDER_LABEL[channel]} (facultatif)`}
          maxLength={320}
          value={sender}
          onChange={(event) => setSender(event.currentTarget.value)}
          error={fieldErrors.sender}
        />
      ) : null}
      <TextAreaField
        idPrefix={FORM_ID}
        name="links"
        label="Liens reçus (facultatif)"
        hint="Un lien par ligne. Ne les ouvrez pas : copiez-les."
        rows={2}
        spellCheck={false}
        autoComplete="off"
        value={links}
        onChange={(event) => setLinks(event.currentTarget.value)}
        error={fieldErrors.links}
      />
      <TextAreaField
        idPrefix={FORM_ID}
        name="description"
        label="Ce qui s'est passé"
        hint="Qui vous a contacté, ce qu'on vous a demandé, ce que vous avez fait. Décrivez, collez les échanges ou joignez un fichier : l'un des trois au moins."
        maxLength={10_000}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={fieldErrors.description}
      />
      <TextAreaField
        idPrefix={FORM_ID}
        name="pastedText"
        label="Copie des échanges (facultatif)"
        hint={PASTED_HINT[channel]}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        value={pastedText}
        onChange={(event) => setPastedText(event.currentTarget.value)}
        error={fieldErrors.pastedText}
      />
      <AttachmentsField idPrefix={FORM_ID} files={files} limits={limits} error={fieldErrors.attachments} onChange={chooseFiles} />
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
            checked={consequences.includes(c)}
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
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <TextField
            idPrefix={FORM_ID}
            name="name"
            autoComplete="name"
            label="Votre nom (facultatif)"
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name}
          />
          <SelectField
            idPrefix={FORM_ID}
            name="departement"
            label="Votre département d'exercice (facultatif)"
            hint="Le signalement sera examiné par le conseil de ce département."
            value={departement}
            onChange={(event) => setDepartement(event.currentTarget.value)}
            error={fieldErrors.departement}
          >
            <option value="">Je ne sais pas ou je préfère ne pas le dire</option>
            {DEPARTEMENT_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        </fieldset>
      )}
      <CheckboxField
        idPrefix={FORM_ID}
        name="pseudonymous"
        label="Je souhaite rester anonyme vis-à-vis des organismes destinataires (mon identité reste connue du conseil)"
        checked={pseudonymous}
        onChange={(event) => setPseudonymous(event.currentTarget.checked)}
        error={fieldErrors.pseudonymous}
      />
      <FormActions submitLabel="Envoyer le signalement" pending={pending} />
    </form>
  );
}
