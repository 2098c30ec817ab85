import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { DOCTOR_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';

function orDash(value: string | null): string {
  return value ? value : '—';
}

function ContactList({ contact, id, title }: { contact: TDoctorRecord['corr']; id: string; title: string }) {
  const place = [contact.postalCode, contact.city].filter(Boolean).join(' ');
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <dl className="details">
        <div>
          <dt>Adresse</dt>
          <dd>
            {orDash(contact.address)}
            {place ? (
              <>
                <br />
                {place}
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Adresse électronique</dt>
          <dd>{orDash(contact.email)}</dd>
        </div>
        <div>
          <dt>Téléphone</dt>
          <dd>{orDash(contact.phone)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Identity, status and both sets of contact details of a record. */
export function DoctorDetails({ doctor }: { doctor: TDoctorRecord }) {
  return (
    <>
      <section className="section" aria-labelledby="fiche-identite">
        <h2 id="fiche-identite">Identité et inscription</h2>
        <dl className="details">
          <div>
            <dt>Numéro RPPS</dt>
            <dd>{doctor.rpps}</dd>
          </div>
          <div>
            <dt>Nom de naissance</dt>
            <dd>{doctor.birthName}</dd>
          </div>
          {doctor.usageName ? (
            <div>
              <dt>Nom d'usage</dt>
              <dd>{doctor.usageName}</dd>
            </div>
          ) : null}
          <div>
            <dt>Prénoms</dt>
            <dd>{doctor.firstNames}</dd>
          </div>
          <div>
            <dt>Date de naissance</dt>
            <dd>{doctor.birthDate ? doctor.birthDate.split('-').reverse().join('/') : 'Non renseignée'}</dd>
          </div>
          <div>
            <dt>Spécialité</dt>
            <dd>{orDash(doctor.specialty)}</dd>
          </div>
          <div>
            <dt>Département d'inscription</dt>
            <dd>{doctor.departement}</dd>
          </div>
          <div>
            <dt>Statut</dt>
            <dd>{DOCTOR_STATUS_LABELS[doctor.status]}</dd>
          </div>
          <div>
            <dt>Compte Vigie</dt>
            <dd>{doctor.hasAccount ? 'Activé' : 'Pas encore de compte'}</dd>
          </div>
        </dl>
      </section>
      <ContactList id="fiche-exercice" title="Coordonnées d'exercice" contact={doctor.pro} />
      <ContactList id="fiche-correspondance" title="Coordonnées de correspondance" contact={doctor.corr} />
    </>
  );
}
