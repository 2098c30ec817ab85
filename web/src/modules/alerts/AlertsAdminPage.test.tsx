import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TAlertSummary } from '../../../../contracts/alerts.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { AlertsAdminPage } from './AlertsAdminPage.js';

function alert(id: string, draftedBy: string, overrides: Partial<TAlertSummary> = {}): TAlertSummary {
  return {
    id,
    title: `Alerte ${id}`,
    status: 'a_approuver',
    audience: { scope: 'departements', departements: ['75'], specialties: [] },
    draftedBy: { id: draftedBy, displayName: draftedBy === 'u-1' ? 'Agent Test' : 'Claire Agent' },
    createdAt: '2026-11-16T09:12:00.000Z',
    approvedAt: null,
    recipientsTotal: 0,
    returned: false,
    ...overrides,
  };
}

const titles = async () => within(await screen.findByRole('table')).getAllByRole('rowheader').map((c) => c.textContent);

describe('the alerts list narrowed by the home page’s links', () => {
  it('« attente=moi »: the alerts to approve that the reader did not draft (four eyes)', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/alerts': { body: { items: [alert('a', 'u-2'), alert('b', 'u-1')] } } });
    renderWithApp(<AlertsAdminPage />, { path: '/alertes/gestion?statut=a_approuver&attente=moi' });
    expect(await titles()).toEqual(['Alerte a']);
    expect(screen.getByText('Qui attendent votre approbation : 1 alerte')).toBeTruthy();
  });

  it('« renvoyees=moi »: the reader’s own drafts sent back with a comment', async () => {
    const drafts = [alert('a', 'u-1', { status: 'brouillon', returned: true }), alert('b', 'u-1', { status: 'brouillon' }), alert('c', 'u-2', { status: 'brouillon', returned: true })];
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/alerts': { body: { items: drafts } } });
    renderWithApp(<AlertsAdminPage />, { path: '/alertes/gestion?statut=brouillon&renvoyees=moi' });
    expect(await titles()).toEqual(['Alerte a']);
  });

  it('without them, the whole tab', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/alerts': { body: { items: [alert('a', 'u-2'), alert('b', 'u-1')] } } });
    renderWithApp(<AlertsAdminPage />, { path: '/alertes/gestion?statut=a_approuver' });
    expect(await titles()).toEqual(['Alerte a', 'Alerte b']);
  });
});
