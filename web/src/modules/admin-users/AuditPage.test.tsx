import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TAuditEntry, TAuditPage } from '../../../../contracts/audit.js';
import { renderWithApp, stubFetch, validationFailed } from '../../../test/render.js';
import { AuditPage } from './AuditPage.js';

function entry(overrides: Partial<TAuditEntry>): TAuditEntry {
  return {
    id: 41,
    occurredAt: '2026-03-12T09:30:00.000Z',
    actorId: 'a1b2c3d4-0000-4000-8000-000000000001',
    actorName: 'Claire Administratrice',
    actorRole: 'admin',
    action: 'admin.user.created',
    entityType: 'user',
    entityId: 'a1b2c3d4-0000-4000-8000-000000000002',
    entityLabel: 'Paul Agent',
    ip: '192.0.2.4',
    reason: null,
    ...overrides,
  };
}

const page = (items: TAuditEntry[], more: Partial<TAuditPage> = {}): { body: TAuditPage } => ({ body: { items, nextBeforeId: null, matching: items.length, ...more } });

describe('the audit journal', () => {
  it('reads in French: the action’s label, the author’s and the object’s names, an entraide case by its pseudonym', async () => {
    stubFetch({
      'GET /api/admin/audit': page([
        entry({}),
        entry({ id: 40, action: 'entraide.case.requested', actorId: null, actorName: null, actorRole: 'medecin', entityType: 'entraide_case', entityId: 'c-9', entityLabel: 'Dossier E-2026-014', ip: null }),
        entry({ id: 39, action: 'registry.doctor.read', actorId: null, actorName: null, actorRole: null, entityType: 'doctor', entityId: 'd-1', entityLabel: null }),
      ]),
    });
    renderWithApp(<AuditPage />, { path: '/admin/journal' });

    const table = await screen.findByRole('table', { name: 'Événements du journal d’audit, les plus récents' });
    const [, created, requested, read] = within(table).getAllByRole('row');
    const cells = (row: HTMLElement | undefined) => within(row!).getAllByRole('cell').map((c) => c.textContent);

    expect(cells(created).slice(1)).toEqual(['Compte crééadmin.user.created', 'Claire Administratrice · Administrateur', 'Compte Paul Agent', '192.0.2.4', '—']);
    expect(within(created!).getByRole('link', { name: 'Actions de Claire Administratrice' }).getAttribute('href')).toBe('/admin/journal?actor=a1b2c3d4-0000-4000-8000-000000000001');
    expect(within(created!).getByRole('link', { name: 'Historique de Paul Agent' }).getAttribute('href')).toBe(
      '/admin/journal?entityType=user&entityId=a1b2c3d4-0000-4000-8000-000000000002',
    );
    // A doctor's own request: no author, only the role; the case by its pseudonym.
    expect(cells(requested).slice(1, 4)).toEqual(['Demande d’entraide reçueentraide.case.requested', 'Médecin', 'Dossier d’entraide Dossier E-2026-014']);
    // Nothing to name: the id stays, the author is the system.
    expect(cells(read).slice(1, 4)).toEqual(['Fiche du Tableau consultéeregistry.doctor.read', 'Système', 'Fiche du Tableau d-1']);
    expect(screen.getByText('3 entrées dans le journal.').getAttribute('role')).toBe('status');
  });

  it('asks the server for the filters in the address, and exports the same filters', async () => {
    const sent = stubFetch({ 'GET /api/admin/audit': page([entry({})], { matching: 1234, nextBeforeId: 12 }) });
    renderWithApp(<AuditPage />, { path: '/admin/journal?actor=Claire&action=entraide.&from=2026-03-01&to=2026-03-31' });

    await screen.findByRole('table');
    expect(sent.map((r) => r.path)).toContain('/api/admin/audit?actor=Claire&action=entraide.&from=2026-03-01&to=2026-03-31');
    expect(screen.getByRole('combobox', { name: 'Action' })).toHaveProperty('value', 'entraide.');
    expect(screen.getByRole('searchbox', { name: 'Personne' })).toHaveProperty('value', 'Claire');
    expect(screen.getByLabelText('Du')).toHaveProperty('value', '2026-03-01');
    expect(screen.getByText('1 234 entrées correspondent aux filtres.').getAttribute('role')).toBe('status');
    expect(screen.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href')).toBe('/api/admin/audit/export?actor=Claire&action=entraide.&from=2026-03-01&to=2026-03-31&format=csv');
    expect(screen.getByRole('link', { name: 'Plus anciennes' }).getAttribute('href')).toBe('/admin/journal?actor=Claire&action=entraide.&from=2026-03-01&to=2026-03-31&beforeId=12');
  });

  it('puts the chosen filters in the address', async () => {
    const sent = stubFetch({ 'GET /api/admin/audit': page([entry({})]) });
    renderWithApp(<AuditPage />, { path: '/admin/journal' });
    await screen.findByRole('table');

    fireEvent.change(screen.getByRole('combobox', { name: 'Action' }), { target: { value: 'alerts.alert.approved' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Type d’objet' }), { target: { value: 'alert' } });
    fireEvent.change(screen.getByLabelText('Au (inclus)'), { target: { value: '2026-04-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));

    await screen.findByRole('link', { name: 'Effacer les filtres' });
    expect(sent.at(-1)?.path).toBe('/api/admin/audit?action=alerts.alert.approved&entityType=alert&to=2026-04-02');
  });

  it('offers no export beyond the limit and says why', async () => {
    stubFetch({ 'GET /api/admin/audit': page([entry({})], { matching: 50_001 }) });
    renderWithApp(<AuditPage />, { path: '/admin/journal' });

    expect((await screen.findByText('Plus de 50 000 entrées dans le journal.')).getAttribute('role')).toBe('status');
    expect(screen.getByText(/L’export est limité à 50 000 entrées : resserrez les filtres/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Exporter (CSV)' })).toBeNull();
  });

  it('shows a refused filter next to its field', async () => {
    stubFetch({ 'GET /api/admin/audit': validationFailed({ to: 'La date de début doit précéder la date de fin.' }) });
    renderWithApp(<AuditPage />, { path: '/admin/journal?from=2026-04-02&to=2026-04-01' });

    const to = await screen.findByLabelText('Au (inclus)');
    await screen.findByRole('alert');
    expect(document.getElementById(to.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toContain('La date de début doit précéder la date de fin.');
  });
});
