import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DPC_PRIORITIES, DPC_PRIORITY_LABELS } from '../../../../contracts/dpc.schemas.js';
import { DPC_SIGNALEMENT_KIND_LABELS, DPC_SIGNALEMENT_KINDS, DPC_SIGNALEMENT_STATUS_LABELS, DPC_SIGNALEMENT_STATUSES } from '../../../../contracts/dpc-signalements.schemas.js';
import { DPC_QUEUE_PAGE_SIZE, type TDpcQueueItem } from '../../../../contracts/dpc-workflow.schemas.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/fields.js';
import { Loading, Page } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { queueSearch, useReadBase, useSignalementQueue, type QueueFilters } from './dpc-workflow.api.js';
import { SignalementPriorityBadge, SignalementStatusBadge } from './SignalementLabels.js';
import { FilterActions, LabelledOptions } from '../../components/filters.js';

const TABLE_ID = 'signalements-dpc-tableau';
const FILTER_ID = 'signalements-dpc-filtres';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' => ((values as readonly string[]).includes(value ?? '') ? (value as T) : '');

function readFilters(params: URLSearchParams): QueueFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    status: oneOf(DPC_SIGNALEMENT_STATUSES, params.get('status')),
    kind: oneOf(DPC_SIGNALEMENT_KINDS, params.get('kind')),
    priority: oneOf(DPC_PRIORITIES, params.get('priority')),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/**
 * « Signalements DPC »: an agent's queue (the new ones first by priority), or the signalements designated
 * to an expert reviewer. Results first; the filters are folded under them. No line names the reporter.
 */
export function SignalementQueuePage() {
  const base = useReadBase();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const queue = useSignalementQueue(filters);
  useFocusOnChange(filters.page, TABLE_ID);
  const reviewer = base === 'reviews';
  const filtered = filters.status !== '' || filters.kind !== '' || filters.priority !== '';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    setParams(queueSearch({ status: oneOf(DPC_SIGNALEMENT_STATUSES, value('status')), kind: oneOf(DPC_SIGNALEMENT_KINDS, value('kind')), priority: oneOf(DPC_PRIORITIES, value('priority')), page: 1 }));
  }

  const data = queue.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / DPC_QUEUE_PAGE_SIZE)) : 1;
  const caption = data ? `Signalements : ${data.total.toLocaleString('fr-FR')} résultat${data.total > 1 ? 's' : ''}, page ${filters.page} sur ${pageCount}` : 'Signalements';
  const title = reviewer ? 'Signalements DPC qui vous sont confiés' : 'Signalements DPC';

  return (
    <Page title={title}>
      <p>
        {reviewer
          ? 'Les signalements de dérives en formation (DPC) sur lesquels votre avis d’expert est demandé.'
          : 'Les signalements de dérives en formation (DPC) de votre périmètre : les nouveaux d’abord, par priorité.'}{' '}
        L’auteur d’un signalement n’apparaît jamais dans cette liste.
      </p>
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <FormError errors={toFormErrors(queue.error)} idPrefix="signalements-dpc" /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucun signalement ne correspond à ces critères.</p> : null}
      {data && data.items.length > 0 ? <QueueTable items={data.items} caption={caption} /> : null}
      <Pagination page={filters.page} pageCount={pageCount} hrefFor={(page) => `/vigilance-dpc/signalements${queueSearch({ ...filters, page })}`} label="Pages des signalements" />
      <details className="filters-panel" open={filtered}>
        <summary>Filtrer les signalements</summary>
        <form key={params.toString()} className="filters" role="search" aria-label="Filtrer les signalements" noValidate onSubmit={onSubmit}>
          <SelectField idPrefix={FILTER_ID} name="status" label="Statut" defaultValue={filters.status}>
            <option value="">Tous les statuts</option>
            <LabelledOptions values={DPC_SIGNALEMENT_STATUSES} labels={DPC_SIGNALEMENT_STATUS_LABELS} />
          </SelectField>
          <SelectField idPrefix={FILTER_ID} name="kind" label="Type" defaultValue={filters.kind}>
            <option value="">Tous les types</option>
            <LabelledOptions values={DPC_SIGNALEMENT_KINDS} labels={DPC_SIGNALEMENT_KIND_LABELS} />
          </SelectField>
          <SelectField idPrefix={FILTER_ID} name="priority" label="Priorité" defaultValue={filters.priority}>
            <option value="">Toutes les priorités</option>
            <LabelledOptions values={DPC_PRIORITIES} labels={DPC_PRIORITY_LABELS} />
          </SelectField>
          <FilterActions />
        </form>
      </details>
    </Page>
  );
}

function QueueTable({ items, caption }: { items: TDpcQueueItem[]; caption: string }) {
  return (
    <div id={TABLE_ID} className="table-wrap" role="region" aria-labelledby={`${TABLE_ID}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${TABLE_ID}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Référence</th>
            <th scope="col">Objet</th>
            <th scope="col">Type</th>
            <th scope="col">Priorité</th>
            <th scope="col">Statut</th>
            <th scope="col">Relecteur</th>
            <th scope="col">Département</th>
            <th scope="col">Reçu le</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={`/vigilance-dpc/signalements/${encodeURIComponent(item.id)}`}>{item.reference}</Link>
              </th>
              <td>{item.subjectLabel}</td>
              <td>{DPC_SIGNALEMENT_KIND_LABELS[item.kind]}</td>
              <td>
                <SignalementPriorityBadge priority={item.priority} /> <span className="muted">({item.score}/100)</span>
              </td>
              <td>
                <SignalementStatusBadge status={item.status} />
              </td>
              <td>{item.reviewerName ?? <span className="muted">Aucun</span>}</td>
              <td>{item.departement ?? <span className="muted">Non précisé</span>}</td>
              <td>{formatShortDateTime(item.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
