import { Link, useSearchParams } from 'react-router';
import { isDepartementCode } from '../../../../contracts/departements.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { Loading, Page } from '../../components/Page.js';
import { SelectField } from '../../components/fields.js';
import { EmergencyNotice, HelplineCards } from '../../components/entraide/Helplines.js';
import { useHelplines } from '../../components/entraide/helplines.api.js';
import { hasPermission, useSession } from '../../lib/session.js';

const ID = 'entraide';

/** « Je suis médecin »: straight to the form when logged in as a doctor, else through the login. */
function DoctorChoice() {
  const { data: session } = useSession();
  if (hasPermission(session, 'entraide:request')) {
    return (
      <Link className="button" to="/entraide/demande">
        Faire ma demande
      </Link>
    );
  }
  if (session?.state === 'active') {
    return <p>Votre compte n'est pas un compte médecin : un proche peut demander pour vous, ou appelez l'une des lignes ci-dessus.</p>;
  }
  return (
    <>
      <Link className="button" to="/connexion" state={{ from: { pathname: '/entraide/demande', search: '' } }}>
        Me connecter pour faire ma demande
      </Link>
      <p className="hint">Sans compte Vigie, appelez l'une des lignes ci-dessus ou votre conseil départemental.</p>
    </>
  );
}

/**
 * The entraide ordinale, public (docs/entraide.md « Requests »): the emergency numbers first, then the
 * helplines of the chosen département, then the ways to ask the commission for help.
 */
export function EntraidePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('departement') ?? '';
  const departement = isDepartementCode(requested) ? requested : null;
  const helplines = useHelplines(departement);
  const { data: session } = useSession();

  function choose(code: string) {
    setSearchParams(code ? { departement: code } : {}, { replace: true });
  }

  return (
    <Page title="Entraide ordinale">
      <EmergencyNotice emergency={helplines.data?.emergency} />
      <p className="lead">
        L'Ordre accompagne les médecins, leurs familles et les docteurs juniors en difficulté, quelle qu'elle soit :
        sociale, professionnelle, personnelle, de santé ou financière.
      </p>

      <section className="section" aria-labelledby={`${ID}-lignes`}>
        <h2 id={`${ID}-lignes`}>Parler à quelqu'un maintenant</h2>
        <div className="form">
          <SelectField idPrefix={ID} name="departement" label="Votre département" value={departement ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
            <option value="">Lignes nationales</option>
            <DepartementOptions />
          </SelectField>
        </div>
        <div aria-live="polite">
          {helplines.isPending ? (
            <Loading label="Chargement des lignes d'écoute…" />
          ) : helplines.data ? (
            departement && helplines.data.nationalDefault ? (
              <p>Ce département n'a pas de ligne propre : voici les lignes nationales, ouvertes à tous.</p>
            ) : null
          ) : (
            <p>La liste de ce département n'a pas pu être chargée : voici les lignes nationales.</p>
          )}
        </div>
        {helplines.isPending ? null : <HelplineCards helplines={helplines.data?.helplines} />}
      </section>

      <section className="section" aria-labelledby={`${ID}-demander`}>
        <h2 id={`${ID}-demander`}>Demander de l'aide</h2>
        <p>
          <strong>Votre demande est confidentielle.</strong> L'identité du médecin n'est connue que des membres de la
          commission départementale d'entraide, médecins élus du conseil. Personne d'autre ne la voit : ni les agents ni
          les administrateurs, qui ne connaissent qu'une référence.
        </p>
        <ul className="cards">
          <li className="card">
            <h3>Je suis médecin</h3>
            <p>Je demande de l'aide pour moi, depuis mon espace.</p>
            <DoctorChoice />
          </li>
          <li className="card">
            <h3>Je demande pour un proche médecin</h3>
            <p>Pour un médecin, un docteur junior ou sa famille, sans compte.</p>
            <Link className="button button--secondary" to="/entraide/proche">
              Faire une demande pour un proche
            </Link>
          </li>
        </ul>
        {hasPermission(session, 'entraide:record') ? (
          <p>
            <Link to="/entraide/enregistrer">Enregistrer une demande reçue par téléphone</Link>
          </p>
        ) : null}
      </section>
    </Page>
  );
}
