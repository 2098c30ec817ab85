import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TDpcActionSummary, TDpcRescreening, TDpcRescreenMatchesPage } from '../../../../contracts/dpc.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { RescreeningsPage } from './RescreeningsPage.js';

const OLD_RUN: TDpcRescreening = {
  id: '11111111-1111-4111-8111-111111111111',
  lexiconVersion: '0.9.0',
  startedAt: '2026-01-10T09:00:00.000Z',
  finishedAt: '2026-01-10T09:01:00.000Z',
  rescreened: 1200,
  newlyMatching: 0,
  upToDate: false,
};
const NEW_RUN: TDpcRescreening = { ...OLD_RUN, id: '22222222-2222-4222-8222-222222222222', lexiconVersion: '1.0.0', startedAt: '2026-03-10T09:00:00.000Z', rescreened: 4, newlyMatching: 1 };
const action: TDpcActionSummary = {
  id: '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d',
  reference: '98760000001',
  title: 'Le sens caché des maladies',
  organisation: { registrationNumber: '9876', name: 'École du sens biologique' },
  orientation: null,
  format: 'mixte',
  startsOn: null,
  endsOn: null,
  screening: { lexiconVersion: '1.0.0', score: 92, priority: 'haute', markers: ['methode.decodage-biologique'], screenedAt: '2026-03-10T09:00:30.000Z' },
};
const matches: TDpcRescreenMatchesPage = { rescreening: NEW_RUN, items: [{ action, previousPriority: 'aucune', previousScore: 0 }], total: 1, page: 1, pageSize: 25 };

describe('the checks of the DPC catalogue', () => {
  it('rescreens the catalogue on request and lists the actions that newly match, linked to their page', async () => {
    let rescreened = false;
    const sent = stubFetch({
      'GET /api/session': sessionOf('admin', null),
      'GET /api/dpc/rescreenings': () => ({ body: { items: rescreened ? [NEW_RUN, OLD_RUN] : [OLD_RUN] } }),
      'POST /api/dpc/rescreenings': () => {
        rescreened = true;
        return { body: NEW_RUN };
      },
      [`GET /api/dpc/rescreenings/${NEW_RUN.id}/matches`]: { body: matches },
    });
    renderWithApp(<RescreeningsPage />, { path: '/vigilance-dpc/controles' });

    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Contrôler à nouveau le catalogue' }));
    expect((await screen.findByText(/actions contrôlées à nouveau/)).textContent).toBe('4 actions contrôlées à nouveau avec le lexique 1.0.0 ; 1 action nouvellement relevée.');
    expect(sent.some((r) => r.method === 'POST' && r.path === '/api/dpc/rescreenings')).toBe(true);

    const table = await screen.findByRole('table', { name: 'Actions nouvellement relevées : 1, page 1 sur 1' });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row!).getByRole('link', { name: 'Le sens caché des maladies' }).getAttribute('href')).toBe(`/vigilance-dpc/catalogue/${action.id}`);
    expect(within(row!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['École du sens biologique', 'Aucun marqueur', 'Priorité haute', '0 → 92']);
    // The list of runs is read again: the new run is in it.
    const runs = await screen.findByRole('table', { name: 'Contrôles, du plus récent au plus ancien' });
    await within(runs).findByRole('cell', { name: '1.0.0' });
  });

  it('says the catalogue is already up to date when nothing was to be redone', async () => {
    stubFetch({
      'GET /api/session': sessionOf('admin', null),
      'GET /api/dpc/rescreenings': { body: { items: [NEW_RUN] } },
      'POST /api/dpc/rescreenings': { body: { ...NEW_RUN, upToDate: true } },
      [`GET /api/dpc/rescreenings/${NEW_RUN.id}/matches`]: { body: matches },
    });
    renderWithApp(<RescreeningsPage />, { path: '/vigilance-dpc/controles' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Contrôler à nouveau le catalogue' }));
    expect(await screen.findByText('Déjà à jour')).toBeTruthy();
    expect(screen.getByText(/Le catalogue est déjà à jour/).textContent).toContain('lexique 1.0.0');
  });

  it('lets an agent open a past run’s newly matching actions, without the button to rescreen', async () => {
    stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'GET /api/dpc/rescreenings': { body: { items: [NEW_RUN, OLD_RUN] } },
      [`GET /api/dpc/rescreenings/${NEW_RUN.id}/matches`]: { body: matches },
      [`GET /api/dpc/rescreenings/${OLD_RUN.id}/matches`]: { body: { ...matches, rescreening: OLD_RUN, items: [], total: 0 } },
    });
    renderWithApp(<RescreeningsPage />, { path: '/vigilance-dpc/controles' });
    const runs = await screen.findByRole('table', { name: 'Contrôles, du plus récent au plus ancien' });
    expect(screen.queryByRole('button', { name: 'Contrôler à nouveau le catalogue' })).toBeNull();

    const user = userEvent.setup();
    const [, newRow, oldRow] = within(runs).getAllByRole('row');
    await user.click(within(newRow!).getByRole('link'));
    expect(await screen.findByRole('link', { name: 'Le sens caché des maladies' })).toBeTruthy();
    await user.click(within(oldRow!).getByRole('link'));
    expect(await screen.findByText('Ce contrôle n’a relevé aucune nouvelle action.')).toBeTruthy();
  });
});
