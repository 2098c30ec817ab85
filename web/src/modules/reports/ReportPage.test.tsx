import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TReportFiled, TReportLimits } from '../../../../contracts/reports.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { ReportPage } from './ReportPage.js';

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

describe('« Signaler un démarchage »', () => {
  it('sends a doctor’s report with its files as multipart parts, then shows the receipt', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('medecin', '75'),
      'GET /api/reports/limits': { body: LIMITS },
      'POST /api/reports': { status: 201, body: FILED },
    });
    const user = userEvent.setup();
    renderWithApp(<ReportPage />, { path: '/signaler' });

    await user.click(await screen.findByRole('radio', { name: 'SMS' }));
    await user.type(screen.getByLabelText('Liens reçus (facultatif)'), 'https://a.example\nhttps://b.example');
    await user.type(screen.getByLabelText("Ce qui s'est passé"), 'SMS reçu ce matin.');
    await user.click(screen.getByLabelText("J'ai payé ou versé de l'argent"));
    const capture = new File(['Bonjour docteur'], 'capture.txt', { type: 'text/plain' });
    await waitFor(() => expect(screen.getByLabelText('Copies des échanges (facultatif)')).toHaveProperty('disabled', false));
    await user.upload(screen.getByLabelText('Copies des échanges (facultatif)'), capture);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    expect((await screen.findByText('SIG-2026-ABCD1234')).className).toBe('receipt-number');
    const filing = sent.find((r) => r.method === 'POST');
    expect(filing?.path).toBe('/api/reports');
    const form = filing?.body;
    expect(form).toBeInstanceOf(FormData);
    if (!(form instanceof FormData)) return;
    expect([...form.keys()]).toEqual(['channel', 'organisationName', 'callerNumber', 'sender', 'links', 'links', 'description', 'pastedText', 'consequences', 'pseudonymous', 'attachments']);
    expect(form.get('channel')).toBe('sms');
    expect(form.getAll('links')).toEqual(['https://a.example', 'https://b.example']);
    expect(form.get('consequences')).toBe('argent_verse');
    expect(form.get('pseudonymous')).toBe('false');
    const attached = form.get('attachments');
    expect(attached instanceof File ? attached.name : attached).toBe('capture.txt');
  });
});
