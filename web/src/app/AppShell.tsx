import { Suspense, useEffect, useRef, useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS } from '../../../contracts/roles.js';
import { hasPermission, useSession } from '../lib/session.js';
import { useLogout } from '../modules/auth/auth.api.js';
import { Loading } from '../components/Page.js';
import { SERVICE_NAME, SERVICE_TAGLINE } from '../../../contracts/site.schemas.js';
import { ACCOUNT_MENU, ANONYMOUS_MENU, visibleEntries, type MenuEntry } from './main-menu.js';

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

/**
 * The main navigation. On a phone it folds behind a « Menu » button (aria-expanded), and folds again
 * after each navigation; from 40rem wide it is always shown and the button is hidden.
 */
function NavFrame({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  // Opened for one page: a navigation folds it again, with no effect to run.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <nav className="main-nav" aria-label="Navigation principale" data-open={open ? 'true' : 'false'}>
      <button type="button" className="main-nav__toggle" aria-expanded={open} aria-controls="menu-principal" onClick={() => setOpenOn(open ? null : pathname)}>
        <span aria-hidden="true">☰</span> Menu
      </button>
      <ul id="menu-principal">{children}</ul>
    </nav>
  );
}

/** The menu's entries as links; the current page's link is marked by NavLink (aria-current). */
function MenuLinks({ entries }: { entries: readonly MenuEntry[] }) {
  return entries.map((entry) => (
    <li key={entry.to}>
      <NavLink to={entry.to} end={entry.end}>
        {entry.label}
      </NavLink>
    </li>
  ));
}

function MainNav() {
  const { data: session } = useSession();
  if (session?.state !== 'anonymous' && session?.state !== 'active') return null;
  const entries = session.state === 'anonymous' ? ANONYMOUS_MENU : visibleEntries(ACCOUNT_MENU, (permission) => hasPermission(session, permission));
  return (
    <NavFrame>
      <MenuLinks entries={entries} />
    </NavFrame>
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
            <Link to="/">
              <span className="site-header__org">Ordre des médecins</span>
              <span className="site-header__service">
                {SERVICE_NAME} <span className="site-header__tagline">— {SERVICE_TAGLINE}</span>
              </span>
            </Link>
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
          <p>
            {SERVICE_NAME} est un service de l'Ordre des médecins.{' '}
            <Link to="/messages-authentiques">Reconnaître un message authentique de l'Ordre</Link>
          </p>
          <p>
            <Link to="/entraide">Entraide ordinale : médecin en difficulté, demandez de l'aide</Link>
          </p>
          <p>
            <Link to="/vigilance-dpc">Dérives thérapeutiques et sectaires dans la formation</Link>
          </p>
          <p>
            Ne communiquez jamais vos identifiants, ni par téléphone ni par courriel : l'Ordre ne vous les
            demandera jamais.
          </p>
          <nav aria-label="Informations sur le site">
            <ul className="site-footer__links">
              <li>
                <Link to="/mentions-legales">Mentions légales</Link>
              </li>
              <li>
                <Link to="/donnees-personnelles">Données personnelles</Link>
              </li>
              <li>
                <Link to="/accessibilite">Accessibilité : partiellement conforme</Link>
              </li>
              <li>
                <Link to="/contact">Contact</Link>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
