import { useState } from 'react';
import type { FormEvent } from 'react';
import { NO_DEPARTEMENT } from '../../../../contracts/triage.schemas.js';
import { REPORT_CHANNEL_LABELS, REPORT_CHANNELS, REPORT_STATUS_LABELS, REPORT_STATUSES, REPORT_VERDICT_LABELS, REPORT_VERDICTS, type ReportStatus } from '../../../../contracts/report-vocabulary.js';
import { SelectField, TextField } from '../../components/fields.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { EMPTY_QUEUE_FILTERS, type QueueFilters } from './triage.api.js';
import { FilterActions, LabelledOptions } from '../../components/filters.js';

const ID = 'file-filtres';

function activeCount(filters: QueueFilters): number {
  const keys = ['channel', 'verdict', 'departement', 'from', 'to', 'assigned', 'q'] as const;
  return keys.filter((k) => filters[k]).length + (filters.status.length > 0 ? 1 : 0);
}

/**
 * The queue's filters; their values live in the URL so a view can be bookmarked. They fold into a
 * disclosure, so the results come first; it opens by itself when a filter is active, so a narrowed
 * view always shows what narrows it.
 */
export function QueueFiltersForm({ filters, national, onApply }: {
  filters: QueueFilters;
  /** A national account may narrow the queue to one département, or to reports with none. */
  national: boolean;
  onApply: (filters: QueueFilters) => void;
}) {
  const count = activeCount(filters);
  const [open, setOpen] = useState(count > 0);
  // A filter newly active from the address (a link, the back button) opens the disclosure again.
  const [seenCount, setSeenCount] = useState(count);
  if (count !== seenCount) {
    setSeenCount(count);
    if (count > 0) setOpen(true);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    onApply({
      status: form.getAll('status').map(String) as ReportStatus[],
      channel: text('channel'),
      verdict: text('verdict'),
      departement: text('departement'),
      from: text('from'),
      to: text('to'),
      assigned: text('assigned'),
      campaignId: filters.campaignId,
      q: text('q'),
      page: 1,
    });
  }

  return (
    <details className="triage-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button button--secondary">
        Filtres
        {count > 0 ? ` (${count} actif${count > 1 ? 's' : ''})` : ''}
      </summary>
      <div id={`${ID}-panneau`}>
        {/* The key resets the uncontrolled fields when the URL changes (back button, « Effacer »). */}
        <form key={JSON.stringify(filters)} className="filters" role="search" aria-label="Filtrer les signalements" noValidate onSubmit={onSubmit}>
          <TextField
            idPrefix={ID}
            name="q"
            label="Recherche"
            type="search"
            defaultValue={filters.q}
            autoComplete="off"
            spellCheck={false}
            hint="Mots du signalement (organisme, numéro, texte), ou son numéro SIG-…"
          />
          <fieldset className="field fieldset triage-filters__statuses">
            <legend>Statuts</legend>
            <p className="hint">Aucun coché : tous sauf « {REPORT_STATUS_LABELS.en_attente_confirmation} ».</p>
            <div className="triage-checkboxes">
              {REPORT_STATUSES.map((status) => (
                <div className="checkbox" key={status}>
                  <input
                    id={`${ID}-status-${status}`}
                    type="checkbox"
                    name="status"
                    value={status}
                    defaultChecked={filters.status.includes(status)}
                  />
                  <label htmlFor={`${ID}-status-${status}`}>{REPORT_STATUS_LABELS[status]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <SelectField idPrefix={ID} name="channel" label="Canal" defaultValue={filters.channel}>
            <option value="">Tous les canaux</option>
            <LabelledOptions values={REPORT_CHANNELS} labels={REPORT_CHANNEL_LABELS} />
          </SelectField>
          <SelectField idPrefix={ID} name="verdict" label="Verdict de l'analyse" defaultValue={filters.verdict}>
            <option value="">Tous les verdicts</option>
            <LabelledOptions values={REPORT_VERDICTS} labels={REPORT_VERDICT_LABELS} />
          </SelectField>
          {national ? (
            <SelectField idPrefix={ID} name="departement" label="Département" defaultValue={filters.departement}>
              <option value="">Tous les départements</option>
              <option value={NO_DEPARTEMENT}>Sans département</option>
              <DepartementOptions />
            </SelectField>
          ) : null}
          <SelectField idPrefix={ID} name="assigned" label="Attribution" defaultValue={filters.assigned}>
            <option value="">Tous</option>
            <option value="me">Attribués à moi</option>
            <option value="none">Non attribués</option>
          </SelectField>
          <TextField idPrefix={ID} name="from" label="Reçus à partir du" type="date" defaultValue={filters.from} />
          <TextField idPrefix={ID} name="to" label="Reçus jusqu'au" type="date" defaultValue={filters.to} />
          <FilterActions>
            <button type="button" className="button button--secondary" onClick={() => onApply({ ...EMPTY_QUEUE_FILTERS })}>
              Effacer les filtres
            </button>
          </FilterActions>
        </form>
      </div>
    </details>
  );
}
