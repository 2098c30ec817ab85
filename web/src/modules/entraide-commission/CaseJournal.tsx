import { useState } from 'react';
import type { FormEvent } from 'react';
import { ENTRAIDE_EVENT_KIND_LABELS, type TEntraideCaseDetail } from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, TextAreaField, TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useAddJournalEntry } from './entraide-commission.api.js';

const ID = 'journal';
type EntryKind = 'note' | 'entretien';
const KIND_OPTIONS = [
  { value: 'note', label: 'Note' },
  { value: 'entretien', label: 'Entretien (avec la personne ou un proche)' },
] as const;

/** The case's journal, oldest first, and the form to add a note or a meeting. Entries are never edited. */
export function CaseJournal({ detail, canWrite, onDone }: { detail: TEntraideCaseDetail; canWrite: boolean; onDone: (message: string) => void }) {
  const add = useAddJournalEntry(detail.id);
  const [kind, setKind] = useState<EntryKind>('note');
  const [formKey, setFormKey] = useState(0);
  const errors = toFormErrors(add.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get('text') ?? '').trim();
    const when = String(form.get('occurredAt') ?? '');
    // datetime-local is the member's local time; the server wants an instant.
    const occurredAt = kind === 'entretien' && when ? new Date(when).toISOString() : undefined;
    add.mutate(
      { kind, text, ...(occurredAt ? { occurredAt } : {}) },
      {
        onSuccess: () => {
          setFormKey((k) => k + 1);
          setKind('note');
          onDone(kind === 'entretien' ? "L'entretien est inscrit au journal." : 'La note est inscrite au journal.');
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby="dossier-journal">
      <h2 id="dossier-journal">Journal du dossier</h2>
      {detail.journal.length === 0 ? (
        <p className="muted">Le journal est vide.</p>
      ) : (
        <ol className="triage-notes">
          {detail.journal.map((entry, index) => (
            <li key={`${entry.occurredAt}-${index}`}>
              <p className="triage-notes__meta">
                <strong>{ENTRAIDE_EVENT_KIND_LABELS[entry.kind]}</strong> — {entry.authorName ?? 'Auteur inconnu'}, le {formatDateTime(entry.occurredAt)}
              </p>
              {entry.text ? <p className="triage-text">{entry.text}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {!canWrite ? null : detail.status === 'clos' ? (
        <p>Ce dossier est clos : rouvrez-le pour écrire au journal.</p>
      ) : (
        <form key={formKey} className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
          <h3 id={`${ID}-titre`}>Écrire au journal</h3>
          <FormError errors={errors} idPrefix={ID} />
          <RadioGroupField idPrefix={ID} name="kind" legend="Type d'entrée" options={KIND_OPTIONS} value={kind} onChange={setKind} error={errors?.fields.kind} />
          {kind === 'entretien' ? (
            <TextField
              idPrefix={ID}
              name="occurredAt"
              type="datetime-local"
              label="Date et heure de l'entretien (facultatif)"
              hint="Par défaut, maintenant. Un entretien ne peut pas être daté dans l'avenir."
              error={errors?.fields.occurredAt}
            />
          ) : null}
          <TextAreaField
            idPrefix={ID}
            name="text"
            label={kind === 'entretien' ? "Compte rendu de l'entretien" : 'Texte de la note'}
            required
            maxLength={10_000}
            hint="Lu par les seuls membres de la commission ; conservé chiffré. Une entrée ne peut plus être modifiée."
            error={errors?.fields.text}
          />
          <FormActions submitLabel="Inscrire au journal" pending={add.isPending} />
        </form>
      )}
    </section>
  );
}
