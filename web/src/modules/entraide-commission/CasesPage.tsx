import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ENTRAIDE_CASE_STATUS_LABELS, ENTRAIDE_CASE_STATUSES, type EntraideCaseStatus } from '../../../../contracts/entraide.schemas.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/fields.js';
import { Loading, Page } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { useCases, type CaseFilters, type CaseSummary } from './entraide-commission.api.js';
import { CaseStatusBadge, UrgencyBadge, naturesText } from './labels.js';
import { FilterActions, LabelledOptions } from '../../components/filters.js';

const TABLE_ID = 'dossiers-tableau';
const FILTER_ID = 'dossiers-filtres';
/** The server's page size (server/modules/entraide/cases.service.ts). */
const PAGE_SIZE = 50;

function readFilters(params: URLSearchParams): CaseFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const status = params.get('status') ?? '';
  return {
    status: (ENTRAIDE_CASE_STATUSES as readonly string[]).includes(status) ? (status as EntraideCaseStatus) : '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function casesSearch(filters: CaseFilters): string {
  return toQueryString({ status: filters.status, page: filters.page > 1 ? filters.page : undefined });
}

/** « Dossiers d'entraide »: the cases of the member's commission, by pseudonym, most recent activity first. */
export function CasesPage() {
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const cases = useCases(filters);
  useFocusOnChange(filters.page, TABLE_ID);
  const national = session?.user?.role === 'membre_cne';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const status = String(new FormData(event.currentTarget).get('status') ?? '') as CaseFilters['status'];
    setParams(casesSearch({ status, page: 1 }));
  }

  const data = cases.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const caption = data
    ? `Dossiers : ${data.total.toLocaleString('fr-FR')} résultat${data.total > 1 ? 's' : ''}, page ${filters.page} sur ${pageCount}`
    : 'Dossiers';

  return (
    <Page title="Dossiers d'entraide">
      <p>
        {national
          ? 'Les dossiers transmis à la commission nationale d’entraide.'
          : `Les dossiers de la commission départementale d’entraide${session?.user?.departement ? ` (${session.user.departement})` : ''}.`}{' '}
        Chaque dossier est désigné par son pseudonyme : l'identité de la personne n'apparaît que sur demande motivée, dans
        le dossier, et chaque consultation est tracée.
      </p>
      <form key={filters.status} className="filters" role="search" aria-label="Filtrer les dossiers" noValidate onSubmit={onSubmit}>
        <SelectField idPrefix={FILTER_ID} name="status" label="Statut" defaultValue={filters.status}>
          <option value="">Tous les statuts</option>
          <LabelledOptions values={ENTRAIDE_CASE_STATUSES} labels={ENTRAIDE_CASE_STATUS_LABELS} />
        </SelectField>
        <FilterActions />
      </form>
      {cases.isPending ? <Loading /> : null}
      {cases.isError ? <FormError errors={toFormErrors(cases.error)} idPrefix="dossiers" /> : null}
      {data && data.cases.length === 0 ? <p role="status">Aucun dossier ne correspond à ces critères.</p> : null}
      {data && data.cases.length > 0 ? <CasesTable id={TABLE_ID} cases={data.cases} caption={caption} /> : null}
      <Pagination page={filters.page} pageCount={pageCount} hrefFor={(page) => `/entraide/dossiers${casesSearch({ ...filters, page })}`} label="Pages des dossiers" />
    </Page>
  );
}

export function CasesTable({ id, cases, caption }: { id: string; cases: CaseSummary[]; caption: string }) {
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Dossier</th>
            <th scope="col">Statut</th>
            <th scope="col">Natures</th>
            <th scope="col">Urgence</th>
            <th scope="col">Référent</th>
            <th scope="col">Ouvert le</th>
            <th scope="col">Dernière activité</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/entraide/dossiers/${encodeURIComponent(c.id)}`}>Dossier {c.reference}</Link>
              </th>
              <td>
                <CaseStatusBadge status={c.status} />
              </td>
              <td>{naturesText(c.natures)}</td>
              <td>
                <UrgencyBadge urgency={c.urgency} />
              </td>
              <td>{c.referentName ?? <span className="muted">Aucun</span>}</td>
              <td>{formatShortDateTime(c.openedAt)}</td>
              <td>{formatShortDateTime(c.lastActivityAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
