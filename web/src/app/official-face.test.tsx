import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../test/render.js';
import { AppShell } from './AppShell.js';
import { HomeRoute } from './HomeRoute.js';

const ANONYMOUS = { body: { state: 'anonymous', csrfToken: 'csrf', user: null, permissions: [] } };

describe('the official face', () => {
  it('shows the Ordre and the service in the header, and the four links in the footer', async () => {
    stubFetch({ 'GET /api/session': ANONYMOUS });
    renderWithApp(
      <Routes>
        <Route element={<AppShell />}>
          <Route path="/contact" element={<p>contenu</p>} />
        </Route>
      </Routes>,
      { path: '/contact' },
    );
    const header = screen.getByRole('banner');
    expect((within(header).getByRole('link', { name: /Ordre des médecins\s*Vigie/ })).getAttribute('href')).toBe('/');
    const footer = within(screen.getByRole('contentinfo')).getByRole('navigation', { name: 'Informations sur le site' });
    const links = within(footer).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Mentions légales', '/mentions-legales'],
      ['Données personnelles', '/donnees-personnelles'],
      ['Accessibilité : partiellement conforme', '/accessibilite'],
      ['Contact', '/contact'],
    ]);
    expect((within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Reconnaître un message authentique de l\'Ordre' })).getAttribute('href')).toBe('/messages-authentiques');
    expect((await within(header).findByRole('link', { name: 'Se connecter' })).getAttribute('href')).toBe('/connexion');
  });

  it('opens on the public check and the current alerts for a visitor, not on a login form', async () => {
    stubFetch({
      'GET /api/session': ANONYMOUS,
      'GET /api/alerts/public': {
        body: { items: [{ id: 'a1', title: 'Faux appels de « certification périodique »', publishedAt: '2026-12-01T09:00:00Z', situation: 's', whatToDo: 'w', whatNotToDo: '' }] },
      },
    });
    renderWithApp(<HomeRoute />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Un message vous semble suspect ?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vérifier' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'Faux appels de « certification périodique »' })).getAttribute('href')).toBe('/alertes#alerte-a1');
    expect(screen.queryByLabelText(/mot de passe/i)).toBeNull();
  });
});
