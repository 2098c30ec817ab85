import { useQuery } from '@tanstack/react-query';
import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import type { EntraideCaseStatus } from '../../../../contracts/entraide.schemas.js';
import { Notice } from '../../components/Notice.js';
import { Page } from '../../components/Page.js';
import { api, toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { AccountCard, CheckLink, LinkCard } from './HomeCards.js';

/** How many cases of the member's commission are in a status: a count, no case listed here. */
function useCaseCount(status: EntraideCaseStatus, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['entraide-cases', 'count', status],
    queryFn: () => api.get<{ total: number }>(`/api/entraide/cases${toQueryString({ status })}`),
    // Members come back to their home often; the list itself is read when they open it.
    staleTime: 30_000,
  });
}

function countText(query: { data?: { total: number } | undefined; isError: boolean }, one: string, many: string): string {
  if (query.isError) return 'Nombre de dossiers indisponible';
  const total = query.data?.total;
  if (total === undefined) return 'Comptage des dossiers…';
  if (total === 0) return `Aucun dossier ${one}`;
  return `${total.toLocaleString('fr-FR')} dossier${total > 1 ? `s ${many}` : ` ${one}`}`;
}

export function EntraideHome({ user }: { user: TSessionUser }) {
  const { data: session } = useSession();
  const national = user.role === 'membre_cne';
  const commission = national
    ? "Commission nationale d'entraide"
    : `Commission départementale d'entraide${user.departement ? ` (${user.departement})` : ''}`;
  // The CNE sees the transmitted cases; a CDE member first the ones waiting for a referent.
  const first = useCaseCount(national ? 'transmis_cne' : 'recu');
  // A transmitted case stays « transmis à la CNE » while the CNE follows it: no « en cours » count there.
  const second = useCaseCount('en_cours', !national);
  const refused = toFormErrors(first.error);
  return (
    <Page title="Espace entraide">
      <p className="lead">
        Bonjour {user.displayName}. {commission}.
      </p>
      <p>
        L'entraide ordinale accompagne les médecins, leurs familles et les docteurs juniors en difficulté, qu'elle
        soit sociale, professionnelle, personnelle, de santé ou financière. Les dossiers sont strictement
        confidentiels : ils sont désignés par un pseudonyme, et chaque consultation d'une identité est tracée.
      </p>
      {refused ? (
        <Notice tone="warning" title="Dossiers inaccessibles">
          <p>{refused.message}</p>
        </Notice>
      ) : null}
      <ul className="cards">
        {national ? (
          <LinkCard to="/entraide/dossiers?status=transmis_cne" title="Dossiers transmis à la commission nationale">
            <p>{countText(first, 'en attente de suivi national', 'en attente de suivi national')}. Orientation vers Crésus et budget « reste à vivre ».</p>
          </LinkCard>
        ) : (
          <LinkCard to="/entraide/dossiers?status=recu" title="Dossiers à attribuer">
            <p>{countText(first, 'reçu sans référent', 'reçus sans référent')}. Choisissez un référent et prenez contact.</p>
          </LinkCard>
        )}
        {national ? null : (
          <LinkCard to="/entraide/dossiers?status=en_cours" title="Dossiers suivis">
            <p>{countText(second, 'en cours de suivi', 'en cours de suivi')}. Journal, entretiens, décisions et budget.</p>
          </LinkCard>
        )}
        <LinkCard to="/entraide/dossiers" title="Tous les dossiers">
          <p>Par pseudonyme, statut, nature de la difficulté et urgence, y compris les dossiers clos.</p>
        </LinkCard>
        {hasPermission(session, 'entraide:stats_read') ? (
          <LinkCard to="/entraide/statistiques" title="Statistiques anonymisées">
            <p>Dossiers par nature, statut, issue et département ; aucun nombre inférieur à 5 n'est publié.</p>
          </LinkCard>
        ) : null}
        <AccountCard />
      </ul>
      <CheckLink />
    </Page>
  );
}
