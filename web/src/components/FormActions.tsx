import type { ReactNode } from 'react';

/** The row under a form: the submit button, then « Annuler » when `onCancel` is given, then `children`. */
export function FormActions({ submitLabel, pending = false, danger = false, onCancel, children }: {
  submitLabel: ReactNode;
  /** Disables the submit button while the request runs, so it is not sent twice. */
  pending?: boolean;
  danger?: boolean;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="form__actions">
      <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={pending}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      ) : null}
      {children}
    </div>
  );
}
