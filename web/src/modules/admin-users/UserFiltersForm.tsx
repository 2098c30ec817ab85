import { useState } from 'react';
import type { FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields.js';
import type { UserFilters } from './admin-users.api.js';
import { DepartementPicker } from '../../components/DepartementPicker.js';
import { RoleOptions, StatusOptions } from './options.js';
import { FilterActions } from '../../components/filters.js';

const ID = 'filtres';

/** The search form; its values live in the URL so a filtered list can be bookmarked and shared. */
export function UserFiltersForm({ filters, onApply }: {
  filters: UserFilters;
  onApply: (filters: UserFilters) => void;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      q: String(form.get('q') ?? '').trim(),
      role: String(form.get('role') ?? ''),
      departement: String(form.get('departement') ?? ''),
      status: String(form.get('status') ?? ''),
      page: 1,
    });
  }

  return (
    // The key resets the uncontrolled fields when the URL changes (back button, « Effacer »).
    <form
      key={JSON.stringify(filters)}
      className="filters"
      role="search"
      aria-label="Filtrer les utilisateurs"
      noValidate
      onSubmit={onSubmit}
    >
      <TextField
        idPrefix={ID}
        name="q"
        label="Rechercher"
        type="search"
        defaultValue={filters.q}
        hint="Nom ou adresse électronique"
        autoComplete="off"
      />
      <SelectField idPrefix={ID} name="role" label="Rôle" defaultValue={filters.role}>
        <option value="">Tous les rôles</option>
        <RoleOptions />
      </SelectField>
      <FilterDepartement initial={filters.departement} />
      <SelectField idPrefix={ID} name="status" label="Statut" defaultValue={filters.status}>
        <option value="">Tous les statuts</option>
        <StatusOptions />
      </SelectField>
      <FilterActions>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onApply({ q: '', role: '', departement: '', status: '', page: 1 })}
        >
          Effacer les filtres
        </button>
      </FilterActions>
    </form>
  );
}

/** The département filter: its own state, reset with the form's key; the form reads its hidden input. */
function FilterDepartement({ initial }: { initial: string }) {
  const [departement, setDepartement] = useState(initial);
  return (
    <DepartementPicker
      idPrefix={ID}
      name="departement"
      label="Département"
      value={departement}
      onChange={setDepartement}
      emptyLabel="Tous les départements"
    />
  );
}
