import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { departementDisplayName, resolveDepartement, searchDepartements } from '../../../contracts/departement-names.js';
import { fieldId } from './fields.js';

interface Choice {
  code: string;
  label: string;
}

export interface DepartementPickerProps {
  /** Ids are `${idPrefix}-${name}`, so an error summary can link to the field. */
  idPrefix: string;
  /** The name of the hidden input carrying the code in the form's data. */
  name: string;
  label: ReactNode;
  /** A département code, or '' for the empty choice. */
  value: string;
  onChange: (code: string) => void;
  /** The choice standing for '' (« National », « Tous les départements »), offered first; none if absent. */
  emptyLabel?: string;
  hint?: ReactNode;
  error?: string | undefined;
}

function countSentence(n: number): string {
  if (n === 0) return 'Aucun département ne correspond.';
  return n === 1 ? '1 département proposé.' : `${n} départements proposés.`;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * A département chosen by typing its number or its name (« 97 », « corse »), shown « 75 — Paris »: an
 * ARIA 1.2 combobox with a listbox. What is typed is only a search: the value changes when a choice is
 * picked, or when the text designates exactly one département; anything else is undone, with a message.
 */
export function DepartementPicker({ idPrefix, name, label, value, onChange, emptyLabel, hint, error }: DepartementPickerProps) {
  const id = fieldId(idPrefix, name);
  const listId = `${id}-liste`;
  const noteId = `${id}-note`;
  const optionPrefix = useId();
  const display = value ? departementDisplayName(value) : (emptyLabel ?? '');
  // What is typed; null while the field shows the current choice, and the list then offers every département.
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [note, setNote] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  const choices: Choice[] = [
    ...(emptyLabel && (query === null || fold(emptyLabel).startsWith(fold(query))) ? [{ code: '', label: emptyLabel }] : []),
    ...searchDepartements(query ?? '').map((code) => ({ code, label: departementDisplayName(code) })),
  ];

  useEffect(() => {
    if (active >= 0) listRef.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function choose(code: string) {
    setOpen(false);
    setActive(-1);
    setNote('');
    setQuery(null);
    if (code !== value) onChange(code);
  }

  /** The choice a finished text designates, or undefined: '' for the empty text or the empty choice's label. */
  function resolve(typed: string): string | undefined {
    if (typed.trim() === '' || (emptyLabel !== undefined && fold(typed) === fold(emptyLabel))) return '';
    return resolveDepartement(typed) ?? undefined;
  }

  function settle() {
    if (query === null) return setOpen(false);
    const code = resolve(query);
    if (code !== undefined) return choose(code);
    setOpen(false);
    setQuery(null);
    setNote(`« ${query.trim().slice(0, 40)} » ne désigne aucun département : choisissez dans la liste (numéro ou nom).`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const last = choices.length - 1;
      if (!open) setOpen(true);
      setActive((i) => (event.key === 'ArrowDown' ? (i >= last ? 0 : i + 1) : i <= 0 ? last : i - 1));
    } else if (event.key === 'Enter' && (open || query !== null)) {
      // Enter picks here, it does not submit the form.
      event.preventDefault();
      const picked = choices[active] ?? (choices.length === 1 ? choices[0] : undefined);
      if (picked) choose(picked.code);
      else settle();
    } else if (event.key === 'Escape' && (open || query !== null)) {
      // A first Échap closes the list, a second one gives the current choice back.
      event.preventDefault();
      if (!open) setQuery(null);
      setOpen(false);
      setActive(-1);
    }
  }

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, note ? noteId : null].filter(Boolean).join(' ');
  return (
    <div className={`field departement-picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      <div className="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${optionPrefix}-${active}` : undefined}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Numéro ou nom"
          value={query ?? display}
          onChange={(event) => {
            const typed = event.currentTarget.value;
            // Typing after the shown choice (the selection lost on click) starts a new search.
            const search = query === null && display !== '' && typed.startsWith(display) ? typed.slice(display.length) : typed;
            setQuery(search);
            setOpen(true);
            setActive(-1);
            setNote('');
          }}
          onFocus={(event) => event.currentTarget.select()}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={settle}
        />
        <input type="hidden" name={name} value={value} />
        <ul ref={listRef} id={listId} role="listbox" aria-label="Départements" className="combobox__list" hidden={!open || choices.length === 0}>
          {choices.map((choice, index) => (
            <li
              key={choice.code || 'vide'}
              id={`${optionPrefix}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`combobox__option${choice.code === value ? ' combobox__option--current' : ''}`}
              // Keeps the focus in the input, so its blur does not settle before the click picks.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(choice.code)}
            >
              {choice.label}
            </li>
          ))}
        </ul>
      </div>
      <p id={noteId} className={note ? 'field-error' : 'visually-hidden'} aria-live="polite">
        {note || (open && query !== null ? countSentence(choices.length) : '')}
      </p>
    </div>
  );
}
