import { useState } from 'react';
import { DPC_SIGNALEMENT_LIMITS, DPC_SUBJECT_KIND_LABELS, DPC_SUBJECT_KINDS } from '../../../../contracts/dpc-signalements.schemas.js';
import { RadioGroupField, TextField } from '../../components/fields.js';
import { useCatalogueSuggestions } from './dpc-filing.api.js';
import type { SignalementValues } from './SignalementFormModel.js';

// « Sur quoi porte votre signalement ? »: a training found in the ANDPC catalogue, an organisation named,
// or a practitioner or speaker named. A training missing from the catalogue is reported through its
// organisation or its speaker, and described in the facts (docs/dpc-signalements.md « Filing »).

const SUBJECT_OPTIONS = DPC_SUBJECT_KINDS.map((value) => ({ value, label: DPC_SUBJECT_KIND_LABELS[value] }));

function CatalogueSearch({ idPrefix, values, error, onChange }: {
  idPrefix: string;
  values: SignalementValues;
  error: string | undefined;
  onChange: (patch: Partial<SignalementValues>) => void;
}) {
  const [q, setQ] = useState('');
  const suggestions = useCatalogueSuggestions(q);
  if (values.action) {
    return (
      <div className="field">
        <p>
          Formation choisie : <strong>{values.action.title}</strong> — {values.action.organisationName} (réf. {values.action.reference})
        </p>
        <button type="button" className="button button--secondary" onClick={() => onChange({ action: null })}>
          Choisir une autre formation
        </button>
      </div>
    );
  }
  const items = suggestions.data?.items ?? [];
  const searched = q.trim().length >= 3 && suggestions.isSuccess;
  return (
    <>
      <TextField
        idPrefix={idPrefix}
        name="subject.actionId"
        label="Rechercher la formation dans le catalogue du DPC"
        hint="Quelques mots du titre, la référence ou le nom de l’organisme (3 caractères au moins)."
        type="search"
        autoComplete="off"
        value={q}
        maxLength={100}
        onChange={(event) => setQ(event.currentTarget.value)}
        error={error}
      />
      <p role="status" className="hint">
        {searched ? (items.length === 0 ? 'Aucune formation trouvée. Vous pouvez signaler l’organisme ou l’intervenant à la place.' : `${items.length} formation(s) trouvée(s).`) : ''}
      </p>
      {items.length > 0 ? (
        <ul className="suggestions">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className="button button--secondary" onClick={() => onChange({ action: item })}>
                Choisir « {item.title} » — {item.organisationName} (réf. {item.reference})
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function SignalementFormSubject({ idPrefix, values, errors, onChange }: {
  idPrefix: string;
  values: SignalementValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<SignalementValues>) => void;
}) {
  return (
    <>
      <RadioGroupField
        idPrefix={idPrefix}
        name="subject.kind"
        legend="Sur quoi porte votre signalement ?"
        hint="Si la formation n’est pas au catalogue, signalez l’organisme ou l’intervenant et décrivez la formation dans les faits."
        options={SUBJECT_OPTIONS}
        value={values.subjectKind}
        onChange={(subjectKind) => onChange({ subjectKind })}
        error={errors['subject.kind']}
      />
      {values.subjectKind === 'action' ? <CatalogueSearch idPrefix={idPrefix} values={values} error={errors['subject.actionId']} onChange={onChange} /> : null}
      {values.subjectKind === 'organisation' ? (
        <TextField
          idPrefix={idPrefix}
          name="subject.name"
          label="Nom de l’organisme de formation"
          maxLength={DPC_SIGNALEMENT_LIMITS.subjectLabel}
          value={values.organisationName}
          onChange={(event) => onChange({ organisationName: event.currentTarget.value })}
          error={errors['subject.name']}
        />
      ) : null}
      {values.subjectKind === 'praticien' ? (
        <>
          <TextField
            idPrefix={idPrefix}
            name="subject.name"
            label="Nom du praticien ou de l’intervenant"
            maxLength={DPC_SIGNALEMENT_LIMITS.practitionerName}
            value={values.practitionerName}
            onChange={(event) => onChange({ practitionerName: event.currentTarget.value })}
            error={errors['subject.name']}
          />
          <TextField
            idPrefix={idPrefix}
            name="subject.rpps"
            label="Son numéro RPPS (facultatif)"
            hint="11 chiffres, si vous le connaissez."
            inputMode="numeric"
            maxLength={11}
            value={values.rpps}
            onChange={(event) => onChange({ rpps: event.currentTarget.value })}
            error={errors['subject.rpps']}
          />
        </>
      ) : null}
    </>
  );
}
