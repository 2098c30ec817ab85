import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Page } from '../../components/Page.js';
import { MailLink, SiteInfoGate } from './SiteInfoGate.js';
import type { TSiteInfo } from './site.api.js';

interface Processing {
  id: string;
  title: string;
  what: ReactNode;
  basis: ReactNode;
  who: ReactNode;
  retention: ReactNode;
}

/**
 * Each processing as Vigie actually runs it; the durations come from the server (configuration and the
 * administrators' settings), so this page cannot promise a retention the service does not apply.
 */
function processings(site: TSiteInfo): Processing[] {
  const r = site.retention;
  return [
    {
      id: 'verifier',
      title: 'Vérifier un message',
      what: 'Le texte, le lien, le numéro ou le courriel que vous collez, le temps de l’analyser.',
      basis: 'Mission de service public de l’Ordre (RGPD, article 6-1-e).',
      who: 'Personne : l’analyse est faite par le service sans intervention humaine.',
      retention: 'Rien n’est conservé : le message n’est ni enregistré ni transmis.',
    },
    {
      id: 'signalements',
      title: 'Signalements de fraude',
      what:
        'Le message reçu et ses copies (captures, courriels), votre description, ce qui s’est passé, le département, et votre adresse électronique si vous signalez sans compte.',
      basis:
        'Mission de service public de l’Ordre : protéger les médecins et le public contre les usurpations et les escroqueries (RGPD, article 6-1-e ; code de la santé publique, article L. 4121-2).',
      who: 'Les agents de l’Ordre chargés des signalements ; chaque consultation d’un signalement est tracée dans le journal d’audit.',
      retention: (
        <>
          Un signalement sans compte dont l’adresse n’est pas confirmée est supprimé, fichiers compris, au bout de{' '}
          {r.unconfirmedReportHours} heures. Un signalement confirmé est conservé le temps de son traitement et du suivi de la campagne
          d’escroquerie à laquelle il se rattache ; les éléments techniques d’une escroquerie (liens, numéros) cessent d’alerter{' '}
          {r.indicatorDays} jours après leur dernier signalement.
        </>
      ),
    },
    {
      id: 'tableau',
      title: 'Tableau de l’Ordre et coordonnées des médecins',
      what: 'Identité, numéro RPPS, spécialité, département d’inscription et coordonnées des médecins inscrits.',
      basis: 'Tenue du tableau, mission confiée à l’Ordre par la loi (RGPD, article 6-1-e ; code de la santé publique, articles L. 4112-1 et suivants).',
      who: 'Les agents du conseil départemental d’inscription ; chaque modification est tracée dans le journal d’audit.',
      retention: 'Tant que le médecin est inscrit au tableau, puis selon les règles d’archivage de l’Ordre.',
    },
    {
      id: 'alertes',
      title: 'Alertes aux médecins',
      what: 'L’adresse électronique et le nom des médecins destinataires, et la remise de chaque alerte.',
      basis: 'Mission de service public de l’Ordre (RGPD, article 6-1-e).',
      who: 'Les agents de l’Ordre qui rédigent et envoient les alertes.',
      retention: 'Comme le tableau de l’Ordre, dont les adresses proviennent.',
    },
    {
      id: 'entraide',
      title: 'Entraide ordinale',
      what:
        'Votre demande d’aide et les informations sur votre santé, votre situation familiale et financière que vous choisissez de confier : ce sont des données sensibles (RGPD, article 9).',
      basis: (
        <>
          Mission d’entraide confiée à l’Ordre (code de la santé publique, article L. 4121-2 ; code de déontologie, article 56) : RGPD,
          article 6-1-e, et pour les données sensibles, article 9-2-g (motif d’intérêt public important) et article 9-2-h (prise en charge
          sociale).
        </>
      ),
      who: 'Les seuls membres de la commission départementale d’entraide (CDE) de votre département connaissent votre identité. Les statistiques nationales ne comptent que des dossiers anonymes.',
      retention: (
        <>
          Un dossier clos est supprimé, avec tout ce qui s’y rattache, {r.entraideMonths} mois après sa clôture (durée fixée par
          l’Ordre).
        </>
      ),
    },
    {
      id: 'dpc',
      title: 'Vigilance sur la formation (DPC)',
      what: 'Le catalogue des organismes et des actions de développement professionnel continu : noms, contacts des organismes, programmes.',
      basis: 'Mission de service public de l’Ordre, en lien avec l’ANDPC et la MIVILUDES (RGPD, article 6-1-e).',
      who: 'Les agents de l’Ordre chargés de la vigilance.',
      retention:
        'Le temps de la vigilance sur ces actions. Vigie ne recueille pas encore de signalement de dérive : adressez-les à l’ANDPC ou à la MIVILUDES.',
    },
    {
      id: 'comptes',
      title: 'Comptes et sécurité',
      what:
        'Pour les personnes qui ont un compte : nom, adresse électronique, rôle, mot de passe (sous une forme qui ne permet pas de le retrouver), second facteur, sessions ; et le journal d’audit des actions.',
      basis: 'Sécurité du service et traçabilité des accès aux données (RGPD, articles 6-1-e et 32).',
      who: 'Les administrateurs de Vigie.',
      retention: (
        <>
          Une session prend fin après {r.sessionIdleMinutes} minutes d’inactivité et au plus tard après {r.sessionAbsoluteHours} heures.
          Le journal d’audit est conservé pour prouver qui a fait quoi ; il ne contient aucun contenu de dossier d’entraide.
        </>
      ),
    },
  ];
}

/** « Données personnelles »: what is processed, on what legal basis, for how long, and the rights. */
export function PersonalDataPage() {
  return (
    <Page title="Données personnelles">
      <SiteInfoGate>
        {(site) => (
          <>
            <p className="lead">
              Le responsable des traitements est le {site.publisher}, {site.publisherAddress}. Vigie ne vend, ne loue et ne cède aucune
              donnée, n’affiche aucune publicité et ne dépose aucun cookie de mesure d’audience : seuls des cookies nécessaires à la
              connexion et à la sécurité sont utilisés.
            </p>
            {processings(site).map((p) => (
              <section key={p.id} aria-labelledby={`traitement-${p.id}`}>
                <h2 id={`traitement-${p.id}`}>{p.title}</h2>
                <dl className="legal-facts">
                  <dt>Données traitées</dt>
                  <dd>{p.what}</dd>
                  <dt>Base légale</dt>
                  <dd>{p.basis}</dd>
                  <dt>Qui y a accès</dt>
                  <dd>{p.who}</dd>
                  <dt>Durée de conservation</dt>
                  <dd>{p.retention}</dd>
                </dl>
              </section>
            ))}
            <h2>Vos droits</h2>
            <p>
              Vous pouvez demander l’accès à vos données, leur rectification, leur effacement ou la limitation de leur traitement, et vous
              opposer à un traitement (RGPD, articles 15 à 21). Un médecin corrige ses coordonnées depuis{' '}
              <Link to="/mes-coordonnees">Mes coordonnées</Link> ou auprès de son conseil départemental.
            </p>
            <h2>Délégué à la protection des données</h2>
            <p>
              Écrivez au délégué à la protection des données de l’Ordre : <MailLink address={site.dpoContact} />. Si la réponse ne vous
              satisfait pas, vous pouvez saisir la CNIL (<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>).
            </p>
          </>
        )}
      </SiteInfoGate>
    </Page>
  );
}
