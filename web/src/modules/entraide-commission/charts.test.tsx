import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TBudgetHistory, TEntraideStats } from '../../../../contracts/entraide.schemas.js';
import { ResteAVivreChart } from './ResteAVivreChart.js';
import { StatsContent } from './StatsContent.js';

// jsdom lays nothing out: the charts' container needs an observer to exist, the tables are what is tested.
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

const budget = (income: number) => ({ lines: [{ kind: 'revenu' as const, label: 'Honoraires', monthlyCents: income }], household: { personsFrom14: 2, childrenUnder14: 1 } });
const result = (reste: number, perUnit: number, below: boolean) => ({
  incomeCents: 0,
  fixedChargesCents: 0,
  debtInstalmentsCents: 0,
  resteAVivreCents: reste,
  consumptionUnits: 1.8,
  perUnitCents: perUnit,
  outstandingDebtCents: 0,
  belowRsaFloor: below,
  debtRatio: null,
});
const history: TBudgetHistory = {
  rsaFloorCents: 64_652,
  snapshots: [
    { id: 's1', recordedOn: '2026-01-15', budget: budget(200_000), result: result(90_000, 50_000, true), recordedByName: 'Dr Cascail' },
    { id: 's2', recordedOn: '2026-03-15', budget: budget(300_000), result: result(180_000, 100_000, false), recordedByName: 'Dr Cascail' },
  ],
};

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s/g, ' ')));

describe('the reste-à-vivre chart', () => {
  it('says the same as the chart in a table: household, per unit, the RSA floor, oldest first', () => {
    render(<ResteAVivreChart history={history} />);
    expect(screen.getByTestId('reste-a-vivre-graphique').getAttribute('aria-hidden')).toBe('true');
    const table = screen.getByRole('table', { name: 'Reste à vivre au fil des budgets, en euros par mois' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Date du budget',
      'Reste à vivre du foyer',
      'Par unité de consommation',
      'Plancher RSA (une personne)',
      'Sous le plancher',
    ]);
    expect(rowsOf(table)).toEqual([
      ['15 janvier 2026', '900,00 €', '500,00 €', '646,52 €', 'Oui'],
      ['15 mars 2026', '1 800,00 €', '1 000,00 €', '646,52 €', 'Non'],
    ]);
  });
});

describe('the anonymised statistics', () => {
  it('shows « moins de 5 » for every hidden cell, in the figures and the tables', () => {
    const stats: TEntraideStats = {
      from: '2026-01-01',
      to: '2026-12-31',
      total: 42,
      byNature: [
        { nature: 'financiere', count: 17 },
        { nature: 'sante', count: null },
      ],
      byStatus: [{ status: 'en_cours', count: 30 }],
      byOutcome: [{ outcome: 'aide_financiere', count: null }],
      byDepartement: [{ departement: '75', count: 12 }],
      byMonth: [{ month: '2026-03', count: 8 }],
      medianDurationDays: null,
      escalatedToCne: null,
      cresusReferrals: 6,
    };
    render(<StatsContent stats={stats} />);
    expect(rowsOf(screen.getByRole('table', { name: 'Dossiers par nature de difficulté' }))).toEqual([
      ['Financière', '17'],
      ['Santé', 'moins de 5'],
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Décisions par issue' }))).toEqual([['Aide financière', 'moins de 5']]);
    expect(rowsOf(screen.getByRole('table', { name: 'Dossiers ouverts par mois' }))).toEqual([['mars 2026', '8']]);
    const figures = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(figures).toContain('42dossiers ouverts');
    expect(figures).toContain('moins de 5dossiers transmis à la commission nationale');
    expect(screen.getAllByText('1 valeur « moins de 5 » non dessinée.')).toHaveLength(2);
  });
});
