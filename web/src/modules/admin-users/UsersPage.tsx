import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { Page, Loading } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { FormError } from '../../components/FormError.js';
import { Pagination } from '../../components/Pagination.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { useUsers } from './admin-users.api.js';
import type { UserFilters } from './admin-users.api.js';
import { UserFiltersForm } from './UserFiltersForm.js';
import { UsersTable } from './UsersTable.js';
import { UserCreateForm } from './UserCreateForm.js';
import { UserEditDialog } from './UserEditDialog.js';
import { SecondFactorResetDialog } from './SecondFactorResetDialog.js';

const TABLE_ID = 'utilisateurs-tableau';
const CREATE_ID = 'creer-un-compte';

function readFilters(params: URLSearchParams): UserFilters {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    role: params.get('role') ?? '',
    departement: params.get('departement') ?? '',
    status: params.get('status') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function searchOf(filters: UserFilters): string {
  return toQueryString({ ...filters, page: filters.page > 1 ? filters.page : undefined });
}

export function UsersPage() {
  const { data: session } = useSession();
  const canManage = hasPermission(session, 'users:manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const users = useUsers(filters);
  useFocusOnChange(filters.page, TABLE_ID);
  const [editing, setEditing] = useState<TUserView | null>(null);
  const [resetting, setResetting] = useState<TUserView | null>(null);
  const [message, setMessage] = useState('');

  const data = users.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const caption = data
    ? `Utilisateurs : ${data.total} résultat${data.total > 1 ? 's' : ''}, page ${data.page} sur ${pageCount}`
    : 'Utilisateurs';

  return (
    <Page title="Utilisateurs" heading="Gestion des utilisateurs">
      <div aria-live="polite">
        {message ? (
          <Notice tone="success">
            <p>{message}</p>
          </Notice>
        ) : null}
      </div>
      {canManage ? (
        <p>
          <a href={`#${CREATE_ID}`}>Aller au formulaire de création de compte</a>
        </p>
      ) : null}
      <UserFiltersForm
        filters={filters}
        onApply={(next) => setSearchParams(searchOf(next))}
      />
      {users.isPending ? <Loading /> : null}
      {users.isError ? <FormError errors={toFormErrors(users.error)} idPrefix="utilisateurs" /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucun utilisateur ne correspond à ces critères.</p> : null}
      {data && data.items.length > 0 ? (
        <UsersTable
          id={TABLE_ID}
          users={data.items}
          caption={caption}
          canManage={canManage}
          onEdit={(user) => {
            setMessage('');
            setEditing(user);
          }}
          onResetSecondFactor={(user) => {
            setMessage('');
            setResetting(user);
          }}
        />
      ) : null}
      <Pagination
        page={filters.page}
        pageCount={pageCount}
        hrefFor={(page) => `/admin/utilisateurs${searchOf({ ...filters, page })}`}
        label="Pages de la liste des utilisateurs"
      />
      {canManage ? <UserCreateForm id={CREATE_ID} /> : null}
      {editing ? (
        <UserEditDialog
          user={editing}
          onSaved={(user) => setMessage(`Le compte de ${user.displayName} a été modifié.`)}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {resetting ? (
        <SecondFactorResetDialog
          user={resetting}
          onDone={(user) => setMessage(`La double authentification de ${user.displayName} a été réinitialisée.`)}
          onClose={() => setResetting(null)}
        />
      ) : null}
    </Page>
  );
}
