import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TTriageNote } from '../../../../contracts/triage.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useAddNote } from './triage.api.js';

const ID = 'note';

/** Notes are added, never edited nor removed: they are the file's history. Shown as text. */
export function ReportNotes({ reportId, notes }: { reportId: string; notes: TTriageNote[] }) {
  const add = useAddNote(reportId);
  const [formKey, setFormKey] = useState(0);
  const errors = toFormErrors(add.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '').trim();
    add.mutate({ body }, { onSuccess: () => setFormKey((k) => k + 1) });
  }

  return (
    <section className="section" aria-labelledby="signalement-notes">
      <h2 id="signalement-notes">Notes</h2>
      {notes.length === 0 ? (
        <p className="muted">Aucune note.</p>
      ) : (
        <ol className="triage-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="triage-notes__meta">
                {note.author.displayName}, le {formatDateTime(note.createdAt)}
              </p>
              <p className="triage-text">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form key={formKey} className="form" noValidate onSubmit={onSubmit} aria-label="Ajouter une note">
        <FormError errors={errors} idPrefix={ID} />
        <TextAreaField
          idPrefix={ID}
          name="body"
          label="Nouvelle note"
          required
          maxLength={4000}
          hint="Visible des agents qui traitent ce signalement. Une note ne peut plus être modifiée."
          error={errors?.fields.body}
        />
        <FormActions submitLabel="Ajouter la note" pending={add.isPending} />
      </form>
    </section>
  );
}
