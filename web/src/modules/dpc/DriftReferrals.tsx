import type { TDpcVigilance } from '../../../../contracts/dpc.schemas.js';

/** What to do, and where to refer a family, a patient or a training (seed 004). */
export function DriftReferrals({ referrals }: { referrals: TDpcVigilance['referrals'] }) {
  return (
    <section className="section" aria-labelledby="que-faire">
      <h2 id="que-faire">Que faire, et vers qui orienter ?</h2>
      <ul>
        <li>
          <strong>Vous repérez une formation de ce type</strong> (un programme, une brochure, une session à laquelle vous avez assisté) : écrivez
          à l’Agence nationale du DPC, en joignant le programme et ce que vous avez constaté.
        </li>
        <li>
          <strong>Un patient ou ses proches vous parlent d’une pratique ou d’un groupe inquiétant</strong> : orientez-les vers la MIVILUDES, qui
          conseille aussi les professionnels de santé.
        </li>
        <li>
          <strong>Une personne est en danger immédiat</strong> : appelez le <a href="tel:17">17</a> (police secours) ou le{' '}
          <a href="tel:112">112</a> (numéro d’urgence européen).
        </li>
      </ul>
      <h3>Les adresses</h3>
      <ul>
        {referrals.map((referral) => (
          <li key={referral.email}>
            <p>
              <strong>{referral.body}</strong> — {referral.what}.
            </p>
            <ul>
              <li>
                Site : <a className="break" href={referral.url}>{referral.url}</a>
              </li>
              <li>
                Courriel : <a className="break" href={`mailto:${referral.email}`}>{referral.email}</a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
