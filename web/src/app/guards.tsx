import { Navigate, Outlet, useLocation } from 'react-router';
import type { Location } from 'react-router';
import type { SessionState } from '../../../contracts/auth.schemas.js';
import type { Permission } from '../../../contracts/permissions.js';
import { hasPermission, useSession } from '../lib/session.js';
import { Loading, Page } from '../components/Page.js';
import { FormError } from '../components/FormError.js';
import { toFormErrors } from '../lib/form-errors.js';

/** Where each session state belongs when it reaches a screen it may not see. */
function homeOf(state: SessionState): string {
  switch (state) {
    case 'anonymous':
    case 'pending_second_factor':
      return '/connexion';
    case 'pending_enrollment':
      return '/compte';
    case 'active':
      return '/';
  }
}

interface FromState {
  from?: Pick<Location, 'pathname' | 'search'>;
}

/** Renders the child routes only for the allowed session states; redirects the others. */
export function RequireSession({ allow }: { allow: readonly SessionState[] }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <Loading />;
  // A failed background refetch keeps the last known session; only a first failure blocks the screen.
  if (!session.data) {
    return (
      <Page title="Service indisponible">
        <FormError errors={toFormErrors(session.error)} idPrefix="session" />
        <button type="button" className="button" onClick={() => void session.refetch()}>
          Réessayer
        </button>
      </Page>
    );
  }

  const { state } = session.data;
  if (allow.includes(state)) return <Outlet />;

  if (state === 'anonymous') {
    const from = { pathname: location.pathname, search: location.search };
    return <Navigate to="/connexion" replace state={{ from } satisfies FromState} />;
  }
  if (state === 'active') {
    const from = (location.state as FromState | null)?.from;
    return <Navigate to={from ? `${from.pathname}${from.search}` : '/'} replace />;
  }
  return <Navigate to={homeOf(state)} replace />;
}

/** Renders the child routes only when the session holds the permission. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const session = useSession();
  if (hasPermission(session.data, permission)) return <Outlet />;
  return (
    <Page title="Accès refusé">
      <p>Vous n'avez pas l'autorisation de consulter cette page.</p>
    </Page>
  );
}

/** Lets through a session holding any of the permissions (a page two roles share, each seeing its part). */
export function RequireAnyPermission({ permissions }: { permissions: readonly Permission[] }) {
  const session = useSession();
  if (permissions.some((permission) => hasPermission(session.data, permission))) return <Outlet />;
  return (
    <Page title="Accès refusé">
      <p>Vous n'avez pas l'autorisation de consulter cette page.</p>
    </Page>
  );
}
