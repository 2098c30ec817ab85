import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { DashboardFiltersForm } from './DashboardFiltersForm.js';
import { useDashboard, type DashboardFilters } from './dashboard.api.js';

// The charts library is loaded with this page only, not with the rest of the application.
const DashboardContent = lazy(() => import('./DashboardContent.js').then((m) => ({ default: m.DashboardContent })));

/** Figures of the signalements: per week by channel, family and département; campaigns; delays; statuses. */
export function DashboardPage() {
  const { data: session } = useSession();
  const national = (session?.user?.departement ?? null) === null;
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = { from: params.get('du') ?? '', to: params.get('au') ?? '', departement: params.get('departement') ?? '' };
  const stats = useDashboard(filters);
  const errors = toFormErrors(stats.error);

  function apply(next: DashboardFilters) {
    const search = new URLSearchParams();
    if (next.from) search.set('du', next.from);
    if (next.to) search.set('au', next.to);
    if (next.departement) search.set('departement', next.departement);
    setParams(search);
  }

  return (
    <Page title="Statistiques des signalements">
      <DashboardFiltersForm filters={filters} national={national} errors={errors} onApply={apply} />
      {errors ? (
        <Notice tone="danger" title="Impossible d'afficher les statistiques">
          <p>{errors.message}</p>
        </Notice>
      ) : null}
      {stats.isPending ? (
        <Loading />
      ) : stats.data ? (
        <Suspense fallback={<Loading />}>
          <DashboardContent stats={stats.data} />
        </Suspense>
      ) : null}
    </Page>
  );
}
