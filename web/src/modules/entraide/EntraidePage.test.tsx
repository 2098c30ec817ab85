import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TSessionView } from '../../../../contracts/auth.schemas.js';
import { DEFAULT_HELPLINES, EMERGENCY_NUMBERS, type THelplines } from '../../../../contracts/entraide.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { EntraidePage } from './EntraidePage.js';

const ANONYMOUS: { body: TSessionView } = { body: { state: 'anonymous', csrfToken: 'csrf-test', user: null, permissions: [] } };
const emergency = EMERGENCY_NUMBERS.map((e) => ({ ...e }));
const NATIONAL: THelplines = { departement: null, nationalDefault: true, emergency, helplines: [...DEFAULT_HELPLINES] };
const LYON: THelplines = { departement: '69', nationalDefault: false, emergency, helplines: [{ name: 'Écoute Rhône', purpose: 'Médecins du Rhône', number: '04 72 00 00 00', hours: 'En semaine, de 9 h à 17 h' }] };

describe('« Entraide ordinale », the public page', () => {
  it('shows the emergency numbers first, then the national helplines as call links, and the two ways to ask', async () => {
    stubFetch({ 'GET /api/session': ANONYMOUS, 'GET /api/entraide/helplines': { body: NATIONAL } });
    renderWithApp(<EntraidePage />, { path: '/entraide' });

    await screen.findByRole('link', { name: 'Appeler STIMULUS au 09 80 80 03 07' });
    const calls = screen.getAllByRole('link', { name: /^Appeler/ });
    expect(calls.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Appeler le 15', 'tel:15'],
      ['Appeler le 3114', 'tel:3114'],
      ['0800 288 038', 'tel:0800288038'],
      ['09 80 80 03 07', 'tel:0980800307'],
    ]);
    expect(screen.getByText('Du lundi au vendredi, de 9 h à 19 h (appel gratuit)')).toBeTruthy();
    expect(screen.getByText(/L'identité du médecin n'est connue que des membres de la commission départementale d'entraide/)).toBeTruthy();
    const doctor = screen.getByRole('link', { name: 'Me connecter pour faire ma demande' });
    expect(doctor.getAttribute('href')).toBe('/connexion');
    expect(screen.getByRole('link', { name: 'Faire une demande pour un proche' }).getAttribute('href')).toBe('/entraide/proche');
  });

  it('shows the lines of the département chosen, and says when a département has none of its own', async () => {
    const sent = stubFetch({
      'GET /api/session': ANONYMOUS,
      'GET /api/entraide/helplines': { body: NATIONAL },
      'GET /api/entraide/helplines?departement=69': { body: LYON },
      'GET /api/entraide/helplines?departement=2A': { body: { ...NATIONAL, departement: '2A' } },
    });
    const user = userEvent.setup();
    renderWithApp(<EntraidePage />, { path: '/entraide' });
    await screen.findByRole('link', { name: 'Appeler SYNEXIAL au 0800 288 038' });

    await user.selectOptions(screen.getByLabelText('Votre département'), '69');
    expect((await screen.findByRole('link', { name: 'Appeler Écoute Rhône au 04 72 00 00 00' })).getAttribute('href')).toBe('tel:0472000000');
    expect(screen.queryByRole('link', { name: 'Appeler SYNEXIAL au 0800 288 038' })).toBeNull();

    await user.selectOptions(screen.getByLabelText('Votre département'), '2A');
    await screen.findByText("Ce département n'a pas de ligne propre : voici les lignes nationales, ouvertes à tous.");
    expect(sent.filter((r) => r.path.startsWith('/api/entraide/')).map((r) => r.path)).toEqual([
      '/api/entraide/helplines',
      '/api/entraide/helplines?departement=69',
      '/api/entraide/helplines?departement=2A',
    ]);
  });

  it('takes a logged-in doctor straight to the form', async () => {
    stubFetch({ 'GET /api/session': sessionOf('medecin', '75'), 'GET /api/entraide/helplines': { body: NATIONAL } });
    renderWithApp(<EntraidePage />, { path: '/entraide' });
    const ask = screen.getByRole('heading', { level: 2, name: "Demander de l'aide" }).closest('section');
    expect(ask).not.toBeNull();
    await waitFor(() => expect(within(ask!).getByRole('link', { name: 'Faire ma demande' }).getAttribute('href')).toBe('/entraide/demande'));
    expect(within(ask!).queryByRole('link', { name: 'Me connecter pour faire ma demande' })).toBeNull();
  });
});
