import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TTriageQueueItem, TTriageQueuePage } from '../../../../contracts/triage.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { ReportQueuePage } from './ReportQueuePage.js';

function item(overrides: Partial<TTriageQueueItem>): TTriageQueueItem {
  return {
    id: 'r-1',
    receiptNumber: 'SIG-2026-AAAA1111',
    createdAt: '2026-11-16T09:12:00.000Z',
    source: 'formulaire',
    channel: 'sms',
    verdict: 'fraude_probable',
    organisationName: 'Direction régionale de certification',
    departement: '75',
    status: 'nouveau',
    assignee: null,
    campaign: null,
    excerpt: 'SMS reçu ce matin',
    ...overrides,
  };
}

function queue(items: TTriageQueueItem[]): { body: TTriageQueuePage } {
  return { body: { items, total: items.length, page: 1, pageSize: 50 } };
}

describe('the queue of reports', () => {
  it('lists one row per report with the vocabulary’s words, and links each to its page', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'GET /api/triage/reports': queue([
        item({ campaign: { id: 'c-1', reference: 'CAMP-2026-0001' }, assignee: { id: 'u-2', displayName: 'Claire Agent' } }),
        item({ id: 'r 2', receiptNumber: 'SIG-2026-BBBB2222', channel: 'courrier', verdict: null, organisationName: '', departement: null, status: 'classe_sans_suite', excerpt: '' }),
      ]),
    });
    renderWithApp(<ReportQueuePage />, { path: '/signalements' });

    const table = await screen.findByRole('table', { name: 'Signalements : 2 résultats, page 1 sur 1' });
    const [, first, second] = within(table).getAllByRole('row');
    const cells = (row: HTMLElement | undefined) => within(row!).getAllByRole('cell').map((c) => c.textContent);

    expect(within(first!).getByRole('link', { name: 'SIG-2026-AAAA1111' }).getAttribute('href')).toBe('/signalements/r-1');
    expect(within(first!).getByRole('rowheader').textContent).toContain('Campagne CAMP-2026-0001');
    expect(cells(first).slice(1)).toEqual(['SMS', 'Fraude probable', 'Direction régionale de certificationSMS reçu ce matin', '75', 'Nouveau', 'Claire Agent']);

    expect(within(second!).getByRole('link', { name: 'SIG-2026-BBBB2222' }).getAttribute('href')).toBe('/signalements/r%202');
    expect(cells(second).slice(1)).toEqual(['Courrier', 'Non analysé', '—', 'Aucun', 'Classé sans suite', 'Personne']);
    expect(sent.some((r) => r.path === '/api/triage/reports')).toBe(true);
  });

  it('says so when no report matches, without an empty table', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/triage/reports': queue([]) });
    renderWithApp(<ReportQueuePage />, { path: '/signalements' });

    expect((await screen.findByText('Aucun signalement ne correspond à ces critères.')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('asks the server for the filters in the address', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('membre_cne', null), 'GET /api/triage/reports': queue([item({})]) });
    renderWithApp(<ReportQueuePage />, { path: '/signalements?status=en_cours&channel=sms&departement=2A&page=2' });

    await screen.findByRole('table');
    expect(sent.map((r) => r.path)).toContain('/api/triage/reports?status=en_cours&channel=sms&departement=2A&page=2');
    // A national account filters by département, the picker showing the one in the address.
    expect(await screen.findByRole('combobox', { name: 'Département' })).toHaveProperty('value', '2A');
  });

  it('shows the results first, the filters folded away while none is active', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/triage/reports': queue([item({})]) });
    renderWithApp(<ReportQueuePage />, { path: '/signalements' });

    const table = await screen.findByRole('table');
    const disclosure = screen.getByText('Filtres').closest('details')!;
    expect(disclosure.open).toBe(false);
    expect(screen.getByRole('search', { name: 'Filtrer les signalements' }).closest('details')).toBe(disclosure);
    // Nothing but the folded disclosure stands between the page's introduction and the results.
    expect(disclosure.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('opens the filters by itself when the address narrows the queue, saying how many are active', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/triage/reports': queue([item({})]) });
    renderWithApp(<ReportQueuePage />, { path: '/signalements?status=nouveau&status=en_cours&assigned=none' });

    await screen.findByRole('table');
    const summary = screen.getByText('Filtres (2 actifs)');
    expect(summary.closest('details')!.open).toBe(true);
    expect(screen.getByRole('combobox', { name: 'Attribution' })).toHaveProperty('value', 'none');
    expect(screen.getByRole('checkbox', { name: 'En cours' })).toHaveProperty('checked', true);
  });
});
