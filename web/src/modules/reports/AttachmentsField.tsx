import { useRef } from 'react';
import { fieldId } from '../../components/fields.js';
import { formatFileSize } from '../../lib/format.js';
import type { TReportLimits } from './reports.api.js';

/** The French reason a chosen file cannot be sent (size, emptiness, count), or null. The server checks the type by content. */
export function attachmentProblem(file: File, alreadyChosen: number, limits: TReportLimits): string | null {
  if (alreadyChosen >= limits.maxFiles) return `Vous pouvez joindre ${limits.maxFiles} fichiers au plus.`;
  if (file.size === 0) return `Le fichier « ${file.name} » est vide.`;
  if (file.size > limits.maxFileBytes) return `Le fichier « ${file.name} » pèse ${formatFileSize(file.size)} : ${limits.maxFileLabel} au maximum par fichier.`;
  return null;
}

/** Copies of the exchanges: several files, each listed with a button to remove it. */
export function AttachmentsField({ idPrefix, files, limits, error, onChange }: {
  idPrefix: string;
  files: File[];
  limits: TReportLimits | undefined;
  error?: string | undefined;
  onChange: (files: File[], problem: string | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const id = fieldId(idPrefix, 'attachments');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  function add(chosen: FileList | null) {
    if (!chosen || !limits) return;
    const next = [...files];
    let problem: string | null = null;
    for (const file of Array.from(chosen)) {
      const reason = attachmentProblem(file, next.length, limits);
      if (reason) problem ??= reason;
      else next.push(file);
    }
    if (inputRef.current) inputRef.current.value = '';
    onChange(next, problem);
  }

  function remove(index: number) {
    onChange(files.filter((_, i) => i !== index), null);
    inputRef.current?.focus();
  }

  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>Copies des échanges (facultatif)</label>
      <p id={`${id}-hint`} className="hint">
        {limits
          ? `Formats acceptés : ${limits.acceptedLabel}. ${limits.maxFiles} fichiers au plus, ${limits.maxFileLabel} au maximum chacun. Le type est vérifié d'après le contenu du fichier.`
          : 'Formats acceptés : courriel (.eml, .msg), texte (.txt), PDF, capture d’écran PNG ou JPEG.'}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        name="attachments"
        type="file"
        multiple
        accept={limits?.accept}
        disabled={!limits || files.length >= limits.maxFiles}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => add(event.currentTarget.files)}
      />
      <div aria-live="polite">
        {files.length > 0 ? (
          <ul className="report-files">
            {files.map((file, index) => (
              <li key={`${file.name}-${index}`}>
                <span className="break">{file.name}</span> <span className="muted">({formatFileSize(file.size)})</span>
                <button type="button" className="button button--secondary button--small" onClick={() => remove(index)}>
                  Retirer<span className="visually-hidden"> le fichier {file.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
