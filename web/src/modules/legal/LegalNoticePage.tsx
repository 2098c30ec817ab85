import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { SERVICE_NAME } from '../../../../contracts/site.schemas.js';
import { MailLink, SiteInfoGate } from './SiteInfoGate.js';

/** « Mentions légales »: who publishes the service and who hosts it (loi n° 2004-575, art. 6). */
export function LegalNoticePage() {
  return (
    <Page title="Mentions légales">
      <SiteInfoGate>
        {(site) => (
          <>
            <h2>Éditeur</h2>
            <p>
              {SERVICE_NAME} est un service édité par le {site.publisher}, {site.publisherAddress}. L’Ordre des médecins est un organisme
              de droit privé chargé d’une mission de service public (article L. 4121-2 du code de la santé publique).
            </p>
            <h2>Directeur de la publication</h2>
            <p>{site.publicationDirector}.</p>
            <h2>Hébergement</h2>
            <p>{site.hosting}.</p>
            <h2>Nous écrire</h2>
            <p>
              Pour toute question sur le service : <MailLink address={site.contactEmail} />. Voir aussi la page{' '}
              <Link to="/contact">Contact</Link>.
            </p>
            <h2>Données personnelles et accessibilité</h2>
            <p>
              Ce que le service fait de vos données est décrit sur la page <Link to="/donnees-personnelles">Données personnelles</Link>
              ; son niveau d’accessibilité sur la page <Link to="/accessibilite">Accessibilité</Link>.
            </p>
            <h2>Adresse du service</h2>
            <p>
              La seule adresse de {SERVICE_NAME} est <strong>{site.publicUrl}</strong>. Une page qui imite ce service à une autre
              adresse est une tentative d’escroquerie : <Link to="/messages-authentiques">comment reconnaître un message authentique de l’Ordre</Link>.
            </p>
          </>
        )}
      </SiteInfoGate>
    </Page>
  );
}
