import type { TAccountView } from '../../../../contracts/account.schemas.js';
import { ROLE_LABELS, ROLES } from '../../../../contracts/roles.js';
import type { Role } from '../../../../contracts/roles.js';
import { departementLabel, formatDateTime } from '../../lib/format.js';

function roleLabel(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

export function AccountDetails({ account }: { account: TAccountView }) {
  return (
    <section className="section" aria-labelledby="compte-informations">
      <h2 id="compte-informations">Mes informations</h2>
      <dl className="details">
        <div>
          <dt>Nom affiché</dt>
          <dd>{account.displayName}</dd>
        </div>
        <div>
          <dt>Adresse électronique</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>Rôle</dt>
          <dd>{roleLabel(account.role)}</dd>
        </div>
        <div>
          <dt>Département</dt>
          <dd>{departementLabel(account.departement)}</dd>
        </div>
        <div>
          <dt>Dernière connexion</dt>
          <dd>{formatDateTime(account.lastLoginAt)}</dd>
        </div>
        <div>
          <dt>Compte créé le</dt>
          <dd>{formatDateTime(account.createdAt)}</dd>
        </div>
      </dl>
      <p className="hint">Pour modifier ces informations, adressez-vous à votre conseil départemental.</p>
    </section>
  );
}
