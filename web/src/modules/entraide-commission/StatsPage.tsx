import { lazy, Suspense } from 'react';
import { ENTRAIDE_STATS_MIN_CELL } from '../../../../contracts/entraide.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { PeriodFilterForm, usePeriodParams } from '../../components/PeriodFilterForm.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useStats } from './entraide-commission.api.js';

// The charts library loads with this page only.
const StatsContent = lazy(() => import('./StatsContent.js').then((m) => ({ default: m.StatsContent })));
const ID = 'statistiques-filtres';

/** Anonymised statistics of entraide (CNE, administrators): counts only, small cells hidden. */
export function StatsPage() {
  const [period, setPeriod] = usePeriodParams();
  const stats = useStats(period);
  const errors = toFormErrors(stats.error);

  return (
    <Page title="Statistiques de l'entraide">
      <p>
        Des nombres de dossiers, jamais une personne : aucun nom, aucun pseudonyme. Pour qu'on ne puisse reconnaître personne, un
        nombre inférieur à {ENTRAIDE_STATS_MIN_CELL} est affiché « moins de {ENTRAIDE_STATS_MIN_CELL} » et n'est pas dessiné.
      </p>
      <PeriodFilterForm
        idPrefix={ID}
        period={period}
        onPeriod={setPeriod}
        fromLabel="Dossiers ouverts à partir du"
        toLabel="Jusqu'au"
        hint="La période est élargie aux mois entiers : deux périodes à un jour d'écart ne doivent pas permettre d'isoler les dossiers de ce jour-là."
        errors={errors}
      />
      {stats.isPending ? (
        <Loading />
      ) : stats.data ? (
        <Suspense fallback={<Loading />}>
          <StatsContent stats={stats.data} />
        </Suspense>
      ) : null}
    </Page>
  );
}
