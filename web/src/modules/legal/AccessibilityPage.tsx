import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { MailLink, SiteInfoGate } from './SiteInfoGate.js';

/**
 * The automated checks this statement rests on: the browser journeys of e2e/ run axe-core (WCAG 2.1 A and
 * AA rules) on every page they open. Update the date and the list when the journeys change.
 */
export const AUTOMATED_CHECKS = {
  date: '2026-12-07',
  tool: 'axe-core 4 (règles WCAG 2.1 niveaux A et AA), dans Chromium',
  widths: 'écrans de 390 et de 1 280 pixels de large',
  journeys: [
    'vérifier un message et signaler une fraude, avec et sans compte',
    'suivre un signalement et consulter les alertes en cours',
    'se connecter, avec le second facteur, et gérer son compte',
    'le traitement des signalements et des campagnes par les agents',
    'le tableau de l’Ordre : recherche, fiche d’un médecin, demandes de modification',
    'l’entraide : demande d’un médecin ou d’un proche, dossiers de la commission',
    'les pages d’information : mentions légales, données personnelles, accessibilité, contact, messages authentiques',
  ],
  result: 'aucune non-conformité détectée par l’outil sur les pages parcourues',
};

/** « Accessibilité »: the RGAA conformance statement, honest about what was and was not audited. */
export function AccessibilityPage() {
  return (
    <Page title="Accessibilité">
      <SiteInfoGate>
        {(site) => (
          <>
            <p className="lead">
              Le {site.publisher} s’engage à rendre Vigie accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
              Cette déclaration d’accessibilité s’applique au service Vigie ({site.publicUrl}).
            </p>
            <h2>État de conformité</h2>
            <p>
              Vigie est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA),
              version 4.1 : aucun audit complet du RGAA n’a encore été réalisé.
            </p>
            <h2>Résultats des tests</h2>
            <p>
              Tests automatisés du {new Date(`${AUTOMATED_CHECKS.date}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })}{' '}
              avec {AUTOMATED_CHECKS.tool}, sur des {AUTOMATED_CHECKS.widths}, à chaque page des parcours suivants :
            </p>
            <ul>
              {AUTOMATED_CHECKS.journeys.map((j) => (
                <li key={j}>{j} ;</li>
              ))}
            </ul>
            <p>Résultat : {AUTOMATED_CHECKS.result}.</p>
            <p>
              Un outil automatique ne détecte qu’une partie des critères du RGAA : la pertinence des textes alternatifs, l’ordre de
              lecture, la clarté des intitulés et l’usage avec un lecteur d’écran demandent un contrôle humain.
            </p>
            <h2>Contenus non accessibles ou non encore vérifiés</h2>
            <ul>
              <li>L’ensemble des critères du RGAA n’a pas été vérifié manuellement (audit à réaliser).</li>
              <li>Les pièces jointes déposées par les utilisateurs (captures d’écran, PDF, courriels) ne sont pas rendues accessibles par le service.</li>
              <li>Les documents PDF produits par le service (reçus, dossiers) n’ont pas été audités.</li>
              <li>Les graphiques des statistiques de l’entraide sont doublés d’un tableau de données, dont la restitution n’a pas été vérifiée avec un lecteur d’écran.</li>
            </ul>
            <h2>Technologies utilisées</h2>
            <p>HTML, CSS, JavaScript (le service ne fonctionne pas sans JavaScript).</p>
            <h2>Retour d’information et contact</h2>
            <p>
              Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à <MailLink address={site.contactEmail} /> : nous
              vous indiquerons une autre façon d’y accéder. Voir aussi la page <Link to="/contact">Contact</Link>.
            </p>
            <h2>Voies de recours</h2>
            <p>
              Si vous nous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur
              des droits (<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>), contacter son délégué dans votre
              région ou lui écrire gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
            </p>
          </>
        )}
      </SiteInfoGate>
    </Page>
  );
}
