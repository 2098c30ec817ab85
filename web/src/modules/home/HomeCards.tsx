import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A card whose title is a link to a screen of Vigie. */
export function LinkCard({ to, title, children }: { to: string; title: string; children: ReactNode }) {
  return (
    <li className="card card--link">
      <h2>
        <Link to={to}>{title}</Link>
      </h2>
      {children}
    </li>
  );
}

export function CheckCard() {
  return (
    <LinkCard to="/verifier" title="Vérifier un message suspect">
      <p>Un SMS, un courriel, un appel, un lien ou un numéro vous semble suspect ? Vigie vous dit si c'est une arnaque.</p>
    </LinkCard>
  );
}

/** For the homes without cards about fraud. */
export function CheckLink() {
  return (
    <p>
      <Link to="/verifier">Vérifier un message suspect</Link>
    </p>
  );
}

export function AccountCard() {
  return (
    <LinkCard to="/compte" title="Mon compte et la double authentification">
      <p>Consultez vos informations, changez votre mot de passe et gérez la double authentification.</p>
    </LinkCard>
  );
}
