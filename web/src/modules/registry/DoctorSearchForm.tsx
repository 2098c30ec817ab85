import type { FormEvent } from 'react';
import { DOCTOR_STATUSES } from '../../../../contracts/registry.schemas.js';
import { SelectField, TextField } from '../../components/fields.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import type { DoctorFilters } from './registry.api.js';
import { DOCTOR_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';
import { FilterActions, LabelledOptions } from '../../components/filters.js';

const ID = 'recherche';
export const EMPTY_FILTERS: DoctorFilters = { q: '', rpps: '', city: '', departement: '', status: '', page: 1 };

/** The search of the register; its values live in the URL so a search can be bookmarked. */
export function DoctorSearchForm({ filters, national, onApply }: {
  filters: DoctorFilters;
  /** A national user may narrow the search to one département. */
  national: boolean;
  onApply: (filters: DoctorFilters) => void;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    onApply({
      q: text('q'),
      rpps: text('rpps').replace(/\s+/g, ''),
      city: text('city'),
      departement: text('departement'),
      status: text('status'),
      page: 1,
    });
  }

  return (
    // The key resets the uncontrolled fields when the URL changes (back button, « Effacer »).
    <form key={JSON.stringify(filters)} className="filters" role="search" aria-label="Rechercher un médecin" noValidate onSubmit={onSubmit}>
      <TextField idPrefix={ID} name="q" label="Nom, prénom" type="search" defaultValue={filters.q} autoComplete="off" spellCheck={false} />
      <TextField
        idPrefix={ID}
        name="rpps"
        label="Numéro RPPS"
        type="search"
        inputMode="numeric"
        maxLength={14}
        defaultValue={filters.rpps}
        autoComplete="off"
        hint="11 chiffres, ou leur début"
      />
      <TextField idPrefix={ID} name="city" label="Ville" type="search" defaultValue={filters.city} autoComplete="off" hint="Ville d'exercice" />
      {national ? (
        <SelectField idPrefix={ID} name="departement" label="Département" defaultValue={filters.departement}>
          <option value="">Tous les départements</option>
          <DepartementOptions />
        </SelectField>
      ) : null}
      <SelectField idPrefix={ID} name="status" label="Statut" defaultValue={filters.status}>
        <option value="">Tous les statuts</option>
        <LabelledOptions values={DOCTOR_STATUSES} labels={DOCTOR_STATUS_LABELS} />
      </SelectField>
      <FilterActions submitLabel="Rechercher">
        <button type="button" className="button button--secondary" onClick={() => onApply(EMPTY_FILTERS)}>
          Effacer les critères
        </button>
      </FilterActions>
    </form>
  );
}
