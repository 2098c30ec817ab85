import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { departementLabel, formatShortDateTime } from '../../lib/format.js';
import { STATUS_LABELS, roleLabel } from './options.js';

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
      <table className="table">
        <caption id="utilisateurs-legende">
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Rôle</th>
            <th scope="col">Département</th>
            <th scope="col">Statut</th>
            <th scope="col">Double authentification</th>
            <th scope="col">Dernière connexion</th>
            {canManage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.displayName}</th>
              <td>{user.email}</td>
              <td>{roleLabel(user.role)}</td>
              <td>{departementLabel(user.departement)}</td>
              <td>
                <span className={`badge ${user.status === 'active' ? 'badge--success' : 'badge--muted'}`}>
                  {STATUS_LABELS[user.status]}
                </span>
              </td>
              <td>{user.secondFactorEnabled ? 'Activée' : 'Non activée'}</td>
              <td>{formatShortDateTime(user.lastLoginAt, 'Jamais')}</td>
              {canManage ? (
                <td>
                  <div className="table-actions">
                    <button type="button" className="button button--small" onClick={() => onEdit(user)}>
                      Modifier<span className="visually-hidden"> {user.displayName}</span>
                    </button>
                    {user.secondFactorEnabled && user.role !== 'medecin' ? (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => onResetSecondFactor(user)}
                      >
                        Réinitialiser la double authentification
                        <span className="visually-hidden"> de {user.displayName}</span>
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
