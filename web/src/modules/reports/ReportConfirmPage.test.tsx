import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TSessionView } from '../../../../contracts/auth.schemas.js';
import { EMERGENCY_NUMBERS, DEFAULT_HELPLINES } from '../../../../contracts/entraide.schemas.js';
import type { TReportFiled } from '../../../../contracts/reports.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { ReportConfirmPage } from './ReportConfirmPage.js';

const ANONYMOUS: { body: TSessionView } = { body: { state: 'anonymous', csrfToken: 'csrf-test', user: null, permissions: [] } };
const CONFIRMED: TReportFiled = {
  reportId: '6f1c2a9e-6a44-4b8e-9a57-0c3f4f1c2b10',
  receiptNumber: 'SIG-2026-ABCD1234',
  status: 'nouveau',
  statusLabel: 'Reçu, en attente de traitement',
  channel: 'telephone',
  confirmationRequired: false,
  guidance: [],
  consequences: ['coordonnees_bancaires'],
};
const NATIONAL = { departement: null, nationalDefault: true, emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })), helplines: [...DEFAULT_HELPLINES] };

describe('the confirmation of a report filed without an account', () => {
  it('offers the entraide after bank details were given, as the server reports what happened', async () => {
    const sent = stubFetch({
      'GET /api/session': ANONYMOUS,
      'POST /api/reports/confirm': { body: CONFIRMED },
      'GET /api/entraide/helplines': { body: NATIONAL },
    });
    const user = userEvent.setup();
    renderWithApp(<ReportConfirmPage />, { path: '/signaler/confirmer?jeton=abcdefghijklmnopqrstuvwxyz' });
    await user.click(screen.getByRole('button', { name: 'Confirmer mon signalement' }));

    expect(await screen.findByRole('heading', { level: 2, name: "L'entraide ordinale peut vous aider" })).toBeTruthy();
    expect(screen.getByRole('link', { name: "Demander l'aide de l'entraide ordinale" }).getAttribute('href')).toBe('/entraide');
    expect((await screen.findByRole('link', { name: 'Appeler STIMULUS au 09 80 80 03 07' })).getAttribute('href')).toBe('tel:0980800307');
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/reports/confirm']);
  });

  it('says nothing of the entraide when nothing was given', async () => {
    stubFetch({ 'GET /api/session': ANONYMOUS, 'POST /api/reports/confirm': { body: { ...CONFIRMED, consequences: [] } } });
    const user = userEvent.setup();
    renderWithApp(<ReportConfirmPage />, { path: '/signaler/confirmer?jeton=abcdefghijklmnopqrstuvwxyz' });
    await user.click(screen.getByRole('button', { name: 'Confirmer mon signalement' }));
    await screen.findByText('Signalement confirmé');
    expect(screen.queryByRole('heading', { name: "L'entraide ordinale peut vous aider" })).toBeNull();
  });
});
