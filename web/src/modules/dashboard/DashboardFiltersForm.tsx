import type { FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import type { DashboardFilters } from './dashboard.api.js';
import { FilterActions } from '../../components/filters.js';

const ID = 'periode';

/** The period (and, for a national account, the département); the values live in the URL. */
export function DashboardFiltersForm({ filters, national, errors, onApply }: {
  filters: DashboardFilters;
  national: boolean;
  errors: FormErrors | null;
  onApply: (filters: DashboardFilters) => void;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
      departement: national ? String(form.get('departement') ?? '') : '',
    });
  }

  return (
    <form key={JSON.stringify(filters)} className="filters" aria-label="Période et département" noValidate onSubmit={onSubmit}>
      <TextField idPrefix={ID} name="from" label="Du" type="date" defaultValue={filters.from} hint="Par défaut : il y a 12 semaines" error={errors?.fields.from} />
      <TextField idPrefix={ID} name="to" label="Au" type="date" defaultValue={filters.to} hint="Par défaut : aujourd'hui" error={errors?.fields.to} />
      {national ? (
        <SelectField idPrefix={ID} name="departement" label="Département" defaultValue={filters.departement} error={errors?.fields.departement}>
          <option value="">Tous les départements</option>
          <DepartementOptions />
        </SelectField>
      ) : null}
      <FilterActions submitLabel="Afficher">
        <button type="button" className="button button--secondary" onClick={() => onApply({ from: '', to: '', departement: '' })}>
          Revenir aux 12 dernières semaines
        </button>
      </FilterActions>
    </form>
  );
}
