import type { TSessionUser } from '../../../../contracts/auth.schemas.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useDpcSignalementCounts } from './ReviewerHome.js';
import { AccountCard, CheckCard, LinkCard } from './HomeCards.js';
import { WorkSection } from './WorkSection.js';

/** The council's work on signalements: one card per screen the session may open. */
export function FraudWorkCards() {
  const { data: session } = useSession();
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(session, permission);
  return (
    <>
      {can('report:triage') ? (
        <LinkCard to="/signalements" title="Signalements">
          <p>Triez les signalements reçus : attribution, qualification, notes et fusion des doublons.</p>
        </LinkCard>
      ) : null}
      {can('campaign:read') ? (
        <LinkCard to="/campagnes" title="Campagnes">
          <p>Les signalements regroupés par numéro, domaine, expéditeur ou texte commun, et leurs indicateurs.</p>
        </LinkCard>
      ) : null}
      {can('indicator:manage') ? (
        <LinkCard to="/indicateurs" title="Indicateurs en attente">
          <p>Décidez des indicateurs qui relieraient trop de signalements sans rapport.</p>
        </LinkCard>
      ) : null}
      {can('alert:draft') ? (
        <LinkCard to="/alertes/gestion" title="Alertes aux médecins">
          <p>Rédigez une alerte depuis une campagne, faites-la approuver par un second agent et suivez sa diffusion.</p>
        </LinkCard>
      ) : null}
      {can('watchlist:manage') ? (
        <LinkCard to="/veille" title="Veille">
          <p>Soyez prévenu des nouveaux signalements d'un numéro, d'un domaine, d'un département ou d'un type d'arnaque.</p>
        </LinkCard>
      ) : null}
      {can('dashboard:read') ? (
        <LinkCard to="/tableau-de-bord" title="Statistiques des signalements">
          <p>Signalements par semaine, canal, type d'arnaque et département ; principales campagnes ; délais de qualification.</p>
        </LinkCard>
      ) : null}
    </>
  );
}

/** DPC signalements waiting for triage in the agent's scope: a count, linking to the queue. */
function DpcSignalementsCard() {
  const { data: session } = useSession();
  const allowed = hasPermission(session, 'dpc:signalement_triage');
  const counts = useDpcSignalementCounts('signalements', allowed);
  if (!allowed) return null;
  const waiting = counts.data?.nouveau;
  const text = counts.isError
    ? 'Nombre de signalements indisponible'
    : waiting === undefined
      ? 'Comptage des signalements…'
      : waiting === 0
        ? 'Aucun signalement à trier'
        : `${waiting.toLocaleString('fr-FR')} signalement${waiting > 1 ? 's' : ''} à trier`;
  return (
    <LinkCard to="/vigilance-dpc/signalements?status=nouveau" title="Signalements DPC">
      <p>{text}. Dérives en formation : désignez un relecteur expert, invitez l’organisme à répondre, décidez.</p>
    </LinkCard>
  );
}

export function AgentHome({ user }: { user: TSessionUser }) {
  const heading = user.departement
    ? `Espace agent du conseil départemental (${user.departement})`
    : 'Espace agent du conseil national';
  return (
    <Page title="Espace agent" heading={heading}>
      <p className="lead">Bonjour {user.displayName}.</p>
      <WorkSection />
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
        <FraudWorkCards />
        <DpcSignalementsCard />
        <LinkCard to="/entraide/appels" title="Appels d'entraide">
          <p>Notez sans identité l'appel d'un médecin ou d'un proche en difficulté, puis ouvrez un dossier pour la commission.</p>
        </LinkCard>
        <LinkCard to="/entraide/enregistrer" title="Enregistrer une demande d'entraide">
          <p>Transmettez à la commission départementale d'entraide une demande reçue par téléphone.</p>
        </LinkCard>
        <CheckCard />
        <AccountCard />
      </ul>
    </Page>
  );
}
