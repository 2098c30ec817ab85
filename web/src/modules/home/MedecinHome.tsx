import { Link } from 'react-router';
import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { AccountCard, CheckCard, LinkCard } from './HomeCards.js';
import { OrdreGuidance } from './OrdreGuidance.js';
import { DoctorOverview } from './DoctorOverview.js';

export function MedecinHome({ user }: { user: TSessionUser }) {
  return (
    <Page title="Espace médecin">
      <p className="lead">Bonjour {user.displayName}.</p>
      {user.secondFactorEnabled ? null : (
        <Notice tone="warning" title="Protégez votre compte avec la double authentification">
          <p>
            Avec la double authentification, un code affiché sur votre téléphone est demandé à chaque connexion :
            votre compte reste protégé même si votre mot de passe est dérobé.
          </p>
          <p>
            <Link to="/compte">Activer la double authentification dans mon compte</Link>
          </p>
        </Notice>
      )}
      <DoctorOverview />
      <ul className="cards">
        <LinkCard to="/mes-coordonnees" title="Mes coordonnées">
          <p>Consultez vos coordonnées au tableau de l'Ordre et modifiez-les, protégé par la double authentification.</p>
        </LinkCard>
        <CheckCard />
        <LinkCard to="/signaler" title="Signaler un démarchage">
          <p>Un appel, un SMS, un courriel ou un courrier abusif ? Transmettez-le à votre conseil avec la copie des échanges.</p>
        </LinkCard>
        <LinkCard to="/mes-signalements" title="Mes signalements">
          <p>Retrouvez vos signalements, leur numéro de reçu et l'état de leur traitement.</p>
        </LinkCard>
        <LinkCard to="/entraide" title="Entraide ordinale">
          <p>
            Une difficulté sociale, professionnelle, personnelle, de santé ou financière ? Des lignes d'écoute et la commission
            d'entraide, en toute confidentialité. Suivre <Link to="/entraide/mes-demandes">mes demandes d'entraide</Link>.
          </p>
        </LinkCard>
        <AccountCard />
      </ul>
      <OrdreGuidance />
    </Page>
  );
}
