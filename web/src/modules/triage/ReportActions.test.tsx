import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { ReportActions } from './ReportActions.js';

function report(assignee: TTriageReportDetail['assignee']): TTriageReportDetail {
  return {
    id: 'r-1',
    status: 'nouveau',
    version: 3,
    assignee,
    mergedInto: null,
    qualifiedAt: null,
    closedAt: null,
    updatedAt: '2026-11-16T09:12:00.000Z',
    actions: { statuses: [], canAssign: true, canMerge: false },
    receiptNumber: 'SIG-2026-AAAA1111',
    source: 'formulaire',
    channel: 'sms',
    occurredOn: null,
    organisationName: '',
    callerNumber: '',
    sender: '',
    links: [],
    description: 'SMS reçu ce matin',
    pastedText: '',
    departement: '75',
    reporter: { name: 'Dr Déclarant', email: null, pseudonymous: false, account: null, confirmedAt: null },
    verdict: null,
    scamFamily: null,
    analysis: null,
    campaign: null,
    campaignPinned: false,
    duplicates: [],
    attachments: [],
    notes: [],
    createdAt: '2026-11-16T09:12:00.000Z',
  };
}

const state = (assignee: { id: string; displayName: string } | null) => ({
  body: { ...report(assignee), version: 4 },
});

describe('assigning a report: one action', () => {
  it('assigns to oneself in one click, without loading the list of agents', async () => {
    const sent = stubFetch({ 'POST /api/triage/reports/r-1/assignment': state({ id: 'u-1', displayName: 'Agent Test' }) });
    const onMessage = vi.fn();
    renderWithApp(<ReportActions report={report(null)} userId="u-1" onMessage={onMessage} onReload={() => {}} />);

    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['M’attribuer', 'Attribuer à…']);
    fireEvent.click(screen.getByRole('button', { name: 'M’attribuer' }));
    await waitFor(() => expect(onMessage).toHaveBeenCalledWith('Signalement attribué à Agent Test.'));
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/api/triage/reports/r-1/assignment', { assigneeId: 'u-1', version: 3 }]]);
  });

  it('chooses someone else, or nobody, behind « Attribuer à… »', async () => {
    const sent = stubFetch({
      'GET /api/triage/reports/r-1/assignees': { body: { items: [{ id: 'u-2', displayName: 'Claire Agent', departement: '75' }] } },
      'POST /api/triage/reports/r-1/assignment': state({ id: 'u-2', displayName: 'Claire Agent' }),
    });
    renderWithApp(<ReportActions report={report({ id: 'u-1', displayName: 'Agent Test' })} userId="u-1" onMessage={() => {}} onReload={() => {}} />);

    // Already the reader's: no « M’attribuer », and the choice stays folded until asked for.
    const toggle = screen.getByRole('button', { name: 'Attribuer à…' });
    expect(screen.queryByRole('button', { name: 'M’attribuer' })).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('combobox')).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await screen.findByRole('option', { name: 'Claire Agent' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Attribuer à' }), { target: { value: 'u-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valider l’attribution' }));
    await waitFor(() => expect(sent.some((r) => r.method === 'POST')).toBe(true));
    expect(sent.find((r) => r.method === 'POST')!.body).toEqual({ assigneeId: 'u-2', version: 3 });
  });
});
