import { Page } from '../../components/Page.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { AccountCard, CheckLink, LinkCard } from './HomeCards.js';
import { FraudWorkCards } from './AgentHome.js';
import { WorkSection } from './WorkSection.js';

export function AdminHome() {
  const { data: session } = useSession();
  return (
    <Page title="Administration">
      <WorkSection />
      <ul className="cards">
        {hasPermission(session, 'users:read') ? (
          <LinkCard to="/admin/utilisateurs" title="Gérer les utilisateurs">
            <p>Invitez des utilisateurs, modifiez leur rôle, leur département ou leur statut.</p>
          </LinkCard>
        ) : null}
        {hasPermission(session, 'audit:read') ? (
          <LinkCard to="/admin/journal" title="Journal d'audit">
            <p>Consultez les actions enregistrées : connexions, modifications de comptes, réinitialisations.</p>
          </LinkCard>
        ) : null}
        {hasPermission(session, 'registry:read') ? (
          <LinkCard to="/tableau" title="Tableau de l'Ordre">
            <p>Recherchez un médecin, traitez les demandes de modification de coordonnées et exportez le tableau.</p>
          </LinkCard>
        ) : null}
        {hasPermission(session, 'registry:security') ? (
          <LinkCard to="/tableau/securite" title="Sécurité du tableau">
            <p>Volumes inhabituels, fiches modifiées souvent, modifications suivies d'un export.</p>
          </LinkCard>
        ) : null}
        <FraudWorkCards />
        <AccountCard />
      </ul>
      <CheckLink />
    </Page>
  );
}
