import { useState } from 'react';
import type { FormEvent } from 'react';
import { ENTRAIDE_BENEFICIARY_KINDS, ENTRAIDE_BENEFICIARY_LABELS, ENTRAIDE_LIMITS, type EntraideBeneficiaryKind } from '../../../../contracts/entraide.schemas.js';
import { ERROR_MESSAGES } from '../../../../contracts/errors.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, SelectField, TextField, fieldId } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { ContactChoice, NeedFields, firstInOrder, orderedErrors } from './RequestFields.js';
import { checkRequestFor, toFieldErrors, toRequestForBody, type FieldErrors, type NeedValues, type RequestForValues, type TRequestForBody } from './request-form-model.js';

const FIELD_ORDER = [
  'callerIsRelative',
  'beneficiaryKind',
  'beneficiaryFirstName',
  'beneficiaryLastName',
  'beneficiaryRpps',
  'requesterFirstName',
  'requesterLastName',
  'requesterRelation',
  'departement',
  'natures',
  'urgency',
  'message',
  'means',
  'phone',
  'email',
  'address',
] as const;

const KIND_OPTIONS = ENTRAIDE_BENEFICIARY_KINDS.map((value) => ({ value, label: ENTRAIDE_BENEFICIARY_LABELS[value] }));
const CALLER_OPTIONS = [
  { value: 'personne', label: 'La personne en difficulté elle-même' },
  { value: 'proche', label: 'Un proche' },
] as const;

/**
 * A request for someone else: a relative without an account (`staff` false), or an agent or a
 * commission member after a call (`staff` true: the caller may be the person themself). `lockedDepartement`:
 * the département is the call's, or the one a departmental account may record for.
 */
export function RequestForForm({ idPrefix, staff, initial, lockedDepartement, error, pending, submitLabel, onSubmit }: {
  idPrefix: string;
  staff: boolean;
  initial: RequestForValues;
  lockedDepartement: string | null;
  error: FormErrors | null;
  pending: boolean;
  submitLabel: string;
  onSubmit: (body: TRequestForBody, values: RequestForValues) => void;
}) {
  const [values, setValues] = useState<RequestForValues>(initial);
  const [checked, setChecked] = useState<FieldErrors | null>(null);
  const serverFields = error ? toFieldErrors(error.fields) : {};
  const fields = orderedErrors(checked ?? serverFields, FIELD_ORDER);
  const summary = checked ? { message: ERROR_MESSAGES.VALIDATION_FAILED, fields } : error ? { message: error.message, fields } : null;
  const writer = staff ? 'staff' : 'relative';

  function change(patch: Partial<RequestForValues>) {
    setValues((current) => ({ ...current, ...patch }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkRequestFor(values, { staff });
    const first = firstInOrder(errors, FIELD_ORDER);
    if (first) {
      setChecked(errors);
      document.getElementById(fieldId(idPrefix, first))?.focus();
      return;
    }
    setChecked(null);
    onSubmit(toRequestForBody(values), values);
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={staff ? 'Demande reçue par téléphone' : "Demande d'aide pour un proche"}>
      <FormError errors={summary} idPrefix={idPrefix} />
      {staff ? (
        <RadioGroupField
          idPrefix={idPrefix}
          name="callerIsRelative"
          legend="Qui a appelé ?"
          options={CALLER_OPTIONS}
          value={values.callerIsRelative ? 'proche' : 'personne'}
          onChange={(v) => change({ callerIsRelative: v === 'proche' })}
        />
      ) : null}
      <fieldset className="field fieldset">
        <legend>La personne en difficulté</legend>
        <RadioGroupField<EntraideBeneficiaryKind | ''>
          idPrefix={idPrefix}
          name="beneficiaryKind"
          legend="Elle est :"
          options={KIND_OPTIONS}
          value={values.beneficiaryKind}
          onChange={(beneficiaryKind) => change({ beneficiaryKind })}
          error={fields.beneficiaryKind}
        />
        <TextField
          idPrefix={idPrefix}
          name="beneficiaryFirstName"
          label="Son prénom"
          autoComplete="off"
          maxLength={ENTRAIDE_LIMITS.name}
          value={values.beneficiaryFirstName}
          onChange={(event) => change({ beneficiaryFirstName: event.currentTarget.value })}
          error={fields.beneficiaryFirstName}
        />
        <TextField
          idPrefix={idPrefix}
          name="beneficiaryLastName"
          label="Son nom"
          autoComplete="off"
          maxLength={ENTRAIDE_LIMITS.name}
          value={values.beneficiaryLastName}
          onChange={(event) => change({ beneficiaryLastName: event.currentTarget.value })}
          error={fields.beneficiaryLastName}
        />
        <TextField
          idPrefix={idPrefix}
          name="beneficiaryRpps"
          label="Son numéro RPPS (facultatif)"
          hint="11 chiffres, s'il est médecin ou docteur junior et que vous le connaissez."
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          value={values.beneficiaryRpps}
          onChange={(event) => change({ beneficiaryRpps: event.currentTarget.value })}
          error={fields.beneficiaryRpps}
        />
      </fieldset>
      {values.callerIsRelative ? (
        <fieldset className="field fieldset">
          <legend>{staff ? 'Le proche qui a appelé' : 'Vous'}</legend>
          <TextField
            idPrefix={idPrefix}
            name="requesterFirstName"
            label={staff ? 'Prénom du proche' : 'Votre prénom'}
            autoComplete={staff ? 'off' : 'given-name'}
            maxLength={ENTRAIDE_LIMITS.name}
            value={values.requesterFirstName}
            onChange={(event) => change({ requesterFirstName: event.currentTarget.value })}
            error={fields.requesterFirstName}
          />
          <TextField
            idPrefix={idPrefix}
            name="requesterLastName"
            label={staff ? 'Nom du proche' : 'Votre nom'}
            autoComplete={staff ? 'off' : 'family-name'}
            maxLength={ENTRAIDE_LIMITS.name}
            value={values.requesterLastName}
            onChange={(event) => change({ requesterLastName: event.currentTarget.value })}
            error={fields.requesterLastName}
          />
          <TextField
            idPrefix={idPrefix}
            name="requesterRelation"
            label={staff ? 'Lien du proche avec la personne' : 'Votre lien avec la personne'}
            hint="Par exemple : conjoint, fille, frère, confrère, associé."
            autoComplete="off"
            maxLength={ENTRAIDE_LIMITS.name}
            value={values.requesterRelation}
            onChange={(event) => change({ requesterRelation: event.currentTarget.value })}
            error={fields.requesterRelation}
          />
        </fieldset>
      ) : null}
      <SelectField
        idPrefix={idPrefix}
        name="departement"
        label="Département"
        hint={lockedDepartement ? 'La demande relève de la commission de ce département.' : 'Où la personne exerce ou habite : sa demande ira à la commission de ce département.'}
        value={values.departement}
        disabled={lockedDepartement !== null}
        onChange={(event) => change({ departement: event.currentTarget.value })}
        error={fields.departement}
      >
        <option value="">Choisissez un département</option>
        <DepartementOptions />
      </SelectField>
      <NeedFields idPrefix={idPrefix} values={values} errors={fields} writer={writer} onChange={(patch: Partial<NeedValues>) => change(patch)} />
      <ContactChoice idPrefix={idPrefix} values={values} errors={fields} writer={writer} onChange={(patch: Partial<NeedValues>) => change(patch)} />
      <FormActions submitLabel={submitLabel} pending={pending} />
      <div aria-live="polite">{pending ? <Loading label="Envoi de la demande…" /> : null}</div>
    </form>
  );
}
