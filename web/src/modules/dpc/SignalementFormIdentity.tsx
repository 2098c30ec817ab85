import { DPC_SIGNALEMENT_LIMITS } from '../../../../contracts/dpc-signalements.schemas.js';
import { TextField } from '../../components/fields.js';
import { identityFields, type FilingMode, type SignalementValues } from './SignalementFormModel.js';

// Who reports: typed by a visitor (name and address required, to be answered) or by an agent for the
// person who called; a doctor's or a reviewer's name and address are their account's.

export function SignalementFormIdentity({ idPrefix, mode, values, errors, onChange }: {
  idPrefix: string;
  mode: FilingMode;
  values: SignalementValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<SignalementValues>) => void;
}) {
  const shown = identityFields(mode, values.reporterKind);
  if (!shown.fullName && !shown.phone && !shown.profession && !shown.relation) return null;
  const own = mode !== 'agent';
  const optional = shown.contactRequired ? '' : ' (facultatif)';
  return (
    <fieldset className="field fieldset">
      <legend>{own ? 'Vos coordonnées' : 'La personne qui signale'}</legend>
      <p className="hint">
        {mode === 'public'
          ? 'Le conseil pourra vous recontacter pour préciser les faits.'
          : own
            ? 'Votre nom et votre adresse sont ceux de votre compte. Un numéro de téléphone aide le conseil à vous joindre.'
            : 'Ce qu’elle a accepté de donner pour être recontactée.'}{' '}
        Ces informations ne sont connues que des personnes chargées d’examiner le signalement.
      </p>
      {shown.fullName ? (
        <TextField idPrefix={idPrefix} name="reporter.fullName" label={own ? 'Vos nom et prénom' : 'Ses nom et prénom'} autoComplete={own ? 'name' : 'off'}
          maxLength={DPC_SIGNALEMENT_LIMITS.fullName} value={values.fullName} onChange={(e) => onChange({ fullName: e.currentTarget.value })} error={errors['reporter.fullName']} />
      ) : null}
      {shown.email ? (
        <TextField idPrefix={idPrefix} name="reporter.email" label={`${own ? 'Votre adresse électronique' : 'Son adresse électronique'}${optional}`} type="email" autoComplete={own ? 'email' : 'off'}
          maxLength={254} value={values.email} onChange={(e) => onChange({ email: e.currentTarget.value })} error={errors['reporter.email']} />
      ) : null}
      {shown.phone ? (
        <TextField idPrefix={idPrefix} name="reporter.phone" label={`${own ? 'Votre téléphone' : 'Son téléphone'} (facultatif)`} type="tel" autoComplete={own ? 'tel' : 'off'}
          maxLength={30} value={values.phone} onChange={(e) => onChange({ phone: e.currentTarget.value })} error={errors['reporter.phone']} />
      ) : null}
      {shown.profession ? (
        <TextField idPrefix={idPrefix} name="reporter.profession" label={`${own ? 'Votre profession ou spécialité' : 'Sa profession'} (facultatif)`}
          maxLength={DPC_SIGNALEMENT_LIMITS.profession} value={values.profession} onChange={(e) => onChange({ profession: e.currentTarget.value })} error={errors['reporter.profession']} />
      ) : null}
      {shown.relation ? (
        <TextField idPrefix={idPrefix} name="reporter.relation" label={`Lien avec le patient${optional}`} hint="Par exemple : fille, conjoint, parent."
          maxLength={200} value={values.relation} onChange={(e) => onChange({ relation: e.currentTarget.value })} error={errors['reporter.relation']} />
      ) : null}
    </fieldset>
  );
}
