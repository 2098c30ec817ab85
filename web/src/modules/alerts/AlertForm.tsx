import { useState } from 'react';
import type { FormEvent } from 'react';
import { AUDIENCE_SCOPE_LABELS, MAX_ALERT_TEXT_CHARS, MAX_ALERT_TITLE_CHARS, type AudienceScope, type TAudience } from '../../../../contracts/alerts.schemas.js';
import { isDepartementCode } from '../../../../contracts/departements.js';
import { RadioGroupField, TextAreaField, TextField, fieldId } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useAudiencePreview, useSpecialties, type AlertDraftInput } from './alerts.api.js';
import type { AlertTemplateId } from '../../../../contracts/alert-templates.js';
import { AlertPreview } from './AlertPreview.js';
import { AlertTemplatePicker } from './AlertTemplatePicker.js';

const ID = 'alerte';

export interface AlertFormValues {
  title: string;
  situation: string;
  whatToDo: string;
  whatNotToDo: string;
  scope: AudienceScope;
  departements: string;
  specialties: string[];
  visibleUntil: string;
  campaignId: string | null;
}

export const EMPTY_ALERT: AlertFormValues = {
  title: '',
  situation: '',
  whatToDo: '',
  whatNotToDo: '',
  scope: 'departements',
  departements: '',
  specialties: [],
  visibleUntil: '',
  campaignId: null,
};

const parseDepartements = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);

/** The audience as the API takes it, or null while it is incomplete (no preview then). */
function audienceOf(values: AlertFormValues, ownDepartement: string | null): TAudience | null {
  const departements = ownDepartement ? [ownDepartement] : parseDepartements(values.departements);
  if (!departements.every(isDepartementCode)) return null;
  if (values.scope === 'national') return { scope: 'national', departements: [], specialties: [] };
  if (values.scope === 'departements') return departements.length > 0 ? { scope: 'departements', departements, specialties: [] } : null;
  return values.specialties.length > 0 ? { scope: 'specialites', departements, specialties: values.specialties } : null;
}

/** Errors on `audience.departements.0` and the like are shown on the field they belong to. */
function groupFieldErrors(errors: FormErrors | null): FormErrors | null {
  if (!errors) return null;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors.fields)) {
    const name = path.startsWith('audience.departements') ? 'audience.departements' : path.startsWith('audience.specialties') ? 'audience.specialties' : path;
    fields[name] ??= message;
  }
  return { ...errors, fields };
}

function AudiencePreview({ audience }: { audience: TAudience | null }) {
  const preview = useAudiencePreview(audience);
  if (!audience) return <p className="hint">Choisissez les destinataires pour voir combien de médecins recevront l’alerte.</p>;
  if (preview.isError) return <p className="hint">Le nombre de destinataires n’a pas pu être calculé.</p>;
  if (!preview.data) return <p className="hint">Calcul du nombre de destinataires…</p>;
  const { recipients, withoutEmail, frozen } = preview.data;
  return (
    <p className="alert-preview" role="status">
      <strong>{recipients.toLocaleString('fr-FR')}</strong> médecin{recipients > 1 ? 's' : ''} recevr{recipients > 1 ? 'ont' : 'a'} l’alerte par courriel
      {withoutEmail > 0 || frozen > 0 ? (
        <span className="muted">
          {' '}
          ({withoutEmail > 0 ? `${withoutEmail.toLocaleString('fr-FR')} sans adresse électronique` : ''}
          {withoutEmail > 0 && frozen > 0 ? ', ' : ''}
          {frozen > 0 ? `${frozen.toLocaleString('fr-FR')} fiche${frozen > 1 ? 's' : ''} gelée${frozen > 1 ? 's' : ''} exclue${frozen > 1 ? 's' : ''}` : ''})
        </span>
      ) : null}
      .
    </p>
  );
}

