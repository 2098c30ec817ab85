import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ZDpcQueuePage, type TDpcQueuePage } from '../../../../contracts/dpc-workflow.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { SignalementQueuePage } from './SignalementQueuePage.js';

const PAGE: TDpcQueuePage = ZDpcQueuePage.parse({
  items: [
    {
      id: '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d',
      reference: 'DPC-2026-00042',
      kind: 'derive_therapeutique',
      subjectKind: 'action',
      subjectLabel: 'Le sens caché des maladies',
      departement: '75',
      status: 'nouveau',
      priority: 'haute',
      score: 82,
      reviewerName: null,
      createdAt: '2026-03-02T09:00:00.000Z',
    },
  ],
  total: 1,
  page: 1,
  pageSize: 25,
  counts: { nouveau: 1, en_revue: 0, avis_rendu: 0, contradictoire: 0, decide: 0 },
});

describe('the queue of DPC signalements', () => {
  it('lists an agent’s signalements first, each linked to its page, the filters folded below', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/dpc/signalements': { body: PAGE } });
    renderWithApp(<SignalementQueuePage />, { path: '/vigilance-dpc/signalements' });

    const table = await screen.findByRole('table', { name: 'Signalements : 1 résultat, page 1 sur 1' });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row!).getByRole('link', { name: 'DPC-2026-00042' }).getAttribute('href')).toBe('/vigilance-dpc/signalements/0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d');
    expect(within(row!).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      expect.arrayContaining(['Le sens caché des maladies', 'Dérive thérapeutique', 'Reçu, à trier', 'Aucun', '75']),
    );
    // Results come before the filters, which stay folded until used.
    const details = screen.getByText('Filtrer les signalements').closest('details')!;
    expect(details.open).toBe(false);
    expect(table.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(sent.map((r) => r.path)).toContain('/api/dpc/signalements');
  });

  it('filters by status, kind and priority through the address', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/dpc/signalements': { body: PAGE } });
    renderWithApp(<SignalementQueuePage />, { path: '/vigilance-dpc/signalements' });
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByText('Filtrer les signalements'));
    await user.selectOptions(screen.getByLabelText('Statut'), 'en_revue');
    await user.selectOptions(screen.getByLabelText('Priorité'), 'haute');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    await screen.findByRole('table');
    expect(sent.map((r) => r.path)).toContain('/api/dpc/signalements?status=en_revue&priority=haute');
  });

  it('gives an expert reviewer the signalements designated to them', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('relecteur_dpc', null), 'GET /api/dpc/reviews': { body: { ...PAGE, items: [{ ...PAGE.items[0]!, status: 'en_revue', reviewerName: 'Dr Expert' }] } } });
    renderWithApp(<SignalementQueuePage />, { path: '/vigilance-dpc/signalements' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Signalements DPC qui vous sont confiés' })).toBeTruthy();
    await screen.findByRole('table');
    expect(screen.getByText('Dr Expert')).toBeTruthy();
    expect(sent.some((r) => r.path.startsWith('/api/dpc/signalements'))).toBe(false);
  });
});
