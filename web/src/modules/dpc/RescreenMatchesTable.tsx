import { Link } from 'react-router';
import { DPC_SEARCH_PAGE_SIZE } from '../../../../contracts/dpc.schemas.js';
import { FormError } from '../../components/FormError.js';
import { Loading } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { PriorityBadge } from './CatalogueBadges.js';
import { useRescreenMatches, type TDpcRescreenMatchesPage } from './dpc.api.js';

const TABLE_ID = 'controle-actions';

export const rescreeningHref = (id: string, page = 1) => `/vigilance-dpc/controles${toQueryString({ controle: id, page: page > 1 ? page : undefined })}`;

/** The actions one rescreen run newly flagged, with the priority each had before, highest first. */
export function RescreenMatches({ rescreeningId, page }: { rescreeningId: string; page: number }) {
  const matches = useRescreenMatches(rescreeningId, page);
  useFocusOnChange(page, TABLE_ID);
  const data = matches.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / DPC_SEARCH_PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="controle-titre">
      <h2 id="controle-titre">
        Actions relevées par le contrôle{data ? ` du ${formatShortDateTime(data.rescreening.startedAt)} (lexique ${data.rescreening.lexiconVersion})` : ''}
      </h2>
      {matches.isPending ? <Loading /> : null}
      {matches.isError ? <FormError errors={toFormErrors(matches.error)} idPrefix="controle" /> : null}
      {data && data.items.length === 0 ? <p role="status">Ce contrôle n’a relevé aucune nouvelle action.</p> : null}
      {data && data.items.length > 0 ? <MatchesTable data={data} pageCount={pageCount} /> : null}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => rescreeningHref(rescreeningId, p)} label="Pages des actions relevées" />
    </section>
  );
}

function MatchesTable({ data, pageCount }: { data: TDpcRescreenMatchesPage; pageCount: number }) {
  const caption = `Actions nouvellement relevées : ${data.total.toLocaleString('fr-FR')}, page ${data.page} sur ${pageCount}`;
  return (
    <div id={TABLE_ID} className="table-wrap" role="region" aria-labelledby={`${TABLE_ID}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${TABLE_ID}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Organisme</th>
            <th scope="col">Priorité avant</th>
            <th scope="col">Priorité maintenant</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map(({ action, previousPriority, previousScore }) => (
            <tr key={action.id}>
              <th scope="row">
                <Link to={`/vigilance-dpc/catalogue/${encodeURIComponent(action.id)}`}>{action.title}</Link> <span className="muted">({action.reference})</span>
              </th>
              <td>{action.organisation.name}</td>
              <td>
                <PriorityBadge priority={previousPriority} />
              </td>
              <td>
                <PriorityBadge priority={action.screening.priority} />
              </td>
              <td>
                {previousScore} → {action.screening.score}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
