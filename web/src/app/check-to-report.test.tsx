import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../analysis/analyze.js';
import type { TReportFiled, TReportLimits } from '../../../contracts/reports.schemas.js';
import { CheckPage } from '../modules/checks/CheckPage.js';
import { ReportPage } from '../modules/reports/ReportPage.js';
import { renderWithApp, sessionOf, stubFetch } from '../../test/render.js';

// Two modules meet here, as in the router: « Vérifier un message » hands the checked message to the report form.
const LIMITS: TReportLimits = { maxFileBytes: 10_000, maxFileLabel: '10 Ko', maxFiles: 5, acceptedLabel: 'texte (.txt)', accept: '.txt,text/plain' };
const FILED: TReportFiled = {
  reportId: '6f1c2a9e-6a44-4b8e-9a57-0c3f4f1c2b10',
  receiptNumber: 'SIG-2026-ABCD1234',
  status: 'nouveau',
  statusLabel: 'Nouveau',
  channel: 'sms',
  confirmationRequired: false,
  guidance: [],
  consequences: [],
};
const SCAM_SMS = 'Docteur, votre certification périodique expire. Régularisez sur https://certif-medecins.example/connexion';

describe('from a checked message to a report', () => {
  it('takes over the message checked on « Vérifier un message », and sends it as JSON when no file is joined', async () => {
    const sent = stubFetch({
      'POST /api/analyses': { body: analyzeText({ kind: 'sms', text: SCAM_SMS }) },
      'GET /api/session': sessionOf('medecin', '75'),
      'GET /api/reports/limits': { body: LIMITS },
      'POST /api/reports': { status: 201, body: FILED },
    });
    const user = userEvent.setup();
    renderWithApp(
      <Routes>
        <Route path="/verifier" element={<CheckPage />} />
        <Route path="/signaler" element={<ReportPage />} />
      </Routes>,
      { path: '/verifier' },
    );
    await user.click(screen.getByLabelText('Message à vérifier'));
    await user.paste(SCAM_SMS);
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));
    await user.click(await screen.findByRole('link', { name: "Signaler ce message à l'Ordre" }));

    expect(await screen.findByText('Le message vérifié a été repris')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'SMS' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('Copie des échanges (facultatif)')).toHaveProperty('value', SCAM_SMS);
    expect(screen.getByLabelText('Liens reçus (facultatif)')).toHaveProperty('value', 'https://certif-medecins.example/connexion');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    await screen.findByText('SIG-2026-ABCD1234');
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      ['/api/analyses', { kind: 'sms', text: SCAM_SMS }],
      [
        '/api/reports',
        {
          channel: 'sms',
          occurredOn: null,
          organisationName: '',
          callerNumber: '',
          sender: '',
          links: ['https://certif-medecins.example/connexion'],
          description: '',
          pastedText: SCAM_SMS,
          consequences: [],
          pseudonymous: false,
        },
      ],
    ]);
  });
});