/** Drafting or editing an alert: the text doctors will read, who receives it, how long it shows. */
export function AlertForm({ initial, template, submitLabel, pending, error, onSubmit, onCancel }: {
  initial: AlertFormValues;
  /** A new draft starts from this template and may switch to another; an existing draft has no picker. */
  template?: AlertTemplateId;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: AlertDraftInput) => void;
  onCancel?: () => void;
}) {
  const { data: session } = useSession();
  const ownDepartement = session?.user?.departement ?? null;
  const specialties = useSpecialties();
  const [values, setValues] = useState<AlertFormValues>(() => (ownDepartement && initial.scope === 'national' ? { ...initial, scope: 'departements' } : initial));
  const set = <K extends keyof AlertFormValues>(key: K, value: AlertFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errors = groupFieldErrors(toFormErrors(error));
  const audience = audienceOf(values, ownDepartement);
  const scopes: AudienceScope[] = ownDepartement ? ['departements', 'specialites'] : ['national', 'departements', 'specialites'];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit({
      title: values.title,
      situation: values.situation,
      whatToDo: values.whatToDo,
      whatNotToDo: values.whatNotToDo,
      audience: {
        scope: values.scope,
        departements: values.scope === 'national' ? [] : ownDepartement ? [ownDepartement] : parseDepartements(values.departements),
        specialties: values.scope === 'specialites' ? values.specialties : [],
      },
      campaignId: values.campaignId,
      visibleUntil: values.visibleUntil || null,
    });
  }

  const toggleSpecialty = (name: string, on: boolean) =>
    set('specialties', on ? [...values.specialties, name] : values.specialties.filter((s) => s !== name));

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormError errors={errors} idPrefix={ID} />
      {template ? <AlertTemplatePicker initial={template} current={values} onApply={(content) => setValues((v) => ({ ...v, ...content }))} /> : null}
      {/* Two lines, so a template's long title reads whole on a phone; still one line of text (the mail's subject). */}
      <TextAreaField
        idPrefix={ID}
        name="title"
        label="Titre"
        required
        rows={2}
        maxLength={MAX_ALERT_TITLE_CHARS}
        value={values.title}
        onChange={(e) => set('title', e.target.value.replace(/\s*[\r\n]+\s*/g, ' '))}
        hint="Il sera l’objet du courriel : « [Alerte Ordre des médecins] » suivi de ce titre."
        error={errors?.fields.title}
      />
      <TextAreaField
        idPrefix={ID}
        name="situation"
        label="Ce qui se passe"
        required
        rows={5}
        maxLength={MAX_ALERT_TEXT_CHARS}
        value={values.situation}
        onChange={(e) => set('situation', e.target.value)}
        hint="Décrivez la manœuvre telle que les médecins la rencontrent (qui se présente, par quel canal, ce qui est demandé). N’y mettez aucune information sur les personnes qui l’ont signalée."
        error={errors?.fields.situation}
      />
      <TextAreaField
        idPrefix={ID}
        name="whatToDo"
        label="Ce qu’il faut faire"
        required
        rows={4}
        maxLength={MAX_ALERT_TEXT_CHARS}
        value={values.whatToDo}
        onChange={(e) => set('whatToDo', e.target.value)}
        error={errors?.fields.whatToDo}
      />
      <TextAreaField
        idPrefix={ID}
        name="whatNotToDo"
        label="Ce qu’il ne faut pas faire (facultatif)"
        rows={3}
        maxLength={MAX_ALERT_TEXT_CHARS}
        value={values.whatNotToDo}
        onChange={(e) => set('whatNotToDo', e.target.value)}
        error={errors?.fields.whatNotToDo}
      />
      <RadioGroupField
        idPrefix={ID}
        name="audience.scope"
        legend="Destinataires"
        hint={ownDepartement ? `Votre compte est rattaché au département ${ownDepartement} : l’alerte ne peut viser que ses médecins.` : undefined}
        options={scopes.map((s) => ({ value: s, label: AUDIENCE_SCOPE_LABELS[s] }))}
        value={values.scope}
        onChange={(scope) => set('scope', scope)}
        error={errors?.fields['audience.scope']}
      />
      {values.scope !== 'national' && !ownDepartement ? (
        <TextField
          idPrefix={ID}
          name="audience.departements"
          label={values.scope === 'specialites' ? 'Dans les départements (facultatif)' : 'Départements'}
          hint={values.scope === 'specialites' ? 'Numéros séparés par des virgules, par exemple « 75, 92, 2A ». Vide : toute la France.' : 'Numéros séparés par des virgules, par exemple « 75, 92, 2A ».'}
          value={values.departements}
          onChange={(e) => set('departements', e.target.value)}
          autoComplete="off"
          error={errors?.fields['audience.departements']}
        />
      ) : null}
      {values.scope === 'specialites' ? (
        <fieldset className={`field fieldset alert-specialties${errors?.fields['audience.specialties'] ? ' field--invalid' : ''}`}>
          <legend>Spécialités</legend>
          {errors?.fields['audience.specialties'] ? (
            <p className="field-error" id={`${fieldId(ID, 'audience.specialties')}-error`}>
              <span aria-hidden="true">⚠ </span>
              {errors.fields['audience.specialties']}
            </p>
          ) : null}
          {specialties.data?.items.length === 0 ? <p className="hint">Le tableau ne contient encore aucune spécialité.</p> : null}
          <div className="alert-specialties__list">
            {(specialties.data?.items ?? []).map((name, index) => {
              const id = index === 0 ? fieldId(ID, 'audience.specialties') : `${fieldId(ID, 'audience.specialties')}-${index}`;
              return (
                <div className="checkbox" key={name}>
                  <input id={id} type="checkbox" checked={values.specialties.includes(name)} onChange={(e) => toggleSpecialty(name, e.target.checked)} />
                  <label htmlFor={id}>{name}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      <AudiencePreview audience={audience} />
      <TextField
        idPrefix={ID}
        name="visibleUntil"
        type="date"
        label="Affichée sur la page publique jusqu’au (facultatif)"
        hint="Vide : 30 jours après l’approbation."
        value={values.visibleUntil}
        onChange={(e) => set('visibleUntil', e.target.value)}
        error={errors?.fields.visibleUntil}
      />
      {errors?.fields.campaignId ? <p className="field-error">{errors.fields.campaignId}</p> : null}
      <AlertPreview alert={values} />
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
