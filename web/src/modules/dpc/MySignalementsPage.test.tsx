import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TDpcMySignalements } from '../../../../contracts/dpc-filing.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { MySignalementsPage } from './MySignalementsPage.js';

afterEach(() => vi.unstubAllGlobals());

const LIST: TDpcMySignalements = {
  items: [
    { id: '6f1c7c1e-8a54-4d0c-9d0e-2f3a4b5c6d7e', reference: 'DPC-2026-00043', kind: 'derive_sectaire', kindLabel: 'Dérive sectaire', subjectLabel: 'Le sens caché des maladies', publicStatusLabel: 'En cours d’examen', createdAt: '2026-11-20T10:00:00.000Z' },
    { id: '0b6d2f7c-1d1e-4c9a-8f3b-6a7e8d9c0b1a', reference: 'DPC-2026-00012', kind: 'situation_a_risque', kindLabel: 'Situation à risque', subjectLabel: 'M. Guérisseur', publicStatusLabel: 'Traité', createdAt: '2026-03-02T10:00:00.000Z' },
  ],
  total: 45,
  page: 2,
  pageSize: 20,
};

describe('« Mes signalements DPC »', () => {
  it('lists the doctor’s signalements with their plain status, page by page', async () => {
    const sent = stubFetch({ 'GET /api/dpc/signalements/mine': { body: LIST } });
    renderWithApp(<MySignalementsPage />, { path: '/vigilance-dpc/mes-signalements?page=2' });
    const table = await screen.findByRole('table', { name: 'Mes signalements DPC, les plus récents d’abord' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Dérive sectaire', 'Le sens caché des maladies', 'En cours d’examen', '20 novembre 2026'],
      ['Situation à risque', 'M. Guérisseur', 'Traité', '2 mars 2026'],
    ]);
    expect(within(table).getByRole('rowheader', { name: 'DPC-2026-00043' })).toBeTruthy();
    expect(sent.map((r) => r.path)).toEqual(['/api/dpc/signalements/mine?page=2']);
    expect(screen.getByText('Page 2 sur 3')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Page suivante' }).getAttribute('href')).toBe('/vigilance-dpc/mes-signalements?page=3');
    expect(screen.getByRole('link', { name: 'Signaler une formation' }).getAttribute('href')).toBe('/vigilance-dpc/signaler');
  });

  it('says so when there is none', async () => {
    stubFetch({ 'GET /api/dpc/signalements/mine': { body: { items: [], total: 0, page: 1, pageSize: 20 } } });
    renderWithApp(<MySignalementsPage />, { path: '/vigilance-dpc/mes-signalements' });
    expect(await screen.findByText('Vous n’avez fait aucun signalement de formation.')).toBeTruthy();
  });
});
