import { Link, useSearchParams } from 'react-router';
import { QUEUE_PAGE_SIZE_DEFAULT } from '../../../../contracts/triage.schemas.js';
import { REPORT_STATUSES, type ReportStatus } from '../../../../contracts/report-vocabulary.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Pagination } from '../../components/Pagination.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { queueSearch, useQueue, type QueueFilters } from './triage.api.js';
import { QueueFiltersForm } from './QueueFiltersForm.js';
import { ReportsTable } from './ReportsTable.js';

const TABLE_ID = 'signalements-tableau';

function readFilters(params: URLSearchParams): QueueFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const text = (key: string) => params.get(key) ?? '';
  return {
    status: params.getAll('status').filter((s): s is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(s)),
    channel: text('channel'),
    verdict: text('verdict'),
    departement: text('departement'),
    from: text('from'),
    to: text('to'),
    assigned: text('assigned'),
    campaignId: text('campaignId'),
    q: text('q'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** « Signalements »: the queue of the département (national accounts: every one), newest first. */
export function ReportQueuePage() {
  const { data: session } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const queue = useQueue(filters);
  useFocusOnChange(filters.page, TABLE_ID);
  const national = !session?.user?.departement;

  const data = queue.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || QUEUE_PAGE_SIZE_DEFAULT))) : 1;
  const caption = data
    ? `Signalements : ${data.total.toLocaleString('fr-FR')} résultat${data.total > 1 ? 's' : ''}, page ${data.page} sur ${pageCount}`
    : 'Signalements';

  return (
    <Page title="Signalements reçus">
      <p>
        {national
          ? 'Les signalements de tous les départements, et ceux qui ne sont rattachés à aucun département.'
          : `Les signalements du département ${session?.user?.departement ?? ''}.`}{' '}
        Les plus récents d'abord. L'ouverture d'un signalement, qui montre l'identité du signalant, est enregistrée dans
        le journal d'audit.
      </p>
      {filters.campaignId ? (
        <Notice>
          <p>
            Seuls les signalements d'une campagne sont affichés.{' '}
            <Link to={`/campagnes/${encodeURIComponent(filters.campaignId)}`}>Voir la campagne</Link> ·{' '}
            <Link to={`/signalements${queueSearch({ ...filters, campaignId: '', page: 1 })}`}>Afficher tous les signalements</Link>
          </p>
        </Notice>
      ) : null}
      <QueueFiltersForm filters={filters} national={national} onApply={(next) => setSearchParams(queueSearch(next))} />
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <FormError errors={toFormErrors(queue.error)} idPrefix="file-filtres" /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucun signalement ne correspond à ces critères.</p> : null}
      {data && data.items.length > 0 ? <ReportsTable id={TABLE_ID} reports={data.items} caption={caption} /> : null}
      <Pagination
        page={filters.page}
        pageCount={pageCount}
        hrefFor={(page) => `/signalements${queueSearch({ ...filters, page })}`}
        label="Pages des signalements"
      />
    </Page>
  );
}
