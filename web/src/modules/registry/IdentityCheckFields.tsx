import { useState } from 'react';
import type { TIdentityCheck } from '../../../../contracts/registry.schemas.js';
import { CheckboxField, RadioGroupField, TextAreaField, TextField } from '../../components/fields.js';
import type { RadioOption } from '../../components/fields.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { DOCUMENT_TYPE_LABELS } from './labels.js';

type DocumentType = TIdentityCheck['documentType'];
export type Outcome = TIdentityCheck['outcome'];

const DOCUMENT_OPTIONS: readonly RadioOption<DocumentType>[] = [
  { value: 'carte_nationale_identite', label: DOCUMENT_TYPE_LABELS.carte_nationale_identite },
  { value: 'passeport', label: DOCUMENT_TYPE_LABELS.passeport },
];

const OUTCOME_OPTIONS: readonly RadioOption<Outcome>[] = [
  { value: 'conforme', label: 'Identité vérifiée' },
  { value: 'fraude_suspectee', label: 'Tentative de fraude suspectée' },
];

/**
 * The in-person check of a passport or national identity card. `withOutcome` adds the « Résultat »
 * choice, where the agent reports a suspected fraud; without it the check must be conforming.
 */
export function IdentityCheckFields({ idPrefix, errors, withOutcome = false, onOutcomeChange }: {
  idPrefix: string;
  errors: Record<string, string>;
  withOutcome?: boolean;
  onOutcomeChange?: (outcome: Outcome) => void;
}) {
  const [documentType, setDocumentType] = useState<DocumentType>('carte_nationale_identite');
  const [outcome, setOutcome] = useState<Outcome>('conforme');

  return (
    <>
      <RadioGroupField
        idPrefix={idPrefix}
        name="documentType"
        legend="Type de titre"
        hint="Seuls le passeport et la carte nationale d'identité sont acceptés, en original."
        options={DOCUMENT_OPTIONS}
        value={documentType}
        onChange={setDocumentType}
        error={errors.documentType}
      />
      <TextField
        idPrefix={idPrefix}
        name="documentExpiry"
        label="Date d'expiration"
        type="date"
        required
        hint="Un titre expiré ne permet pas de finaliser la demande."
        error={errors.documentExpiry}
      />
      <TextField
        idPrefix={idPrefix}
        name="documentNumber"
        label="Numéro du titre"
        required
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        maxLength={24}
        hint="6 à 20 lettres ou chiffres. Seuls les 4 derniers caractères sont conservés en clair."
        error={errors.documentNumber}
      />
      <CheckboxField
        idPrefix={idPrefix}
        name="nameMatches"
        label="Le nom du titre correspond à la fiche"
        hint="Comparez le nom, les prénoms et la photographie avec la personne présente."
        error={errors.nameMatches}
      />
      <TextField
        idPrefix={idPrefix}
        name="place"
        label="Lieu de la vérification"
        required
        maxLength={200}
        hint="Par exemple : accueil du conseil départemental"
        error={errors.place}
      />
      {withOutcome ? (
        <RadioGroupField
          idPrefix={idPrefix}
          name="outcome"
          legend="Résultat"
          hint="Signaler une tentative de fraude : choisissez « Tentative de fraude suspectée » si le titre paraît faux ou si la personne ne correspond pas. La demande sera gelée et le référent sécurité alerté."
          options={OUTCOME_OPTIONS}
          value={outcome}
          onChange={(next) => {
            setOutcome(next);
            onOutcomeChange?.(next);
          }}
          error={errors.outcome}
        />
      ) : null}
      <TextAreaField
        idPrefix={idPrefix}
        name="notes"
        label="Observations"
        maxLength={1000}
        hint="Facultatif. Ce que vous avez constaté (jamais le numéro complet du titre)."
        error={errors.notes}
      />
    </>
  );
}

/** The check as the API expects it; without the « Résultat » choice, the outcome is « conforme ». */
export function readIdentityCheck(form: FormData): TIdentityCheck {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const notes = text('notes');
  return {
    documentType: text('documentType') as DocumentType,
    documentExpiry: text('documentExpiry'),
    documentNumber: text('documentNumber').replace(/[\s-]+/g, '').toUpperCase(),
    nameMatches: form.get('nameMatches') === 'on',
    place: text('place'),
    outcome: (text('outcome') || 'conforme') as Outcome,
    ...(notes ? { notes } : {}),
  };
}

/**
 * What the form can tell before sending. An unticked « nom correspond » with « Identité vérifiée » would
 * be read by the server as a suspected fraud (the request frozen, the referent alerted): ask instead.
 */
export function identityCheckProblems(check: TIdentityCheck, withOutcome: boolean): FormErrors | null {
  const fields: Record<string, string> = {};
  if (!check.documentExpiry) fields.documentExpiry = "Indiquez la date d'expiration du titre.";
  if (check.outcome === 'conforme' && !check.nameMatches) {
    fields.nameMatches = withOutcome
      ? 'Cochez cette case si le nom du titre correspond à la fiche ; sinon, choisissez « Tentative de fraude suspectée ».'
      : 'Cochez cette case après avoir vérifié que le nom du titre correspond à la fiche.';
  }
  return Object.keys(fields).length > 0 ? { message: 'La vérification est incomplète.', fields } : null;
}
