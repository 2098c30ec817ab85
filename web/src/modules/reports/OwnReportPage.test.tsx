import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import type { TOwnReport } from './reports.api.js';
import { OwnReportPage } from './OwnReportPage.js';
import { Route, Routes } from 'react-router';

const report: TOwnReport = {
  receiptNumber: 'SIG-2026-ABCD1234',
  status: 'en_cours',
  statusLabel: 'En cours de traitement',
  channel: 'sms',
  channelLabel: 'SMS',
  occurredOn: '2026-11-30',
  organisationName: 'Faux ANDPC',
  verdict: 'fraude_probable',
  attachmentCount: 1,
  pseudonymous: false,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-02T09:00:00.000Z',
  description: 'SMS reçu au cabinet.',
  pastedText: 'Votre certification est incomplète : rappelez le 09 70 55 44 33.',
  callerNumber: '',
  sender: '',
  links: [],
  attachments: [{ fileName: 'capture.png', mediaType: 'image/png', sizeBytes: 2048 }],
  guidance: [],
};

describe('a doctor reopens a report they sent', () => {
  it('shows its status, what they sent as they typed it, and the files', async () => {
    stubFetch({ 'GET /api/session': sessionOf('medecin', '75'), 'GET /api/reports/mine/SIG-2026-ABCD1234': { body: report } });
    renderWithApp(
      <Routes>
        <Route path="/mes-signalements/:recu" element={<OwnReportPage />} />
      </Routes>,
      { path: '/mes-signalements/SIG-2026-ABCD1234' },
    );
    const sent = await screen.findByRole('region', { name: 'Ce que vous avez envoyé' });
    expect(within(sent).getByText('Votre certification est incomplète : rappelez le 09 70 55 44 33.').getAttribute('translate')).toBe('no');
    expect(within(sent).getByText(/capture\.png/)).toBeTruthy();
    expect(screen.getByText('En cours de traitement')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Signalement SIG-2026-ABCD1234' })).toBeTruthy();
  });

  it('says so when the receipt is not one of theirs', async () => {
    stubFetch({
      'GET /api/session': sessionOf('medecin', '75'),
      'GET /api/reports/mine/SIG-2026-ZZZZZZZZ': { status: 404, body: { error: { code: 'NOT_FOUND', message: "Ce signalement n'existe pas ou n'est pas l'un des vôtres.", requestId: 'r' } } },
    });
    renderWithApp(
      <Routes>
        <Route path="/mes-signalements/:recu" element={<OwnReportPage />} />
      </Routes>,
      { path: '/mes-signalements/SIG-2026-ZZZZZZZZ' },
    );
    expect(await screen.findByText(/n'est pas l'un des vôtres/)).toBeTruthy();
  });
});
