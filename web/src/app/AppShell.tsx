import { Suspense, useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS } from '../../../contracts/roles.js';
import { hasPermission, useSession } from '../lib/session.js';
import { useLogout } from '../modules/auth/auth.api.js';
import { Loading } from '../components/Page.js';

/** Moves the focus to the new page's h1 after each navigation (not on the first load). */
function useFocusHeadingOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    // A staff page loads on demand and renders its heading a moment later: wait for it, briefly.
    let frames = 0;
    let handle = 0;
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>('#contenu h1');
      if (heading) heading.focus();
      else if (frames++ < 120) handle = requestAnimationFrame(focusHeading);
    };
    focusHeading();
    return () => cancelAnimationFrame(handle);
  }, [pathname]);
}

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('contenu');
  if (!main) return;
  event.preventDefault();
  main.focus();
}

function UserMenu() {
  const { data: session } = useSession();
  const logout = useLogout();
  if (!session || session.state === 'anonymous') return null;
  const user = session.user;
  return (
    <div className="user-menu">
      {user ? (
        <p className="user-menu__identity">
          <span className="user-menu__name">{user.displayName}</span>
          <span className="user-menu__role">{ROLE_LABELS[user.role]}</span>
        </p>
      ) : null}
      <button
        type="button"
        className="button button--on-dark"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        Se déconnecter
      </button>
      {logout.isError ? (
        <p className="user-menu__error" role="alert">
          {logout.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** Without an account: the public check and the way to log in. */
function AnonymousNav() {
  return (
    <nav className="main-nav" aria-label="Navigation principale">
      <ul>
        <li>
          <NavLink to="/verifier">Vérifier un message</NavLink>
        </li>
        <li>
          <NavLink to="/signaler">Signaler</NavLink>
        </li>
        <li>
          <NavLink to="/alertes">Alertes en cours</NavLink>
        </li>
        <li>
          <NavLink to="/connexion">Se connecter</NavLink>
        </li>
      </ul>
    </nav>
  );
}

function MainNav() {
  const { data: session } = useSession();
  if (session?.state === 'anonymous') return <AnonymousNav />;
  if (session?.state !== 'active') return null;
  return (
    <nav className="main-nav" aria-label="Navigation principale">
      <ul>
        <li>
          <NavLink to="/" end>
            Accueil
          </NavLink>
        </li>
        <li>
          <NavLink to="/verifier">Vérifier un message</NavLink>
        </li>
        {hasPermission(session, 'report:create') ? (
          <li>
            <NavLink to="/mes-signalements">Mes signalements</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'report:triage') ? (
          <li>
            <NavLink to="/signalements">Signalements</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'campaign:read') ? (
          <li>
            <NavLink to="/campagnes">Campagnes</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'alert:draft') ? (
          <li>
            <NavLink to="/alertes/gestion">Alertes</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'registry:read') ? (
          <li>
            <NavLink to="/tableau">Tableau</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'self_registry:read') ? (
          <li>
            <NavLink to="/mes-coordonnees">Mes coordonnées</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/compte">Mon compte</NavLink>
        </li>
        {hasPermission(session, 'users:read') ? (
          <li>
            <NavLink to="/admin/utilisateurs">Utilisateurs</NavLink>
          </li>
        ) : null}
        {hasPermission(session, 'audit:read') ? (
          <li>
            <NavLink to="/admin/journal">Journal d'audit</NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function AppShell() {
  useFocusHeadingOnNavigate();
  return (
    <>
      <header className="site-header">
        <a className="skip-link" href="#contenu" onClick={skipToContent}>
          Aller au contenu
        </a>
        <div className="container site-header__inner">
          <p className="site-header__brand">
            <Link to="/">Vigie — Ordre des médecins</Link>
          </p>
          <UserMenu />
        </div>
        <MainNav />
      </header>
      <main id="contenu" className="container" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Vigie est un service de l'Ordre des médecins.</p>
          <p>
            <Link to="/vigilance-dpc">Dérives thérapeutiques et sectaires dans la formation</Link>
          </p>
          <p>
            Ne communiquez jamais vos identifiants, ni par téléphone ni par courriel : l'Ordre ne vous les
            demandera jamais.
          </p>
        </div>
      </footer>
    </>
  );
}
