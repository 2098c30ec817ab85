import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TDpcStats } from '../../../../contracts/dpc-exchanges.schemas.js';
import { renderWithApp, stubFetch, validationFailed } from '../../../test/render.js';
import { DpcStatsPage } from './DpcStatsPage.js';

// jsdom lays nothing out: the charts' container needs an observer to exist; the tables are what is tested.
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

const stats: TDpcStats = {
  from: null,
  to: null,
  total: 5,
  byKind: [
    { kind: 'situation_a_risque', label: 'Situation à risque', count: 1 },
    { kind: 'formation_sans_contenu_scientifique', label: 'Formation sans contenu scientifique', count: 1 },
    { kind: 'derive_therapeutique', label: 'Dérive thérapeutique', count: 2 },
    { kind: 'derive_sectaire', label: 'Dérive sectaire', count: 1 },
  ],
  byPractice: [
    { family: 'guerison-miraculeuse', label: 'Promesse de guérir des maladies graves', count: 3 },
    { family: null, label: 'Aucun marqueur', count: 2 },
  ],
  byRegion: [
    { region: 'ile_de_france', label: 'Île-de-France', count: 2 },
    { region: null, label: 'Non précisée', count: 3 },
  ],
  byOutcome: [
    { outcome: 'transmission_miviludes', label: 'Transmission à la MIVILUDES', count: 2 },
    { outcome: 'en_cours', label: 'En cours', count: 3 },
  ],
  byReporterKind: [{ reporterKind: 'participant', label: 'Participant à la formation', count: 5 }],
  byMonth: [{ month: '2026-02', count: 5 }],
  healthShare: { concerning: 3, total: 5, percent: 60 },
};

const rowsOf = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

describe('the DPC statistics page', () => {
  it('shows the health share as a figure and each chart’s figures as a table', async () => {
    stubFetch({ 'GET /api/dpc/stats': { body: stats } });
    renderWithApp(<DpcStatsPage />, { path: '/vigilance-dpc/statistiques' });
    expect(await screen.findByText('60 %')).toBeTruthy();
    expect(screen.getByText('concernent la santé (3 sur 5)')).toBeTruthy();
    expect(rowsOf('Signalements par nature')).toContainEqual(['Dérive thérapeutique', '2']);
    expect(rowsOf('Signalements par pratique repérée')).toEqual([
      ['Promesse de guérir des maladies graves', '3'],
      ['Aucun marqueur', '2'],
    ]);
    expect(rowsOf('Signalements par région des faits')).toEqual([
      ['Île-de-France', '2'],
      ['Non précisée', '3'],
    ]);
    expect(rowsOf('Suites données')).toContainEqual(['En cours', '3']);
    expect(rowsOf('Signalements reçus par mois')).toEqual([['février 2026', '5']]);
    expect(screen.getByRole('heading', { level: 2, name: 'Signalements par auteur' })).toBeTruthy();
  });

  it('asks for the period chosen, and shows the field the server refused', async () => {
    const sent = stubFetch({
      'GET /api/dpc/stats': { body: stats },
      'GET /api/dpc/stats?from=2026-03-01&to=2026-02-01': validationFailed({ to: 'La date de début doit précéder la date de fin.' }),
    });
    renderWithApp(<DpcStatsPage />, { path: '/vigilance-dpc/statistiques' });
    await screen.findByText('60 %');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Signalements reçus à partir du'), '2026-03-01');
    await user.type(screen.getByLabelText('Jusqu’au'), '2026-02-01');
    await user.click(screen.getByRole('button', { name: 'Afficher' }));
    expect(await screen.findByRole('link', { name: 'La date de début doit précéder la date de fin.' })).toBeTruthy();
    expect(sent.map((r) => r.path)).toContain('/api/dpc/stats?from=2026-03-01&to=2026-02-01');
    expect(screen.getByLabelText('Jusqu’au').getAttribute('aria-invalid')).toBe('true');
  });
});
