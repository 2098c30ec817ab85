import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TDpcActionPage, TDpcActionSummary } from '../../../../contracts/dpc.schemas.js';
import { renderWithApp, sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { CataloguePage } from './CataloguePage.js';

const summary: TDpcActionSummary = {
  id: '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d',
  reference: '98760000001',
  title: 'Le sens caché des maladies',
  organisation: { registrationNumber: '9876', name: 'École du sens biologique' },
  orientation: null,
  format: 'non_presentiel',
  startsOn: '2026-03-14',
  endsOn: '2026-03-15',
  screening: { lexiconVersion: '1.0.0', score: 92, priority: 'haute', markers: ['methode.decodage-biologique'], screenedAt: '2026-03-01T09:00:00.000Z' },
};
const page = (items: TDpcActionSummary[], total = items.length): { body: TDpcActionPage } => ({ body: { items, total, page: 1, pageSize: 25 } });

describe('the DPC catalogue search', () => {
  it('lists each action with its reference, organisation, priority and score, linked to its page', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/dpc/actions': page([summary]) });
    renderWithApp(<CataloguePage />, { path: '/vigilance-dpc/catalogue' });

    const table = await screen.findByRole('table', { name: 'Actions : 1 résultat, page 1 sur 1' });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row!).getByRole('link', { name: 'Le sens caché des maladies' }).getAttribute('href')).toBe(`/vigilance-dpc/catalogue/${summary.id}`);
    expect(within(row!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['98760000001', 'École du sens biologique (n° 9876)', 'Priorité haute', '92 / 100']);
    expect(screen.getByRole('link', { name: 'Contrôles du catalogue' }).getAttribute('href')).toBe('/vigilance-dpc/controles');
    // Importing is the admins' (dpc:catalogue_import): an agent is not offered it.
    expect(screen.queryByRole('link', { name: 'Importer' })).toBeNull();
  });

  it('sends the words, the organisation and the priority chosen, and pages through the results', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('admin', null), 'GET /api/dpc/actions': page([summary], 60) });
    renderWithApp(<CataloguePage />, { path: '/vigilance-dpc/catalogue' });
    await screen.findByRole('table');
    expect(screen.getByRole('link', { name: 'Importer' }).getAttribute('href')).toBe('/vigilance-dpc/import');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Mots', { exact: false }), 'décodage biologique');
    await user.type(screen.getByLabelText('Numéro ODPC de l’organisme'), '9876');
    await user.selectOptions(screen.getByLabelText('Priorité'), 'Priorité haute');
    await user.click(screen.getByRole('button', { name: 'Rechercher' }));
    await screen.findByRole('table');
    expect(sent.map((r) => r.path)).toContain('/api/dpc/actions?q=d%C3%A9codage+biologique&organisation=9876&priority=haute');
    const next = screen.getByRole('link', { name: 'Page suivante' });
    expect(next.getAttribute('href')).toBe('/vigilance-dpc/catalogue?q=d%C3%A9codage+biologique&organisation=9876&priority=haute&page=2');
  });

  it('says when nothing matches the words in the address', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/dpc/actions?q=diab%C3%A8te': page([]) });
    renderWithApp(<CataloguePage />, { path: '/vigilance-dpc/catalogue?q=diab%C3%A8te' });
    expect(await screen.findByText('Aucune action ne correspond à ces critères.')).toHaveProperty('role', 'status');
    expect(screen.getByLabelText('Mots', { exact: false })).toHaveProperty('value', 'diabète');
  });

  it('shows the server’s refusal of a bad registration number next to its field', async () => {
    stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'GET /api/dpc/actions': validationFailed({ organisation: 'Le numéro ODPC compte 1 à 12 chiffres ou lettres, sans espace.' }),
    });
    renderWithApp(<CataloguePage />, { path: '/vigilance-dpc/catalogue?organisation=12+34' });
    await screen.findByRole('alert');
    const field = screen.getByLabelText('Numéro ODPC de l’organisme');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${field.id}-error`)?.textContent).toContain('Le numéro ODPC compte 1 à 12 chiffres ou lettres');
  });
});
