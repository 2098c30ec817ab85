import { useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Pagination } from '../../components/Pagination.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { useDoctorSearch } from './registry.api.js';
import type { DoctorFilters } from './registry.api.js';
import { DoctorSearchForm } from './DoctorSearchForm.js';
import { DoctorResultsTable } from './DoctorResultsTable.js';
import { RegistryNav } from './RegistryNav.js';

const TABLE_ID = 'medecins-tableau';

function readFilters(params: URLSearchParams): DoctorFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    rpps: params.get('rpps') ?? '',
    city: params.get('city') ?? '',
    departement: params.get('departement') ?? '',
    status: params.get('status') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function searchOf(filters: DoctorFilters): string {
  return toQueryString({ ...filters, page: filters.page > 1 ? filters.page : undefined });
}

/** « Tableau de l'Ordre »: find a doctor of the register, then open the record (an audited read). */
export function RegistrySearchPage() {
  const { data: session } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const searched = Boolean(filters.q || filters.rpps || filters.city || filters.departement || filters.status);
  const search = useDoctorSearch(filters, searched);
  useFocusOnChange(filters.page, TABLE_ID);

  const data = searched ? search.data : undefined;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const total = data ? `${data.totalCapped ? 'plus de ' : ''}${data.total.toLocaleString('fr-FR')}` : '';
  const caption = data
    ? `Médecins : ${total} résultat${data.total > 1 ? 's' : ''}, page ${data.page} sur ${pageCount}`
    : 'Médecins';

  return (
    <Page title="Tableau de l'Ordre">
      <RegistryNav />
      <p>
        Recherchez un médecin par son nom, son numéro RPPS ou sa ville d'exercice. L'ouverture d'une fiche est
        enregistrée dans le journal d'audit.
      </p>
      <DoctorSearchForm
        filters={filters}
        national={!session?.user?.departement}
        onApply={(next) => setSearchParams(searchOf(next))}
      />
      {!searched ? <p className="status-message">Saisissez au moins un critère de recherche.</p> : null}
      {searched && search.isPending ? <Loading /> : null}
      {searched && search.isError ? <FormError errors={toFormErrors(search.error)} idPrefix="recherche-resultats" /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucun médecin ne correspond à ces critères.</p> : null}
      {data?.totalCapped ? (
        <p className="hint">Plus de {data.total.toLocaleString('fr-FR')} médecins correspondent : précisez la recherche.</p>
      ) : null}
      {data && data.items.length > 0 ? <DoctorResultsTable id={TABLE_ID} doctors={data.items} caption={caption} /> : null}
      <Pagination
        page={filters.page}
        pageCount={pageCount}
        hrefFor={(page) => `/tableau${searchOf({ ...filters, page })}`}
        label="Pages des résultats de recherche"
      />
    </Page>
  );
}
