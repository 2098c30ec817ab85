import { useSession } from '../../lib/session.js';
import { Loading } from '../../components/Page.js';
import { MedecinHome } from './MedecinHome.js';
import { AgentHome } from './AgentHome.js';
import { EntraideHome } from './EntraideHome.js';
import { AdminHome } from './AdminHome.js';
import { ReviewerHome } from './ReviewerHome.js';

/** The home screen of an active session, one per role. */
export function HomePage() {
  const { data: session } = useSession();
  const user = session?.user;
  if (!user) return <Loading />;
  switch (user.role) {
    case 'medecin':
      return <MedecinHome user={user} />;
    case 'agent':
      return <AgentHome user={user} />;
    case 'membre_cde':
    case 'membre_cne':
      return <EntraideHome user={user} />;
    case 'relecteur_dpc':
      return <ReviewerHome user={user} />;
    case 'admin':
      return <AdminHome />;
  }
}
