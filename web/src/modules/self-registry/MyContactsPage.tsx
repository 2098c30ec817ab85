import { useState } from 'react';
import { Link } from 'react-router';
import type { TOwnChangeRequest } from '../../../../contracts/registry.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { DoctorDetails } from '../../components/registry/DoctorDetails.js';
import { useOwnRecord } from './self-registry.api.js';
import type { OwnRecord, StepUpGrant } from './self-registry.api.js';
import { StepUpForm } from './StepUpForm.js';
import { SelfChangeForm } from './SelfChangeForm.js';
import { SelfVerifyForm } from './SelfVerifyForm.js';
import { OwnRequestsList } from './OwnRequestsList.js';

function ClosedWithout2fa() {
  return (
    <Notice tone="warning" title="Module fermé : activez d'abord la double authentification">
      <p>
        Pour lutter contre les usurpations d'identité, vos coordonnées ne peuvent être modifiées dans votre espace
        qu'avec la double authentification : ainsi, quelqu'un qui aurait obtenu votre mot de passe ne peut pas détourner
        votre courrier ni faire émettre une carte à votre nom.
      </p>
      <p>
        <Link to="/compte">Activer la double authentification dans « Mon compte »</Link>, puis revenez sur cette page.
      </p>
      <p>
        Sans double authentification, présentez-vous à votre conseil départemental avec votre passeport ou votre carte
        nationale d'identité : un agent enregistrera le changement après avoir vérifié votre identité.
      </p>
    </Notice>
  );
}

function FinalNotice({ request }: { request: TOwnChangeRequest }) {
  if (request.status === 'appliquee') {
    return (
      <Notice tone="success" title="Coordonnées modifiées" focus>
        <p>Vos nouvelles coordonnées sont enregistrées. Votre ancienne adresse a été prévenue.</p>
      </Notice>
    );
  }
  return (
    <Notice title="Demande enregistrée" focus>
      <p>
        Votre demande ({request.reference}) est en attente de vérification par votre conseil départemental. Vous serez
        prévenu dès qu'elle sera traitée.
      </p>
    </Notice>
  );
}

/** Steps: confirm the identity (2FA), type the new details, enter the codes sent to them; then the outcome. */
function ChangeSteps({ own }: { own: OwnRecord }) {
  // The step-up token lives in memory only: never in storage, gone with the page.
  const [grant, setGrant] = useState<StepUpGrant | null>(null);
  const [expired, setExpired] = useState(false);
  const [pending, setPending] = useState<TOwnChangeRequest | null>(null);
  const [done, setDone] = useState<TOwnChangeRequest | null>(null);

  function onRequest(request: TOwnChangeRequest) {
    setGrant(null);
    if (request.status === 'attente_codes') setPending(request);
    else {
      setPending(null);
      setDone(request);
    }
  }

  if (own.doctor.frozen) {
    return (
      <Notice tone="danger" title="Votre fiche est gelée">
        <p>Aucune modification n'est possible tant que votre conseil départemental n'a pas levé le gel. Contactez-le.</p>
      </Notice>
    );
  }
  if (!own.secondFactorEnabled) return <ClosedWithout2fa />;
  if (done) {
    return (
      <>
        <FinalNotice request={done} />
        <button type="button" className="button button--secondary" onClick={() => setDone(null)}>
          Faire une autre modification
        </button>
      </>
    );
  }
  if (pending) return <SelfVerifyForm request={pending} onVerified={onRequest} />;
  if (grant) {
    return (
      <SelfChangeForm
        doctor={own.doctor}
        grant={grant}
        onSaved={onRequest}
        onExpired={() => {
          setGrant(null);
          setExpired(true);
        }}
      />
    );
  }
  return (
    <StepUpForm
      expired={expired}
      onGranted={(next) => {
        setExpired(false);
        setGrant(next);
      }}
    />
  );
}

/** « Mes coordonnées »: the doctor's record and, behind 2FA, the change of correspondence details. */
export function MyContactsPage() {
  const own = useOwnRecord();
  const data = own.data;
  return (
    <Page title="Mes coordonnées">
      <p className="lead">Vos coordonnées au tableau de l'Ordre des médecins.</p>
      {own.isPending ? <Loading /> : null}
      {own.isError ? <FormError errors={toFormErrors(own.error)} idPrefix="mes-coordonnees" /> : null}
      {data ? (
        <>
          <DoctorDetails doctor={data.doctor} />
          <section className="section" aria-labelledby="modifier-titre">
            <h2 id="modifier-titre">Modifier mes coordonnées de correspondance</h2>
            <ChangeSteps own={data} />
            <p className="hint">
              Vos coordonnées d'exercice, un transfert ou une nouvelle inscription se traitent à votre conseil
              départemental, en personne, avec votre passeport ou votre carte nationale d'identité.
            </p>
          </section>
          <OwnRequestsList requests={data.requests} />
        </>
      ) : null}
    </Page>
  );
}
