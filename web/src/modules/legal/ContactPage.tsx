import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { MailLink, SiteInfoGate } from './SiteInfoGate.js';

/** « Contact »: whom to reach for what, so nobody sends a report or a distress call to the wrong place. */
export function ContactPage() {
  return (
    <Page title="Contact">
      <SiteInfoGate>
        {(site) => (
          <>
            <h2>Vous avez reçu un message suspect</h2>
            <p>
              <Link to="/verifier">Vérifiez-le</Link> ou <Link to="/signaler">signalez-le à l’Ordre</Link> : un signalement est lu par
              les agents de votre conseil départemental. N’envoyez pas le message suspect à l’adresse ci-dessous.
            </p>
            <h2>Vous êtes médecin en difficulté</h2>
            <p>
              L’entraide ordinale vous écoute, gratuitement et en toute confidentialité, au <strong className="nowrap">0800 288 038</strong>{' '}
              (numéro vert, 24 h/24). Voir la page <Link to="/entraide">Entraide</Link>.
            </p>
            <h2>Une question sur le service</h2>
            <p>
              Écrivez à <MailLink address={site.contactEmail} />. Nous ne vous demanderons jamais votre mot de passe ni un code reçu par
              SMS.
            </p>
            <h2>Vos données personnelles</h2>
            <p>
              Le délégué à la protection des données de l’Ordre : <MailLink address={site.dpoContact} />.
            </p>
            <h2>Une faille de sécurité</h2>
            <p>
              Les chercheurs en sécurité trouvent l’adresse à utiliser dans le fichier{' '}
              <a href="/.well-known/security.txt">security.txt</a>.
            </p>
            <h2>Par courrier</h2>
            <p>
              {site.publisher}, {site.publisherAddress}.
            </p>
          </>
        )}
      </SiteInfoGate>
    </Page>
  );
}
