import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { AccountCard, CheckCard, ComingSoon, LinkCard } from './HomeCards.js';

export function AgentHome({ user }: { user: TSessionUser }) {
  const heading = user.departement
    ? `Espace agent du conseil départemental (${user.departement})`
    : 'Espace agent du conseil national';
  return (
    <Page title="Espace agent" heading={heading}>
      <p className="lead">Bonjour {user.displayName}.</p>
      <Notice tone="warning" title="Usurpations d'identité : la règle à appliquer">
        <p>
          Toute mise à jour des coordonnées d'un médecin, tout transfert et toute inscription ne peuvent être
          réalisés qu'en présence physique de l'intéressé, après vérification de son titre d'identité (passeport
          ou carte d'identité). Ne traitez jamais ces demandes par téléphone ou par courriel.
        </p>
      </Notice>
      <ul className="cards">
        <LinkCard to="/tableau" title="Tableau de l'Ordre">
          <p>Recherchez un médecin, ouvrez sa fiche et enregistrez une demande de modification de coordonnées.</p>
        </LinkCard>
        <LinkCard to="/tableau/demandes" title="Demandes de modification">
          <p>Finalisez en présence du médecin les demandes reçues, après vérification de son titre d'identité.</p>
        </LinkCard>
        <CheckCard />
        <AccountCard />
      </ul>
      <ComingSoon
        items={[
          'Signalements de démarchages abusifs et campagnes',
          'Alertes aux médecins du département',
        ]}
      />
    </Page>
  );
}
