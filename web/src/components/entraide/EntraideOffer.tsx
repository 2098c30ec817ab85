import { Link } from 'react-router';
import type { ReportConsequence } from '../../../../contracts/reports.guidance.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { ENTRAIDE_FINANCIAL_REQUEST_PATH, ENTRAIDE_PUBLIC_PATH, offersEntraide } from './entraide-offer.js';
import { HelplineCards } from './Helplines.js';
import { useHelplines } from './helplines.api.js';

/**
 * The bridge from a fraud report to the entraide ordinale (docs/entraide.md « Bridge from fraud »): after a
 * financial loss or an identity theft, a calm offer with the helplines and the way to ask for help. Nothing
 * is sent or opened on the reporter's behalf: asking stays their choice.
 */
export function EntraideOffer({ consequences }: { consequences: readonly ReportConsequence[] }) {
  const { data: session } = useSession();
  const offered = offersEntraide(consequences);
  const departement = session?.state === 'active' ? (session.user?.departement ?? null) : null;
  // Once the session is known, so a doctor's département lines are asked for once, not the national ones first.
  const helplines = useHelplines(departement, { enabled: offered && session !== undefined });
  if (!offered) return null;
  const asDoctor = hasPermission(session, 'entraide:request');
  return (
    <section className="guidance" aria-labelledby="offre-entraide">
      <h2 id="offre-entraide">L'entraide ordinale peut vous aider</h2>
      <p>
        Une escroquerie peut laisser des difficultés financières ou beaucoup d'inquiétude. Vous n'êtes pas seul : la
        commission d'entraide de l'Ordre accompagne les médecins et leurs familles, en toute confidentialité.
      </p>
      <p>Vous pouvez parler dès maintenant à un professionnel :</p>
      <HelplineCards helplines={helplines.data?.helplines} />
      <p>
        <Link to={asDoctor ? ENTRAIDE_FINANCIAL_REQUEST_PATH : ENTRAIDE_PUBLIC_PATH}>Demander l'aide de l'entraide ordinale</Link>
      </p>
      <p className="hint">Rien n'est transmis à la commission sans votre demande.</p>
    </section>
  );
}
