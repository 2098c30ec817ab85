import { act, screen, within } from '@testing-library/react';
import { focusManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { homeWorkLabel, type HomeWorkKey, type THomeWork } from '../../../../contracts/home.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { HomePage } from './HomePage.js';
import { HOME_WORK_REFRESH_MS } from './home.api.js';

const dpcCounts = { body: { items: [], total: 0, page: 1, pageSize: 25, counts: { nouveau: 0, en_revue: 0, avis_rendu: 0, contradictoire: 0, decide: 0 } } };

function item(key: HomeWorkKey, count: number, to: string) {
  return { key, count, to, label: homeWorkLabel(key, count) };
}

const WORK: THomeWork = {
  doctor: null,
  items: [
    item('alerts_to_approve', 2, '/alertes/gestion?statut=a_approuver&attente=moi'),
    item('alerts_returned', 1, '/alertes/gestion?statut=brouillon&renvoyees=moi'),
    item('reports_new', 12, '/signalements?status=nouveau'),
    item('reports_unassigned', 0, '/signalements?status=nouveau&status=en_cours&assigned=none'),
    item('campaigns_open', 1, '/campagnes?statut=ouverte'),
    item('changes_in_person', 3, '/tableau/demandes?statut=attente_presence'),
  ],
};

afterEach(() => {
  vi.useRealTimers();
  focusManager.setFocused(undefined);
});

describe('the agent’s home: « À traiter »', () => {
  it('comes first, each count a link to its filtered list, the approvals waiting on the agent set apart', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/home/work': { body: WORK }, 'GET /api/dpc/signalements': dpcCounts });
    renderWithApp(<HomePage />);

    const section = (await screen.findByRole('heading', { name: 'À traiter' })).closest('section')!;
    const link = async (name: string) => (await within(section).findByRole('link', { name })).getAttribute('href');
    expect(await link('12 nouveaux signalements')).toBe('/signalements?status=nouveau');
    expect(await link('1 campagne à qualifier')).toBe('/campagnes?statut=ouverte');
    expect(await link('3 demandes de coordonnées à finaliser en présence du médecin')).toBe('/tableau/demandes?statut=attente_presence');
    // A zero stays, calmly: no emphasis.
    const calm = within(section).getByRole('link', { name: 'Aucun signalement ouvert sans attribution' });
    expect(calm.closest('strong')).toBeNull();
    expect(calm.closest('li')!.className).toBe('muted');
    // The four-eyes approval and the returned draft stand out in a notice, emphasised.
    const approval = within(section).getByRole('link', { name: '2 alertes attendent votre approbation' });
    expect(approval.getAttribute('href')).toBe('/alertes/gestion?statut=a_approuver&attente=moi');
    expect(approval.closest('.notice--warning')).not.toBeNull();
    expect(within(section).getByRole('link', { name: '1 alerte vous a été renvoyée' }).closest('.notice--warning')).not.toBeNull();
    // The section comes before every card of the page.
    const heading = screen.getByRole('heading', { name: 'À traiter' });
    const firstCard = screen.getByRole('link', { name: "Tableau de l'Ordre" });
    expect(heading.compareDocumentPosition(firstCard) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/bientôt disponible/i);
  });

  it('updates without a reload: read again when the window comes back, and every 30 seconds', async () => {
    // Fake clock from the start: the 30 s interval is set when the first answer arrives.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer = WORK;
    const sent = stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/home/work': () => ({ body: answer }), 'GET /api/dpc/signalements': dpcCounts });
    renderWithApp(<HomePage />);
    await screen.findByRole('link', { name: '12 nouveaux signalements' });
    const reads = () => sent.filter((r) => r.path === '/api/home/work').length;
    expect(reads()).toBe(1);

    answer = { ...WORK, items: WORK.items.map((i) => (i.key === 'reports_new' ? item('reports_new', 13, i.to) : i)) };
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    expect(await screen.findByRole('link', { name: '13 nouveaux signalements' })).toBeTruthy();
    expect(reads()).toBe(2);

    answer = { ...WORK, items: WORK.items.map((i) => (i.key === 'reports_new' ? item('reports_new', 14, i.to) : i)) };
    await act(async () => {
      await vi.advanceTimersByTimeAsync(HOME_WORK_REFRESH_MS + 100);
    });
    expect(await screen.findByRole('link', { name: '14 nouveaux signalements' })).toBeTruthy();
    expect(reads()).toBe(3);
  });

  it('gives an administrator the same section, for what their permissions open', async () => {
    stubFetch({ 'GET /api/session': sessionOf('admin', null), 'GET /api/home/work': { body: { doctor: null, items: [item('changes_review', 4, '/tableau/demandes?statut=en_revue')] } } });
    renderWithApp(<HomePage />);
    const link = await screen.findByRole('link', { name: '4 demandes de coordonnées attendent la revue d’un second agent' });
    expect(link.getAttribute('href')).toBe('/tableau/demandes?statut=en_revue');
    expect(screen.getByRole('heading', { name: 'À traiter' })).toBeTruthy();
  });
});
