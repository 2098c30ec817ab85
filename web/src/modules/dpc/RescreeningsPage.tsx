import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { RescreenMatches, rescreeningHref } from './RescreenMatchesTable.js';
import { useRescreenCatalogue, useRescreenings, type TDpcRescreening } from './dpc.api.js';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

function rescreenAnswer(run: TDpcRescreening): string {
  if (run.upToDate) return `Le catalogue est déjà à jour : toutes les actions ont été lues avec le lexique ${run.lexiconVersion}. Rien n’a été refait.`;
  return `${plural(run.rescreened, 'action contrôlée', 'actions contrôlées')} à nouveau avec le lexique ${run.lexiconVersion} ; ${plural(run.newlyMatching, 'action nouvellement relevée', 'actions nouvellement relevées')}.`;
}

/**
 * « Contrôles du catalogue »: the runs that read the whole catalogue again after a lexicon change, and
 * for the run chosen (the one just made, or one from the list) the actions it newly flagged.
 */
export function RescreeningsPage() {
  const { data: session } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const runs = useRescreenings();
  const rescreen = useRescreenCatalogue();
  const selected = params.get('controle');
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  function onRescreen() {
    rescreen.mutate(undefined, { onSuccess: (run) => void navigate(rescreeningHref(run.id)) });
  }

  return (
    <Page title="Contrôles du catalogue">
      <p>
        Quand le lexique des dérives change, tout le catalogue est relu. Chaque contrôle garde la liste des actions dont la
        priorité a monté : celles qu’il faut lire maintenant. <Link to="/vigilance-dpc/catalogue">Retour au catalogue</Link>
      </p>
      {hasPermission(session, 'dpc:rescreen') ? (
        <section aria-labelledby="controler-titre">
          <h2 id="controler-titre">Contrôler le catalogue</h2>
          <p>Le catalogue est relu avec la version du lexique en service ; les actions déjà lues avec elle ne sont pas refaites.</p>
          <button type="button" className="button" onClick={onRescreen} disabled={rescreen.isPending}>
            Contrôler à nouveau le catalogue
          </button>
          {rescreen.isPending ? <Loading label="Contrôle en cours : le catalogue est relu…" /> : null}
          <FormError errors={toFormErrors(rescreen.error)} idPrefix="controler" />
          <div role="status">
            {rescreen.data ? (
              <Notice tone={rescreen.data.upToDate ? 'info' : 'success'} title={rescreen.data.upToDate ? 'Déjà à jour' : 'Contrôle terminé'}>
                <p>{rescreenAnswer(rescreen.data)}</p>
              </Notice>
            ) : null}
          </div>
        </section>
      ) : null}
      {selected ? <RescreenMatches rescreeningId={selected} page={page} /> : null}
      <section aria-labelledby="controles-titre">
        <h2 id="controles-titre">Derniers contrôles</h2>
        {runs.isPending ? <Loading /> : null}
        {runs.isError ? <FormError errors={toFormErrors(runs.error)} idPrefix="controles" /> : null}
        {runs.data && runs.data.items.length === 0 ? <p>Le catalogue n’a encore jamais été contrôlé à nouveau.</p> : null}
        {runs.data && runs.data.items.length > 0 ? <RunsTable runs={runs.data.items} selected={selected} /> : null}
      </section>
    </Page>
  );
}

function RunsTable({ runs, selected }: { runs: TDpcRescreening[]; selected: string | null }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="controles-legende" tabIndex={0}>
      <table className="table">
        <caption id="controles-legende">
          <span className="table__caption">Contrôles, du plus récent au plus ancien</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Lexique</th>
            <th scope="col">Actions contrôlées</th>
            <th scope="col">Nouvellement relevées</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">
                <Link to={rescreeningHref(run.id)} aria-current={run.id === selected ? 'true' : undefined}>
                  {formatShortDateTime(run.startedAt)}
                </Link>
                {run.finishedAt ? null : <span className="muted"> (inachevé)</span>}
              </th>
              <td>{run.lexiconVersion}</td>
              <td>{run.rescreened.toLocaleString('fr-FR')}</td>
              <td>{run.newlyMatching.toLocaleString('fr-FR')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
