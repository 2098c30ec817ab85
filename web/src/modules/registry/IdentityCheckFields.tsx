import { useState } from 'react';
import type { TIdentityCheck } from '../../../../contracts/registry.schemas.js';
import { MRZ_FAILURE_MESSAGES, readMrz, type MrzReading } from '../../../../contracts/identity-document.js';
import { RadioGroupField, TextAreaField, TextField } from '../../components/fields.js';
import type { RadioOption } from '../../components/fields.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { DOCUMENT_TYPE_LABELS } from '../../../../contracts/registry.schemas.js';
import { Detail, Details } from '../../components/Details.js';

type DocumentType = NonNullable<TIdentityCheck['documentType']>;
export type Outcome = TIdentityCheck['outcome'];

const DOCUMENT_OPTIONS: readonly RadioOption<DocumentType>[] = [
  { value: 'carte_nationale_identite', label: DOCUMENT_TYPE_LABELS.carte_nationale_identite },
  { value: 'passeport', label: DOCUMENT_TYPE_LABELS.passeport },
];

const OUTCOME_OPTIONS: readonly RadioOption<Outcome>[] = [
  { value: 'conforme', label: 'Identité vérifiée' },
  { value: 'fraude_suspectee', label: 'Tentative de fraude suspectée' },
];

const FORMAT_LABELS = {
  TD1: "Carte nationale d'identité (modèle 2021)",
  TD3: 'Passeport',
  FRENCH_NATIONAL_ID: "Carte nationale d'identité (ancien modèle)",
} as const;

const MRZ_STYLE = { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", letterSpacing: '0.05em' };

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

/** What was read, shown as the agent types or scans: the server decides, this only helps to compare. */
function MrzPreview({ reading }: { reading: MrzReading | null }) {
  if (!reading) return null;
  if (!reading.ok) {
    return (
      <div className="hint">
        <p>Lecture impossible :</p>
        <ul>
          {reading.failures.map((failure) => (
            <li key={failure}>{MRZ_FAILURE_MESSAGES[failure]}</li>
          ))}
        </ul>
      </div>
    );
  }
  const d = reading.document;
  const expired = d.expiry < today();
  return (
    <Details>
      <Detail label="Titre lu">{FORMAT_LABELS[d.format]}</Detail>
      <Detail label="Nom">{d.surname || '—'}</Detail>
      <Detail label="Prénoms">{d.givenNames || '—'}</Detail>
      <Detail label="Date de naissance">{frenchDate(d.birthDate)}</Detail>
      <Detail label="Expiration">
        {frenchDate(d.expiry)}
        {d.expiryDerived ? ' (calculée depuis la date de délivrance)' : ''}
        {expired ? ' — titre expiré' : ''}
      </Detail>
    </Details>
  );
}

/**
 * The in-person check of a passport or national identity card: its machine-readable zone (MRZ), typed or
 * scanned, read back at once so the agent compares it with the document and the record. `withOutcome`
 * adds the « Résultat » choice, where the agent reports a suspected fraud; without it the check must
 * be conforming.
 */
export function IdentityCheckFields({ idPrefix, errors, withOutcome = false, onOutcomeChange }: {
  idPrefix: string;
  errors: Record<string, string>;
  withOutcome?: boolean;
  onOutcomeChange?: (outcome: Outcome) => void;
}) {
  const [documentType, setDocumentType] = useState<DocumentType>('carte_nationale_identite');
  const [outcome, setOutcome] = useState<Outcome>('conforme');
  const [reading, setReading] = useState<MrzReading | null>(null);
  const fraud = outcome === 'fraude_suspectee';

  return (
    <>
      <TextAreaField
        idPrefix={idPrefix}
        name="mrz"
        label="Bande de lecture automatique (MRZ)"
        rows={3}
        cols={44}
        required={!fraud}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        maxLength={200}
        style={MRZ_STYLE}
        hint="Les 2 ou 3 lignes de caractères « < » : en bas de la page photo du passeport, au dos de la carte d'identité (modèle 2021) ou en bas du recto de l'ancienne carte. Tapez-les ligne par ligne ou scannez-les avec le lecteur du guichet. Le nom, la date de naissance et l'expiration sont comparés avec la fiche ; la bande n'est pas conservée."
        error={errors.mrz}
        onChange={(event) => setReading(event.currentTarget.value.trim() ? readMrz(event.currentTarget.value, today()) : null)}
      />
      <div aria-live="polite">
        <MrzPreview reading={reading} />
      </div>
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
      {fraud ? (
        <fieldset className="fieldset">
          <legend>Si la bande MRZ du titre douteux est illisible</legend>
          <RadioGroupField
            idPrefix={idPrefix}
            name="documentType"
            legend="Type de titre"
            options={DOCUMENT_OPTIONS}
            value={documentType}
            onChange={setDocumentType}
            error={errors.documentType}
          />
          <TextField idPrefix={idPrefix} name="documentNumber" label="Numéro du titre" autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={24} hint="Seuls les 4 derniers caractères sont conservés en clair." error={errors.documentNumber} />
          <TextField idPrefix={idPrefix} name="documentExpiry" label="Date d'expiration" type="date" error={errors.documentExpiry} />
        </fieldset>
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
  const outcome = (text('outcome') || 'conforme') as Outcome;
  const notes = text('notes');
  const mrz = text('mrz');
  const typed =
    outcome === 'fraude_suspectee' && !(mrz && readMrz(mrz, today()).ok)
      ? {
          documentType: text('documentType') as DocumentType,
          ...(text('documentNumber') ? { documentNumber: text('documentNumber').replace(/[\s-]+/g, '').toUpperCase() } : {}),
          ...(text('documentExpiry') ? { documentExpiry: text('documentExpiry') } : {}),
        }
      : {};
  return {
    ...(mrz ? { mrz } : {}),
    place: text('place'),
    outcome,
    ...typed,
    ...(notes ? { notes } : {}),
  };
}

/**
 * What the form can tell before sending: a conforming check needs the MRZ. Everything else (check digits,
 * expiry, comparison with the record) is the server's to decide and to audit, even a typing error.
 */
export function identityCheckProblems(check: TIdentityCheck): FormErrors | null {
  if (check.outcome === 'conforme' && !check.mrz) return { message: 'La vérification est incomplète.', fields: { mrz: MRZ_FAILURE_MESSAGES.mrz_missing } };
  return null;
}
