import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import { Page } from '../../components/Page.js';
import { AccountCard, CheckLink, ComingSoon } from './HomeCards.js';

export function EntraideHome({ user }: { user: TSessionUser }) {
  const commission =
    user.role === 'membre_cne'
      ? "Commission nationale d'entraide"
      : `Commission départementale d'entraide${user.departement ? ` (${user.departement})` : ''}`;
  return (
    <Page title="Espace entraide">
      <p className="lead">
        Bonjour {user.displayName}. {commission}.
      </p>
      <p>
        L'entraide ordinale accompagne les médecins, leurs familles et les docteurs juniors en difficulté, qu'elle
        soit sociale, professionnelle, personnelle, de santé ou financière. Les dossiers sont strictement
        confidentiels.
      </p>
      <ul className="cards">
        <AccountCard />
      </ul>
      <CheckLink />
      <ComingSoon items={["Suivi confidentiel des dossiers d'entraide", 'Orientation vers Crésus et budget « reste à vivre »']} />
    </Page>
  );
}
