import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { TAnalysisRequest } from '../../../../contracts/checks.schemas.js';
import type { MessageKind } from '../../../../analysis/analysis.types.js';
import { RadioGroupField, TextAreaField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { EmlFileField } from './EmlFileField.js';
import { readAsBase64 } from './eml-file.js';
import { KIND_OPTIONS, KIND_TEXTS } from './kinds.js';

export const FORM_ID = 'verifier';

/** The message to check. Mount it again (new `key`) to start over; `focusText` then puts the focus in the text box. */
export function CheckForm({ errors, pending, focusText = false, onSubmit }: {
  errors: FormErrors | null;
  pending: boolean;
  focusText?: boolean;
  onSubmit: (body: TAnalysisRequest) => void;
}) {
  const [kind, setKind] = useState<MessageKind>('sms');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const textRef = useRef<HTMLTextAreaElement>(null);
  const kindText = KIND_TEXTS[kind];
  const withFile = kind === 'email' && file !== null;
  const fieldErrors = { ...errors?.fields, ...localErrors };

  useEffect(() => {
    if (focusText) textRef.current?.focus();
  }, [focusText]);

  function chooseFile(chosen: File | null, problem: string | null) {
    setFile(chosen);
    setLocalErrors(problem ? { emlBase64: problem } : {});
  }

  function chooseKind(next: MessageKind) {
    setKind(next);
    // Only an email has a file; the file input goes away with it.
    if (next !== 'email') chooseFile(null, null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!withFile) {
      onSubmit({ kind, text });
      return;
    }
    try {
      onSubmit({ kind, emlBase64: await readAsBase64(file) });
    } catch {
      chooseFile(null, "Le fichier n'a pas pu être lu. Choisissez-le de nouveau.");
    }
  }

  return (
    <form className="form check-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormError errors={errors} idPrefix={FORM_ID} />
      <RadioGroupField
        idPrefix={FORM_ID}
        name="kind"
        legend="Type de message"
        options={KIND_OPTIONS}
        value={kind}
        onChange={chooseKind}
        error={fieldErrors.kind}
      />
      <TextAreaField
        ref={textRef}
        idPrefix={FORM_ID}
        name="text"
        label={kindText.textLabel}
        hint={withFile ? "Un fichier est choisi : c'est lui qui sera vérifié, pas ce texte." : kindText.hint}
        rows={kindText.rows}
        inputMode={kindText.inputMode}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={fieldErrors.text}
      />
      {kind === 'email' ? (
        <EmlFileField idPrefix={FORM_ID} file={file} error={fieldErrors.emlBase64} onChange={chooseFile} />
      ) : null}
      <FormActions submitLabel="Vérifier" pending={pending} />
    </form>
  );
}
