import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DPC_PRIORITIES, DPC_PRIORITY_LABELS, DPC_SEARCH_PAGE_SIZE, type DpcPriority } from '../../../../contracts/dpc.schemas.js';
import { FormError } from '../../components/FormError.js';
import { SelectField, TextField } from '../../components/fields.js';
import { Loading, Page } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { PriorityBadge } from './CatalogueBadges.js';
import { catalogueQueryString, useCatalogueSearch, type CatalogueFilters, type TDpcActionPage } from './dpc.api.js';
import { FilterActions } from '../../components/filters.js';

const FORM_ID = 'catalogue-recherche';
const TABLE_ID = 'catalogue-resultats';

function readFilters(params: URLSearchParams): CatalogueFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const priority = params.get('priority') ?? '';
  return {
    q: params.get('q') ?? '',
    organisation: params.get('organisation') ?? '',
    priority: (DPC_PRIORITIES as readonly string[]).includes(priority) ? (priority as DpcPriority) : '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** « Catalogue DPC »: search the training actions by words, organisation and screening priority. */
export function CataloguePage() {
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const search = useCatalogueSearch(filters);
  useFocusOnChange(filters.page, TABLE_ID);
  const errors = toFormErrors(search.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: string) => String(form.get(name) ?? '').trim();
    setParams(catalogueQueryString({ q: read('q'), organisation: read('organisation'), priority: read('priority') as CatalogueFilters['priority'], page: 1 }));
  }

  const data = search.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / DPC_SEARCH_PAGE_SIZE)) : 1;
  return (
    <Page title="Catalogue DPC">
      <p>
        Les actions de développement professionnel continu du catalogue de l’ANDPC, chacune lue par le repérage des dérives
        thérapeutiques et sectaires. Les actions de priorité haute viennent en premier.
      </p>
      <nav className="table-actions" aria-label="Autour du catalogue">
        <Link className="button button--secondary" to="/vigilance-dpc/controles">
          Contrôles du catalogue
        </Link>
        {hasPermission(session, 'dpc:catalogue_import') ? (
          <Link className="button button--secondary" to="/vigilance-dpc/import">
            Importer
          </Link>
        ) : null}
      </nav>
      <form key={params.toString()} className="filters" role="search" aria-label="Rechercher dans le catalogue" noValidate onSubmit={onSubmit}>
        <TextField idPrefix={FORM_ID} name="q" label="Mots" hint="Référence, titre, orientation ou programme ; accents et majuscules indifférents." defaultValue={filters.q} maxLength={200} error={errors?.fields.q} />
        <TextField idPrefix={FORM_ID} name="organisation" label="Numéro ODPC de l’organisme" defaultValue={filters.organisation} maxLength={12} autoComplete="off" error={errors?.fields.organisation} />
        <SelectField idPrefix={FORM_ID} name="priority" label="Priorité" defaultValue={filters.priority} error={errors?.fields.priority}>
          <option value="">Toutes les priorités</option>
          {[...DPC_PRIORITIES].reverse().map((priority) => (
            <option key={priority} value={priority}>
              {DPC_PRIORITY_LABELS[priority]}
            </option>
          ))}
        </SelectField>
        <FilterActions submitLabel="Rechercher" />
      </form>
      {search.isPending ? <Loading /> : null}
      <FormError errors={errors} idPrefix={FORM_ID} />
      {data && data.items.length === 0 ? <p role="status">Aucune action ne correspond à ces critères.</p> : null}
      {data && data.items.length > 0 ? <CatalogueResultsTable id={TABLE_ID} page={data} pageCount={pageCount} /> : null}
      <Pagination page={filters.page} pageCount={pageCount} hrefFor={(page) => `/vigilance-dpc/catalogue${catalogueQueryString({ ...filters, page })}`} label="Pages du catalogue" />
    </Page>
  );
}

function CatalogueResultsTable({ id, page, pageCount }: { id: string; page: TDpcActionPage; pageCount: number }) {
  const caption = `Actions : ${page.total.toLocaleString('fr-FR')} résultat${page.total > 1 ? 's' : ''}, page ${page.page} sur ${pageCount}`;
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Référence</th>
            <th scope="col">Organisme</th>
            <th scope="col">Priorité</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((action) => (
            <tr key={action.id}>
              <th scope="row">
                <Link to={`/vigilance-dpc/catalogue/${encodeURIComponent(action.id)}`}>{action.title}</Link>
              </th>
              <td>{action.reference}</td>
              <td>
                {action.organisation.name} <span className="muted">(n° {action.organisation.registrationNumber})</span>
              </td>
              <td>
                <PriorityBadge priority={action.screening.priority} />
              </td>
              <td>{action.screening.score} / 100</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
