import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TChangeRequestView, TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { ChangeRequestForm } from './ChangeRequestForm.js';

const DOCTOR: TDoctorRecord = {
  id: 'd-1',
  rpps: '10000000001',
  displayName: 'Dr Jeanne Martin',
  birthName: 'Martin',
  usageName: null,
  firstNames: 'Jeanne',
  birthDate: '1980-04-02',
  specialty: 'Médecine générale',
  departement: '75',
  status: 'inscrit',
  pro: { address: '1 rue de la Paix', postalCode: '75002', city: 'Paris', email: 'cabinet@exemple.fr', phone: '0140000000' },
  corr: { address: '1 rue de la Paix', postalCode: '75002', city: 'Paris', email: 'jeanne@exemple.fr', phone: null },
  frozen: null,
  coolingUntil: null,
  hasAccount: true,
  version: 3,
  updatedAt: '2026-11-01T10:00:00.000Z',
};

const CREATED: TChangeRequestView = {
  id: 'cr-1',
  reference: 'DEM-2026-0001',
  doctorId: 'd-1',
  kind: 'transfer',
  channel: 'telephone',
  status: 'attente_presence',
  departement: '75',
  requested: { departement: '2A' },
  holdReasons: [],
  createdBy: 'u-1',
  checkedBy: null,
  reviewedBy: null,
  decisionReason: null,
  createdAt: '2026-11-16T09:00:00.000Z',
  appliedAt: null,
};

function renderForm() {
  const onCreated = vi.fn<(request: TChangeRequestView) => void>();
  renderWithApp(<ChangeRequestForm doctor={DOCTOR} onCreated={onCreated} onCancel={() => undefined} />);
  return { onCreated, user: userEvent.setup() };
}

describe('ChangeRequestForm', () => {
  it('offers the four channels an agent receives a request from, and warns about a remote one', async () => {
    const { user } = renderForm();
    const channels = within(screen.getByRole('group', { name: 'Comment la demande a-t-elle été reçue ?' })).getAllByRole('radio');
    expect(channels.map((radio) => radio.getAttribute('value'))).toEqual(['guichet', 'telephone', 'courriel', 'courrier']);
    expect(screen.getByRole('radio', { name: 'Au guichet' })).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'Au guichet' }));
    expect(screen.queryByText('Demande reçue à distance')).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Par courrier' }));
    expect(screen.getByText('Demande reçue à distance')).toBeTruthy();
  });

  it('refuses an incomplete request without sending it, naming what is missing', async () => {
    const sent = stubFetch({});
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Enregistrer la demande' }));

    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('La demande est incomplète.');
    expect(within(summary).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Indiquez comment la demande a été reçue.',
      'Indiquez au moins une coordonnée à modifier.',
    ]);
    expect(screen.getByLabelText('Adresse').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
  });

  it('sends only the contact details that changed, an emptied phone or email as cleared', async () => {
    const sent = stubFetch({ 'POST /api/registry/change-requests': { status: 201, body: { ...CREATED, kind: 'contact_change' } } });
    const { user, onCreated } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Au guichet' }));
    await user.clear(screen.getByLabelText('Adresse électronique de correspondance'));
    await user.type(screen.getByLabelText('Téléphone de correspondance'), '06 12 34 56 78');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la demande' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/api/registry/change-requests', { doctorId: 'd-1', kind: 'contact_change', channel: 'guichet', changes: { corrEmail: null, corrPhone: '06 12 34 56 78' } }],
    ]);
  });

  it('records a transfer to the département picked', async () => {
    const sent = stubFetch({ 'POST /api/registry/change-requests': { status: 201, body: CREATED } });
    const { user, onCreated } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Par téléphone' }));
    await user.click(screen.getByRole('radio', { name: 'Transfert vers un autre département' }));
    await user.selectOptions(screen.getByRole('combobox', { name: "Département d'arrivée" }), '2A');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la demande' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0]?.[0]).toEqual(CREATED);
    expect(sent.map((r) => r.body)).toEqual([{ doctorId: 'd-1', kind: 'transfer', channel: 'telephone', targetDepartement: '2A' }]);
  });
});
