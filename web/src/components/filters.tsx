import type { ReactNode } from 'react';

/**
 * One `<option>` per value of a vocabulary (contracts), shown with its French label, for a `<select>` that
 * brings its own first option (« Tous les statuts »…).
 */
export function LabelledOptions({ values, labels }: { values: readonly string[]; labels: Readonly<Record<string, string>> }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}

/** The row under a filter or search form: its submit button (« Filtrer » unless said), then `children` (reset links…). */
export function FilterActions({ submitLabel = 'Filtrer', children }: { submitLabel?: string; children?: ReactNode }) {
  return (
    <div className="filters__actions">
      <button type="submit" className="button">
        {submitLabel}
      </button>
      {children}
    </div>
  );
}
