import { Link } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { useDriftVigilance } from './dpc.api.js';
import { DriftFamilySection, familyAnchor } from './DriftFamilySection.js';
import { DriftReferrals } from './DriftReferrals.js';

/**
 * The awareness page (issue 12, the first axis of the ANDPC–MIVILUDES convention), for council staff and
 * doctors: every family of drift markers as the screening reads them, their sources, and where to refer.
 * Its content comes from the lexicon itself, through the API, so it says what the screening does.
 */
export function DriftVigilancePage() {
  const vigilance = useDriftVigilance();
  const data = vigilance.data;

  return (
    <Page title="Dérives thérapeutiques et sectaires dans la formation">
      <p className="lead">
        Certains organismes cherchent la caution scientifique du développement professionnel continu (DPC) pour enseigner des pratiques non
        validées. L’Agence nationale du DPC et la MIVILUDES (Mission interministérielle de vigilance et de lutte contre les dérives sectaires)
        ont convenu d’échanger leurs informations sur les formations sans contenu scientifique et les situations à risque.
      </p>
      <p>
        Cette page, destinée aux personnels des conseils de l’Ordre et aux médecins, décrit les signes d’alerte à connaître, famille par
        famille, avec leurs sources, et dit vers qui orienter une famille, un patient ou un signalement.
      </p>
      <p>
        <Link className="button" to="/vigilance-dpc/signaler">
          Signaler une formation ou une pratique
        </Link>{' '}
        <span className="hint">Médecin, participant à une formation ou proche d’un patient : votre identité n’est jamais transmise à l’organisme signalé.</span>
      </p>
      {vigilance.isPending ? <Loading /> : null}
      {vigilance.isError ? <Notice tone="danger">Le contenu de la page n’a pas pu être chargé. Réessayez dans un instant.</Notice> : null}
      {data ? (
        <>
          <nav aria-labelledby="sommaire">
            <h2 id="sommaire">Sur cette page</h2>
            <ol>
              {data.families.map((family) => (
                <li key={family.id}>
                  <a href={`#${familyAnchor(family.id)}`}>{family.label}</a>
                </li>
              ))}
              <li>
                <a href="#que-faire">Que faire, et vers qui orienter ?</a>
              </li>
            </ol>
          </nav>
          {data.families.map((family) => (
            <DriftFamilySection key={family.id} family={family} />
          ))}
          <DriftReferrals referrals={data.referrals} />
          <section className="section" aria-labelledby="meme-lexique">
            <h2 id="meme-lexique">Le même lexique examine le catalogue du DPC</h2>
            <p>
              Vigie recherche exactement ces signes dans les programmes des actions de DPC de son catalogue et dans les signalements : cette page
              est produite à partir du lexique qu’utilise cet examen (version <strong>{data.lexiconVersion}</strong>). Un signe isolé ne prouve
              rien ; une formation repérée est relue par une personne avant toute suite.
            </p>
          </section>
        </>
      ) : null}
    </Page>
  );
}
