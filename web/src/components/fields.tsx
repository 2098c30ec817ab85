import type { ComponentProps, ReactNode } from 'react';

interface FieldBase {
  /** Ids are `${idPrefix}-${name}`, so an error summary can link to the field. */
  idPrefix: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

export function fieldId(idPrefix: string, name: string): string {
  return `${idPrefix}-${name}`;
}

function describe(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    'aria-describedby': ids || undefined,
    'aria-invalid': error ? (true as const) : undefined,
  };
}

function FieldText({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  return (
    <>
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
    </>
  );
}

export type TextFieldProps = FieldBase & Omit<ComponentProps<'input'>, 'id' | 'name'>;

export function TextField({ idPrefix, name, label, hint, error, className, ...input }: TextFieldProps) {
  const id = fieldId(idPrefix, name);
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldText id={id} hint={hint} error={error} />
      <input id={id} name={name} type="text" {...input} {...describe(id, hint, error)} />
    </div>
  );
}

type SelectFieldProps = FieldBase & Omit<ComponentProps<'select'>, 'id' | 'name'>;

export function SelectField({ idPrefix, name, label, hint, error, children, ...select }: SelectFieldProps) {
  const id = fieldId(idPrefix, name);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldText id={id} hint={hint} error={error} />
      <select id={id} name={name} {...select} {...describe(id, hint, error)}>
        {children}
      </select>
    </div>
  );
}

type TextAreaFieldProps = FieldBase & Omit<ComponentProps<'textarea'>, 'id' | 'name'>;

export function TextAreaField({ idPrefix, name, label, hint, error, ...textarea }: TextAreaFieldProps) {
  const id = fieldId(idPrefix, name);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldText id={id} hint={hint} error={error} />
      <textarea id={id} name={name} rows={4} {...textarea} {...describe(id, hint, error)} />
    </div>
  );
}

type CheckboxFieldProps = FieldBase & Omit<ComponentProps<'input'>, 'id' | 'name' | 'type'>;

export function CheckboxField({ idPrefix, name, label, hint, error, ...input }: CheckboxFieldProps) {
  const id = fieldId(idPrefix, name);
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <FieldText id={id} hint={hint} error={error} />
      <div className="checkbox">
        <input id={id} name={name} type="checkbox" {...input} {...describe(id, hint, error)} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

export interface RadioOption<T extends string> {
  value: T;
  label: ReactNode;
}

type RadioGroupFieldProps<T extends string> = Omit<FieldBase, 'label'> & {
  legend: ReactNode;
  options: readonly RadioOption<T>[];
  value: T;
  onChange: (value: T) => void;
};

/** Radio buttons in a fieldset; the first one has the field id, so an error summary can link to the group. */
export function RadioGroupField<T extends string>({ idPrefix, name, legend, hint, error, options, value, onChange }: RadioGroupFieldProps<T>) {
  const id = fieldId(idPrefix, name);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={describe(id, hint, error)['aria-describedby']}
    >
      <legend>{legend}</legend>
      <FieldText id={id} hint={hint} error={error} />
      <div className="radios">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="radio" key={option.value}>
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={option.value === value}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
