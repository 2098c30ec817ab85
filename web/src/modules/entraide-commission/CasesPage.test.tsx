import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { CasesPage } from './CasesPage.js';
import { toBudgetSnapshot } from './budget-form.js';

const summary = {
  id: '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d',
  reference: 'E-2026-014',
  departement: '75',
  status: 'recu',
  natures: ['financiere', 'professionnelle'],
  urgency: 'immediate',
  source: 'espace_medecin',
  beneficiaryKind: 'medecin',
  referentName: null,
  openedAt: '2026-03-02T09:00:00.000Z',
  lastActivityAt: '2026-03-03T10:00:00.000Z',
};

describe('the list of cases', () => {
  it('lists each case by its pseudonym, with its status, natures, urgency and referent, linked to its page', async () => {
    stubFetch({ 'GET /api/session': sessionOf('membre_cde', '75'), 'GET /api/entraide/cases': { body: { cases: [summary], total: 1 } } });
    renderWithApp(<CasesPage />, { path: '/entraide/dossiers' });

    const table = await screen.findByRole('table', { name: 'Dossiers : 1 résultat, page 1 sur 1' });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row!).getByRole('link', { name: 'Dossier E-2026-014' }).getAttribute('href')).toBe(`/entraide/dossiers/${summary.id}`);
    expect(within(row!).getAllByRole('cell').slice(0, 4).map((c) => c.textContent)).toEqual(['Reçu, à attribuer', 'Financière, Professionnelle', "Aujourd'hui", 'Aucun']);
  });

  it('asks the server for the status chosen and the page in the address', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('membre_cde', '75'), 'GET /api/entraide/cases': { body: { cases: [summary], total: 120 } } });
    renderWithApp(<CasesPage />, { path: '/entraide/dossiers?page=2' });
    await screen.findByRole('table', { name: 'Dossiers : 120 résultats, page 2 sur 3' });
    expect(sent.map((r) => r.path)).toContain('/api/entraide/cases?page=2');

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Statut'), 'transmis_cne');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    await screen.findByRole('table');
    expect(sent.map((r) => r.path)).toContain('/api/entraide/cases?status=transmis_cne');
  });
});

describe('the budget form’s model', () => {
  it('sends each line in cents, the remaining debt only for debts, and the household', () => {
    expect(
      toBudgetSnapshot({
        recordedOn: '2026-03-15',
        lines: [
          { key: 0, kind: 'revenu', label: ' Honoraires ', monthly: '4 200', remaining: '' },
          { key: 1, kind: 'charge_fixe', label: 'Loyer', monthly: '1 350,40', remaining: '' },
          { key: 2, kind: 'dette', label: 'Prêt du cabinet', monthly: '900', remaining: '32 000,00' },
        ],
        personsFrom14: '2',
        childrenUnder14: '1',
      }),
    ).toEqual({
      snapshot: {
        recordedOn: '2026-03-15',
        lines: [
          { kind: 'revenu', label: 'Honoraires', monthlyCents: 420_000 },
          { kind: 'charge_fixe', label: 'Loyer', monthlyCents: 135_040 },
          { kind: 'dette', label: 'Prêt du cabinet', monthlyCents: 90_000, remainingCents: 3_200_000 },
        ],
        household: { personsFrom14: 2, childrenUnder14: 1 },
      },
    });
  });

  it('names the fields to correct with the server’s paths', () => {
    expect(
      toBudgetSnapshot({ recordedOn: '', lines: [{ key: 0, kind: 'dette', label: '', monthly: 'beaucoup', remaining: '-3' }], personsFrom14: '0', childrenUnder14: '' }),
    ).toEqual({
      errors: {
        'lines.0.label': 'Nommez la ligne.',
        'lines.0.monthlyCents': expect.stringContaining('euros'),
        'lines.0.remainingCents': expect.stringContaining('euros'),
        'household.personsFrom14': expect.any(String),
        'household.childrenUnder14': expect.any(String),
      },
    });
  });
});
