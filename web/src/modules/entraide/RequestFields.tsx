import {
  ENTRAIDE_CONTACT_MEANS,
  ENTRAIDE_CONTACT_MEANS_LABELS,
  ENTRAIDE_LIMITS,
  ENTRAIDE_NATURE_LABELS,
  ENTRAIDE_NATURES,
  ENTRAIDE_URGENCIES,
  ENTRAIDE_URGENCY_LABELS,
  type EntraideContactMeans,
  type EntraideNature,
} from '../../../../contracts/entraide.schemas.js';
import { CheckboxField, RadioGroupField, TextAreaField, TextField } from '../../components/fields.js';
import { EmergencyNotice } from '../../components/entraide/Helplines.js';
import type { FieldErrors, NeedValues } from './request-form-model.js';

/** Who fills the form in: the person themself, a relative, or staff after a call. Only the wording changes. */
export type Writer = 'self' | 'relative' | 'staff';

const URGENCY_OPTIONS = ENTRAIDE_URGENCIES.map((value) => ({ value, label: ENTRAIDE_URGENCY_LABELS[value] }));

const NATURE_HINTS: Record<EntraideNature, string> = {
  sociale: 'logement, isolement, démarches',
  professionnelle: 'exercice, conflit, épuisement',
  personnelle: 'famille, deuil, séparation',
  sante: 'maladie, handicap, addiction',
  financiere: 'dettes, perte de revenus, escroquerie',
};

/** The natures (at least one), the urgency and the message. */
export function NeedFields({ idPrefix, values, errors, writer, onChange }: {
  idPrefix: string;
  values: NeedValues;
  errors: FieldErrors;
  writer: Writer;
  onChange: (patch: Partial<NeedValues>) => void;
}) {
  const naturesHint = `${idPrefix}-natures-legend-hint`;
  const naturesError = `${idPrefix}-natures-legend-error`;
  function toggle(nature: EntraideNature, on: boolean) {
    onChange({ natures: on ? [...values.natures, nature] : values.natures.filter((n) => n !== nature) });
  }
  return (
    <>
      <fieldset className={`field fieldset${errors.natures ? ' field--invalid' : ''}`} aria-describedby={errors.natures ? `${naturesHint} ${naturesError}` : naturesHint}>
        <legend>{writer === 'self' ? 'Quelle est votre difficulté ?' : 'Quelle est la difficulté ?'}</legend>
        <p id={naturesHint} className="hint">
          Cochez une ou plusieurs cases.
        </p>
        {errors.natures ? (
          <p id={naturesError} className="field-error">
            <span aria-hidden="true">⚠ </span>
            <span className="visually-hidden">Erreur : </span>
            {errors.natures}
          </p>
        ) : null}
        {ENTRAIDE_NATURES.map((nature, index) => (
          <CheckboxField
            key={nature}
            idPrefix={idPrefix}
            name={index === 0 ? 'natures' : `natures-${nature}`}
            label={
              <span>
                {ENTRAIDE_NATURE_LABELS[nature]} <span className="muted">({NATURE_HINTS[nature]})</span>
              </span>
            }
            checked={values.natures.includes(nature)}
            onChange={(event) => toggle(nature, event.currentTarget.checked)}
          />
        ))}
      </fieldset>
      <RadioGroupField
        idPrefix={idPrefix}
        name="urgency"
        legend="Quand faut-il rappeler ?"
        options={URGENCY_OPTIONS}
        value={values.urgency}
        onChange={(urgency) => onChange({ urgency })}
        error={errors.urgency}
      />
      {values.urgency === 'immediate' ? <EmergencyNotice /> : null}
      <TextAreaField
        idPrefix={idPrefix}
        name="message"
        label="Message (facultatif)"
        hint={
          writer === 'staff'
            ? 'Ce que la personne a dit de sa situation. Seule la commission départementale le lira.'
            : 'Quelques mots suffisent. Seule la commission départementale le lira.'
        }
        maxLength={ENTRAIDE_LIMITS.message}
        value={values.message}
        onChange={(event) => onChange({ message: event.currentTarget.value })}
        error={errors.message}
      />
    </>
  );
}

const NO_CONTACT_LABEL: Record<Writer, string> = {
  self: ENTRAIDE_CONTACT_MEANS_LABELS.aucun,
  relative: ENTRAIDE_CONTACT_MEANS_LABELS.aucun,
  staff: 'Ne pas la contacter : elle rappellera',
};

/** Whether and how the commission may make contact, with the one detail that goes with the choice. */
export function ContactChoice({ idPrefix, values, errors, writer, onChange }: {
  idPrefix: string;
  values: NeedValues;
  errors: FieldErrors;
  writer: Writer;
  onChange: (patch: Partial<NeedValues>) => void;
}) {
  const options = ENTRAIDE_CONTACT_MEANS.map((value) => ({ value, label: value === 'aucun' ? NO_CONTACT_LABEL[writer] : ENTRAIDE_CONTACT_MEANS_LABELS[value] }));
  const own = writer !== 'staff';
  return (
    <>
      <RadioGroupField<EntraideContactMeans | ''>
        idPrefix={idPrefix}
        name="means"
        legend={own ? 'La commission peut-elle vous contacter ?' : 'La commission peut-elle recontacter la personne ?'}
        hint={own ? "Vos coordonnées ne servent qu'à cela, et seule la commission les connaît." : 'Seulement avec son accord.'}
        options={options}
        value={values.means}
        onChange={(means) => onChange({ means })}
        error={errors.means}
      />
      {values.means === 'telephone' ? (
        <TextField
          idPrefix={idPrefix}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete={own ? 'tel' : 'off'}
          label="Numéro de téléphone"
          maxLength={ENTRAIDE_LIMITS.phone}
          value={values.phone}
          onChange={(event) => onChange({ phone: event.currentTarget.value })}
          error={errors.phone}
        />
      ) : null}
      {values.means === 'courriel' ? (
        <TextField
          idPrefix={idPrefix}
          name="email"
          type="email"
          inputMode="email"
          spellCheck={false}
          autoComplete={own ? 'email' : 'off'}
          label="Adresse électronique"
          maxLength={254}
          value={values.email}
          onChange={(event) => onChange({ email: event.currentTarget.value })}
          error={errors.email}
        />
      ) : null}
      {values.means === 'courrier' ? (
        <TextAreaField
          idPrefix={idPrefix}
          name="address"
          rows={3}
          autoComplete={own ? 'street-address' : 'off'}
          label="Adresse postale"
          maxLength={ENTRAIDE_LIMITS.address}
          value={values.address}
          onChange={(event) => onChange({ address: event.currentTarget.value })}
          error={errors.address}
        />
      ) : null}
    </>
  );
}

/** The error summary lists fields in the order the form shows them, and the focus goes to the first. */
export function firstInOrder(errors: FieldErrors, order: readonly string[]): string | undefined {
  return order.find((name) => errors[name]) ?? Object.keys(errors)[0];
}

export function orderedErrors(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const sorted: FieldErrors = {};
  for (const name of order) if (errors[name]) sorted[name] = errors[name];
  for (const [name, message] of Object.entries(errors)) sorted[name] ??= message;
  return sorted;
}
