import { lazy, Suspense } from 'react';
import { Loading, Page } from '../../components/Page.js';
import { PeriodFilterForm, usePeriodParams } from '../../components/PeriodFilterForm.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useDpcStats } from './dpc-exchanges.api.js';

// The charts library loads with this page only.
const DpcStatsCharts = lazy(() => import('./DpcStatsCharts.js').then((m) => ({ default: m.DpcStatsCharts })));
const ID = 'dpc-statistiques';

/** National statistics of DPC signalements (agents, expert reviewers, administrators): counts only. */
export function DpcStatsPage() {
  const [period, setPeriod] = usePeriodParams();
  const stats = useDpcStats(period);
  const errors = toFormErrors(stats.error);

  return (
    <Page title="Statistiques de la vigilance DPC">
      <p>
        Des nombres de signalements, jamais une personne ni un récit : par nature, pratique repérée, région des faits, suite donnée
        et auteur, pour toute la France.
      </p>
      <PeriodFilterForm idPrefix={ID} period={period} onPeriod={setPeriod} fromLabel="Signalements reçus à partir du" toLabel="Jusqu’au" errors={errors} />
      {stats.isPending ? (
        <Loading />
      ) : stats.data ? (
        <Suspense fallback={<Loading />}>
          <DpcStatsCharts stats={stats.data} />
        </Suspense>
      ) : null}
    </Page>
  );
}
