import type { FormEvent, ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { FormErrors } from '../lib/form-errors.js';
import { FormError } from './FormError.js';
import { TextField } from './fields.js';
import { FilterActions } from './filters.js';

/** A period of statistics as the URL holds it (?du=AAAA-MM-JJ&au=AAAA-MM-JJ); empty when not set. */
export interface Period {
  from: string;
  to: string;
}

/** The period in the page's address, so that a filtered page can be bookmarked and shared. */
export function usePeriodParams(): [Period, (period: Period) => void] {
  const [params, setParams] = useSearchParams();
  const period = { from: params.get('du') ?? '', to: params.get('au') ?? '' };
  const setPeriod = ({ from, to }: Period) => {
    const search = new URLSearchParams();
    if (from) search.set('du', from);
    if (to) search.set('au', to);
    setParams(search);
  };
  return [period, setPeriod];
}

/**
 * The « from / to » form above a statistics page, with the summary of the server's refusal (fields
 * named from and to). Submitting sets the period; the form is drawn again when the period changes.
 */
export function PeriodFilterForm({ idPrefix, period, onPeriod, fromLabel, toLabel, hint, errors }: {
  idPrefix: string;
  period: Period;
  onPeriod: (period: Period) => void;
  fromLabel: string;
  toLabel: string;
  /** A note across the top of the form (how the period is read). */
  hint?: ReactNode;
  errors: FormErrors | null;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onPeriod({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  }

  return (
    <>
      <form key={`${period.from}-${period.to}`} className="filters" aria-label="Période des statistiques" noValidate onSubmit={onSubmit}>
        {hint ? (
          <p className="hint" style={{ gridColumn: '1 / -1' }}>
            {hint}
          </p>
        ) : null}
        <TextField idPrefix={idPrefix} name="from" type="date" label={fromLabel} defaultValue={period.from} error={errors?.fields.from} />
        <TextField idPrefix={idPrefix} name="to" type="date" label={toLabel} defaultValue={period.to} error={errors?.fields.to} />
        <FilterActions submitLabel="Afficher" />
      </form>
      <FormError errors={errors} idPrefix={idPrefix} />
    </>
  );
}
