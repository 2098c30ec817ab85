import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TCampaignPage } from '../../../../contracts/campaigns.schemas.js';
import { sessionOf, stubFetch } from '../../../test/render.js';
import { CampaignPage } from './CampaignPage.js';

// jsdom lays nothing out: the charts' container needs an observer to exist.
beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});

const ID = '4d1c2b3a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const REASON = 'Retrait automatique : plus lue dans les signalements relus le 07/12/2026 (règles d’extraction version 2).';

const page = (withdrawn: TCampaignPage['withdrawn']): TCampaignPage => ({
  campaign: {
    id: ID,
    reference: 'CAMP-2026-0042',
    label: 'Fausse Assurance Maladie — 09 70 12 34 56',
    status: 'qualifiee',
    scamFamily: 'assurance_maladie',
    reportCount: 2,
    firstReportAt: '2026-02-02T09:15:00.000Z',
    lastReportAt: '2026-02-10T17:40:00.000Z',
    qualifiedAt: '2026-02-11T08:00:00.000Z',
    summary: '',
    createdAt: '2026-02-02T09:20:00.000Z',
    updatedAt: '2026-12-07T14:00:00.000Z',
  },
  timeline: [{ day: '2026-02-02', count: 2 }],
  departements: [{ departement: '75', count: 2 }],
  indicators: [
    {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      kind: 'phone',
      value: '+33970123456',
      display: '09 70 12 34 56',
      status: 'actif',
      sightings: 2,
      reportCount: 2,
      firstSeenAt: '2026-02-02T09:15:00.000Z',
      lastSeenAt: '2026-02-10T17:40:00.000Z',
      expiresAt: '2026-05-11T17:40:00.000Z',
      published: 'active',
    },
  ],
  indicatorsOtherDepartements: 0,
  withdrawn,
  reports: [],
  reportsOtherDepartements: 0,
  reportsShown: 0,
  access: { canChange: true, reason: null },
  publicLabel: { current: 'Fausse Assurance Maladie', source: 'famille', proposal: null },
});

function renderPage(answer: TCampaignPage) {
  stubFetch({ 'GET /api/session': sessionOf('agent', null), [`GET /api/campaigns/${ID}`]: { body: answer } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/campagnes/${ID}`]}>
        <Routes>
          <Route path="/campagnes/:id" element={<CampaignPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

describe('the campaign page', () => {
  it('lists the published values withdrawn from the campaign, with when and why, under its indicators', async () => {
    renderPage(
      page({
        items: [{ kind: 'phone', value: '+33202588412', display: '02 02 58 84 12', withdrawnAt: '2026-12-07T13:05:00.000Z', reason: REASON }],
        total: 1,
        otherDepartements: 0,
      }),
    );
    const heading = await screen.findByRole('heading', { level: 3, name: 'Valeurs retirées' });
    const table = screen.getByRole('table', { name: /Valeurs publiées puis retirées/ });
    const cells = rowsOf(table);
    expect(cells).toHaveLength(1);
    expect(cells[0]![0]).toMatch(/^Numéro\s*:\s*02 02 58 84 12$/);
    expect(cells[0]![1]).toMatch(/^07\/12\/2026/);
    expect(cells[0]![2]).toMatch(/^Retrait automatique\s*:\s*plus lue dans les signalements relus le 07\/12\/2026/);
    // Under the indicators: the current ones come first in the page.
    const indicators = screen.getByRole('table', { name: /Indicateurs de la campagne/ });
    expect(indicators.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(indicators).queryByText('02 02 58 84 12')).toBeNull();
  });

  it('has no « Valeurs retirées » section when nothing was withdrawn', async () => {
    renderPage(page({ items: [], total: 0, otherDepartements: 0 }));
    await screen.findByRole('table', { name: /Indicateurs de la campagne/ });
    expect(screen.queryByRole('heading', { name: 'Valeurs retirées' })).toBeNull();
    expect(screen.queryByRole('table', { name: /Valeurs publiées puis retirées/ })).toBeNull();
  });

  it('tells a départemental agent how many withdrawn values only other départements’ reports carried', async () => {
    renderPage(page({ items: [], total: 0, otherDepartements: 2 }));
    await screen.findByRole('heading', { level: 3, name: 'Valeurs retirées' });
    expect(screen.queryByRole('table', { name: /Valeurs publiées puis retirées/ })).toBeNull();
    expect(screen.getByText(/2 autres valeurs retirées, relevées uniquement dans les signalements d.autres départements, n.apparaissent pas ici\./)).toBeTruthy();
  });
});
