import type { TAccountView } from '../../../../contracts/account.schemas.js';
import { ROLE_LABELS, ROLES } from '../../../../contracts/roles.js';
import type { Role } from '../../../../contracts/roles.js';
import { departementLabel, formatDateTime } from '../../lib/format.js';
import { Detail, Details } from '../../components/Details.js';

function roleLabel(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

export function AccountDetails({ account }: { account: TAccountView }) {
  return (
    <section className="section" aria-labelledby="compte-informations">
      <h2 id="compte-informations">Mes informations</h2>
      <Details>
        <Detail label="Nom affiché">{account.displayName}</Detail>
        <Detail label="Adresse électronique">{account.email}</Detail>
        <Detail label="Rôle">{roleLabel(account.role)}</Detail>
        <Detail label="Département">{departementLabel(account.departement)}</Detail>
        <Detail label="Dernière connexion">{formatDateTime(account.lastLoginAt)}</Detail>
        <Detail label="Compte créé le">{formatDateTime(account.createdAt)}</Detail>
      </Details>
      <p className="hint">Pour modifier ces informations, adressez-vous à votre conseil départemental.</p>
    </section>
  );
}
