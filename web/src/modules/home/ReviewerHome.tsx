import { useQuery } from '@tanstack/react-query';
import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import type { TDpcQueuePage } from '../../../../contracts/dpc-workflow.schemas.js';
import { Notice } from '../../components/Notice.js';
import { Page } from '../../components/Page.js';
import { api } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { AccountCard, CheckLink, LinkCard } from './HomeCards.js';

/**
 * DPC signalements in the session's scope by status (an agent's queue, or a reviewer's designated
 * signalements): counts only, no line shown on a home page.
 */
export function useDpcSignalementCounts(base: 'signalements' | 'reviews', enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['dpc-signalements', base, 'counts'],
    queryFn: async () => (await api.get<TDpcQueuePage>(`/api/dpc/${base}`)).counts,
    // Staff come back to their home often; the list itself is read when they open it.
    staleTime: 30_000,
  });
}

const plural = (n: number, word: string) => `${n.toLocaleString('fr-FR')} ${word}${n > 1 ? 's' : ''}`;

/** The expert reviewer's home: the signalements designated to them, by what they wait for. */
export function ReviewerHome({ user }: { user: TSessionUser }) {
  const counts = useDpcSignalementCounts('reviews');
  const refused = toFormErrors(counts.error);
  const text = (n: number | undefined, waiting: string) => (counts.isError ? 'Nombre indisponible' : n === undefined ? 'Comptage…' : `${plural(n, 'signalement')} ${waiting}`);
  return (
    <Page title="Espace relecteur DPC">
      <p className="lead">Bonjour {user.displayName}.</p>
      <p>
        Vous examinez, comme relecteur expert, les signalements de dérives en formation (DPC) que le conseil vous confie. Votre avis
        précède toute transmission à l’ANDPC, à la MIVILUDES ou toute saisine de la chambre disciplinaire.
      </p>
      {refused ? (
        <Notice tone="warning" title="Signalements inaccessibles">
          <p>{refused.message}</p>
        </Notice>
      ) : null}
      <section className="section" aria-labelledby="relecteur-confies">
        <h2 id="relecteur-confies">Signalements qui vous sont confiés</h2>
        <ul className="cards">
          <LinkCard to="/vigilance-dpc/signalements?status=en_revue" title="En attente de votre avis">
            <p>{text(counts.data?.en_revue, 'à examiner')}.</p>
          </LinkCard>
          <LinkCard to="/vigilance-dpc/signalements?status=avis_rendu" title="Avis rendus">
            <p>{text(counts.data?.avis_rendu, 'avec votre avis, en attente de décision')}.</p>
          </LinkCard>
          <LinkCard to="/vigilance-dpc/signalements" title="Tous vos signalements">
            <p>Y compris ceux au contradictoire avec l’organisme et ceux déjà décidés.</p>
          </LinkCard>
          <AccountCard />
        </ul>
      </section>
      <CheckLink />
    </Page>
  );
}
