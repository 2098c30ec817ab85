import { Navigate } from 'react-router';
import { Loading } from '../components/Page.js';
import { useSession } from '../lib/session.js';
import { HomePage } from '../modules/home/HomePage.js';
import { PublicHome } from './PublicHome.js';

/** « / »: the public check and alerts for a visitor, the role's home for an active session. */
export function HomeRoute() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  switch (session.data?.state) {
    case 'active':
      return <HomePage />;
    case 'pending_second_factor':
      return <Navigate to="/connexion" replace />;
    case 'pending_enrollment':
      return <Navigate to="/compte" replace />;
    case 'anonymous':
    case undefined:
      // Without an account, or when the session could not be read: the public page works without one.
      return <PublicHome />;
  }
}
