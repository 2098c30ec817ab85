import { NavLink } from 'react-router';
import { hasPermission, useSession } from '../../lib/session.js';

/** The registry's own screens, under the page title. */
export function RegistryNav() {
  const { data: session } = useSession();
  const links = [
    { to: '/tableau', label: 'Rechercher un médecin', permission: 'registry:read' },
    { to: '/tableau/demandes', label: 'Demandes de modification', permission: 'registry:read' },
    { to: '/tableau/inscription', label: 'Nouvelle inscription', permission: 'change_request:create' },
    { to: '/tableau/export', label: 'Exporter', permission: 'registry:export' },
    { to: '/tableau/securite', label: 'Sécurité', permission: 'registry:security' },
  ] as const;
  return (
    <nav className="sub-nav" aria-label="Tableau de l'Ordre">
      <ul>
        {links
          .filter((link) => hasPermission(session, link.permission))
          .map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end>
                {link.label}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
