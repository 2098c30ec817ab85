import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { TextField } from '../../components/fields.js';
import { formatFileSize } from '../../lib/format.js';
import { emlFileError, MAX_EML_LABEL } from './eml-file.js';

/**
 * An .eml file, chosen with the input (keyboard, touch) or dropped on the zone around it. A file that
 * cannot be sent is refused at once: `onChange(null, reason)`.
 */
export function EmlFileField({ idPrefix, file, error, onChange }: {
  idPrefix: string;
  file: File | null;
  error?: string | undefined;
  onChange: (file: File | null, problem: string | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function select(candidate: File | null) {
    const problem = candidate ? emlFileError(candidate) : null;
    if ((problem || !candidate) && inputRef.current) inputRef.current.value = '';
    onChange(problem ? null : candidate, problem);
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files;
    if (dropped.length === 0) return;
    // The input then shows the dropped file too, as if it had been chosen.
    if (inputRef.current) inputRef.current.files = dropped;
    select(dropped[0] ?? null);
  }

  function remove() {
    select(null);
    inputRef.current?.focus();
  }

  return (
    <div
      className={`dropzone${dragging ? ' dropzone--active' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <TextField
        ref={inputRef}
        idPrefix={idPrefix}
        name="emlBase64"
        type="file"
        accept=".eml,message/rfc822"
        label="Ou déposez le fichier du courriel (.eml)"
        hint={`Glissez le fichier dans ce cadre, ou choisissez-le. ${MAX_EML_LABEL} au maximum.`}
        error={error}
        onChange={(event) => select(event.currentTarget.files?.[0] ?? null)}
      />
      <div aria-live="polite">
        {file ? (
          <div className="dropzone__file">
            <p>
              Fichier choisi : <strong className="break">{file.name}</strong> ({formatFileSize(file.size)}). C'est ce
              fichier qui sera vérifié.
            </p>
            <button type="button" className="button button--secondary" onClick={remove}>
              Retirer le fichier
            </button>
          </div>
        ) : null}
        {error ? <p className="visually-hidden">{error}</p> : null}
      </div>
    </div>
  );
}
