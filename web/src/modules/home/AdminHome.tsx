import { Page } from '../../components/Page.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { AccountCard, CheckLink, LinkCard } from './HomeCards.js';

export function AdminHome() {
  const { data: session } = useSession();
  return (
    <Page title="Administration">
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
        <AccountCard />
      </ul>
      <CheckLink />
    </Page>
  );
}
