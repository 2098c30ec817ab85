import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { DOCTOR_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';
import { Detail, Details } from '../Details.js';

function orDash(value: string | null): string {
  return value ? value : '—';
}

function ContactList({ contact, id, title }: { contact: TDoctorRecord['corr']; id: string; title: string }) {
  const place = [contact.postalCode, contact.city].filter(Boolean).join(' ');
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Details>
        <Detail label="Adresse">
          {orDash(contact.address)}
          {place ? (
            <>
              <br />
              {place}
            </>
          ) : null}
        </Detail>
        <Detail label="Adresse électronique">{orDash(contact.email)}</Detail>
        <Detail label="Téléphone">{orDash(contact.phone)}</Detail>
      </Details>
    </section>
  );
}

/** Identity, status and both sets of contact details of a record. */
export function DoctorDetails({ doctor }: { doctor: TDoctorRecord }) {
  return (
    <>
      <section className="section" aria-labelledby="fiche-identite">
        <h2 id="fiche-identite">Identité et inscription</h2>
        <Details>
          <Detail label="Numéro RPPS">{doctor.rpps}</Detail>
          <Detail label="Nom de naissance">{doctor.birthName}</Detail>
          {doctor.usageName ? <Detail label="Nom d'usage">{doctor.usageName}</Detail> : null}
          <Detail label="Prénoms">{doctor.firstNames}</Detail>
          <Detail label="Date de naissance">{doctor.birthDate ? doctor.birthDate.split('-').reverse().join('/') : 'Non renseignée'}</Detail>
          <Detail label="Spécialité">{orDash(doctor.specialty)}</Detail>
          <Detail label="Département d'inscription">{doctor.departement}</Detail>
          <Detail label="Statut">{DOCTOR_STATUS_LABELS[doctor.status]}</Detail>
          <Detail label="Compte Vigie">{doctor.hasAccount ? 'Activé' : 'Pas encore de compte'}</Detail>
        </Details>
      </section>
      <ContactList id="fiche-exercice" title="Coordonnées d'exercice" contact={doctor.pro} />
      <ContactList id="fiche-correspondance" title="Coordonnées de correspondance" contact={doctor.corr} />
    </>
  );
}
