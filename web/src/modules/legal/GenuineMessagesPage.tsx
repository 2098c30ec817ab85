import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { SiteInfoGate } from './SiteInfoGate.js';

/**
 * « Reconnaître un message authentique de l’Ordre », drawn from the register of official sources
 * (analysis/typology/official-register.json, docs/official-register.md) and the Ordre's circulars: the
 * Ordre's domains and numbers, and what it never does.
 */
export function GenuineMessagesPage() {
  return (
    <Page title="Reconnaître un message authentique de l’Ordre">
      <SiteInfoGate>
        {(site) => (
          <>
            <p className="lead">
              Des escrocs se font passer pour l’Ordre des médecins, l’ANDPC ou l’Agence du numérique en santé pour obtenir vos
              identifiants, votre carte e-CPS ou un paiement. Voici ce que fait vraiment l’Ordre, et ce qu’il ne fait jamais.
            </p>
            <h2>Ce que l’Ordre ne fait jamais</h2>
            <ul>
              <li>Il ne vous demande jamais votre mot de passe, un code reçu par SMS ou vos coordonnées bancaires, ni par téléphone ni par courriel.</li>
              <li>
                Il ne modifie jamais vos coordonnées, ne vous inscrit pas et ne transfère pas votre dossier par téléphone ou par courriel :
                depuis novembre 2021, il faut vous présenter au conseil départemental avec une pièce d’identité.
              </li>
              <li>Il ne prononce jamais de radiation par téléphone : seule la chambre disciplinaire peut le faire, par une décision.</li>
              <li>
                Il ne vous démarche pas pour une formation de DPC ou de certification périodique. L’ANS et l’ANDPC ne vous contactent pas
                non plus pour cela, et la « direction régionale de certification périodique » n’existe pas.
              </li>
              <li>Il ne vous demande pas de payer dans l’urgence par un lien reçu par SMS.</li>
            </ul>
            <h2>D’où écrit l’Ordre</h2>
            <ul>
              <li>
                Le Conseil national : le site <strong>conseil-national.medecin.fr</strong>.
              </li>
              <li>
                Les conseils départementaux : des adresses en <strong>…ordre.medecin.fr</strong> (par exemple conseil66.ordre.medecin.fr) ;
                quelques conseils ont leur propre site (cdom95.org, cdm44.org). Une adresse inconnue n’est pas forcément frauduleuse :
                vérifiez-la.
              </li>
              <li>
                Vigie : uniquement à l’adresse <strong>{site.publicUrl}</strong>. Toute alerte envoyée par Vigie figure aussi sur la page{' '}
                <Link to="/alertes">Alertes en cours</Link> : si elle n’y est pas, méfiez-vous.
              </li>
            </ul>
            <p>
              Attention : une adresse d’expéditeur ou un numéro affiché peuvent être imités. Un message qui semble venir de l’Ordre mais
              vous demande l’une des choses ci-dessus est une escroquerie.
            </p>
            <h2>Les numéros de l’Ordre</h2>
            <ul>
              <li>
                Standard du Conseil national : <span className="nowrap">01 53 89 32 00</span> ({site.publisherAddress}).
              </li>
              <li>
                Entraide ordinale, médecins et internes en difficulté : <span className="nowrap">0800 288 038</span>, numéro vert gratuit
                et anonyme, 24 h/24.
              </li>
            </ul>
            <p>En cas de doute, raccrochez et rappelez vous-même votre conseil départemental au numéro que vous connaissez.</p>
            <h2>Vous avez un doute sur un message</h2>
            <p>
              <Link to="/verifier">Vérifiez-le avec Vigie</Link> : collez le SMS, le courriel ou le numéro, le service vous dit s’il
              ressemble à une escroquerie connue. S’il en est une, <Link to="/signaler">signalez-le à l’Ordre</Link>.
            </p>
          </>
        )}
      </SiteInfoGate>
    </Page>
  );
}
