import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { departementDisplayName } from '../../../../contracts/departement-names.js';
import { formatShortDateTime } from '../../lib/format.js';
import { AccountState } from './AccountState.js';
import { roleLabel } from './options.js';

/**
 * The accounts, five columns so that a 1280 px screen reads them without scrolling (name with address,
 * role with département, state, connection, actions); on a phone each row becomes a card (styles.css).
 */
export function UsersTable({ id, users, caption, canManage, onEdit, onResetSecondFactor }: {
  id: string;
  users: TUserView[];
  caption: string;
  canManage: boolean;
  onEdit: (user: TUserView) => void;
  onResetSecondFactor: (user: TUserView) => void;
}) {
  return (
    <div id={id} className="table-wrap" role="region" aria-labelledby="utilisateurs-legende" tabIndex={0}>
      <table className="table users-table">
        <caption id="utilisateurs-legende">
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Compte</th>
            <th scope="col">Rôle et département</th>
            <th scope="col">État</th>
            <th scope="col">Connexion</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                {user.displayName}
                <span className="users-table__sub break">{user.email}</span>
              </th>
              <td data-label="Rôle et département">
                {roleLabel(user.role)}
                <span className="users-table__sub">{user.departement ? departementDisplayName(user.departement) : 'National'}</span>
              </td>
              <td data-label="État">
                <AccountState user={user} />
              </td>
              <td data-label="Connexion">
                {user.lastLoginAt ? `Dernière : ${formatShortDateTime(user.lastLoginAt)}` : user.hasLoggedIn ? 'Déjà connecté' : 'Jamais connecté'}
                <span className="users-table__sub">
                  Double authentification {user.secondFactorEnabled ? 'activée' : 'non activée'}
                </span>
              </td>
              {canManage ? (
                <td data-label="Actions">
                  <div className="table-actions">
                    <button type="button" className="button button--small" onClick={() => onEdit(user)}>
                      {/* The space outside the hidden span: a name computed per element would drop it. */}
                      {'Modifier '}
                      <span className="visually-hidden">{user.displayName}</span>
                    </button>
                    {user.secondFactorEnabled && user.role !== 'medecin' ? (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => onResetSecondFactor(user)}
                      >
                        {'Réinitialiser la double authentification '}
                        <span className="visually-hidden">de {user.displayName}</span>
                      </button>
                    ) : null}
                    {user.secondFactorEnabled && user.role === 'medecin' ? (
                      <p className="hint">Double authentification : réinitialisation au guichet, depuis la fiche du tableau.</p>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
