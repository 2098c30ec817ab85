import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { UsersPage } from './UsersPage.js';

const INVITED: TUserView = {
  id: 'u-2',
  email: 'invitee@exemple.fr',
  displayName: 'Agent Invité',
  role: 'agent',
  departement: '2A',
  status: 'active',
  secondFactorEnabled: false,
  lastLoginAt: null,
  hasLoggedIn: false,
  invitationSentAt: '2026-12-03T09:30:00.000Z',
  createdAt: '2026-12-03T09:30:00.000Z',
};
const ARRIVED: TUserView = {
  ...INVITED,
  id: 'u-3',
  email: 'arrivee@exemple.fr',
  displayName: 'Agent Arrivée',
  departement: '75',
  secondFactorEnabled: true,
  lastLoginAt: '2026-12-04T08:00:00.000Z',
  hasLoggedIn: true,
};
const LIST = { body: { items: [INVITED, ARRIVED], total: 2, page: 1, pageSize: 25 } };

beforeAll(() => {
  // jsdom has no modal dialogs: opening one marks it open, as the browser would.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});

function renderPage(routes: Parameters<typeof stubFetch>[0] = {}) {
  const sent = stubFetch({ 'GET /api/session': sessionOf('admin', null), 'GET /api/admin/users': LIST, ...routes });
  renderWithApp(<UsersPage />, { path: '/admin/utilisateurs' });
  return { sent, user: userEvent.setup() };
}

describe('UsersPage', () => {
  it('shows « Invitation envoyée » with its date until the first login, and the département by number and name', async () => {
    renderPage();
    const table = await screen.findByRole('table');
    const [invitedRow, arrivedRow] = within(table).getAllByRole('row').slice(1);
    expect(within(invitedRow!).getByText(/Invitation envoyée le/).textContent).toBe('Invitation envoyée le 3 décembre 2026');
    expect(within(invitedRow!).getByText('2A — Corse-du-Sud')).toBeTruthy();
    expect(within(invitedRow!).getByText('Jamais connecté')).toBeTruthy();
    expect(within(arrivedRow!).queryByText(/Invitation envoyée/)).toBeNull();
    expect(within(arrivedRow!).getByText('75 — Paris')).toBeTruthy();
    expect(within(arrivedRow!).getByText(/^Dernière : /)).toBeTruthy();
    // Five columns: readable at 1280 px without scrolling sideways.
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Compte', 'Rôle et département', 'État', 'Connexion', 'Actions']);
  });

  it('says it in the edit dialog too, and not for an account that logged in', async () => {
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Modifier Agent Invité' }));
    const dialog = screen.getByRole('dialog', { name: 'Modifier le compte de Agent Invité' });
    expect(within(dialog).getByText(/Invitation envoyée le/)).toBeTruthy();
    expect(within(dialog).getByRole('combobox', { name: 'Département' })).toHaveProperty('value', '2A — Corse-du-Sud');
  });

  it('creates an account in a département found by its name', async () => {
    const { sent, user } = renderPage({ 'POST /api/admin/users': { status: 201, body: { ...INVITED, id: 'u-9', departement: '2B' } } });
    const form = await screen.findByRole('form', { name: 'Créer un compte' });
    await user.type(within(form).getByLabelText('Adresse électronique'), 'corse@exemple.fr');
    await user.type(within(form).getByLabelText(/Nom affiché/), 'Agent Corse');
    const picker = within(form).getByRole('combobox', { name: 'Département' });
    await user.type(picker, 'Corse');
    expect(within(within(form).getByRole('listbox')).getAllByRole('option').map((o) => o.textContent)).toEqual(['2A — Corse-du-Sud', '2B — Haute-Corse']);
    await user.click(within(form).getByRole('option', { name: '2B — Haute-Corse' }));
    await user.click(within(form).getByRole('button', { name: 'Créer le compte' }));

    await waitFor(() => expect(sent.some((r) => r.method === 'POST')).toBe(true));
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ email: 'corse@exemple.fr', displayName: 'Agent Corse', role: 'agent', departement: '2B' });
  });
});
