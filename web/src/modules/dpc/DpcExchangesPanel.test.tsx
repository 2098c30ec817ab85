import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TDpcExchangeEntry, TDpcExchangeLog } from '../../../../contracts/dpc-exchanges.schemas.js';
import { renderWithApp, sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { DpcExchangesPanel } from './DpcExchangesPanel.js';

const ID = '5b0c7a4e-1d2f-4c3b-9a8e-7f6d5c4b3a21';
const FACTS = 'Le formateur, que j’ai vu le 12 mars, a dit d’arrêter la chimiothérapie.';
const envoi: TDpcExchangeEntry = {
  id: 'e-1',
  partner: 'miviludes',
  partnerLabel: 'MIVILUDES',
  direction: 'sortant',
  kind: 'envoi',
  kindLabel: 'Envoi du dossier',
  summary: null,
  partnerReference: null,
  occurredAt: '2026-05-04T10:00:00.000Z',
  recordedBy: 'Agent Dupont',
  package: { sha256: 'ab'.repeat(32), fileBaseName: 'DPC-2026-00042-miviludes' },
  acknowledged: false,
  acknowledgedBy: null,
  acknowledges: null,
};
const answer: TDpcExchangeEntry = {
  ...envoi,
  id: 'e-2',
  partner: 'andpc',
  partnerLabel: 'ANDPC (Agence nationale du DPC)',
  direction: 'entrant',
  kind: 'reponse',
  kindLabel: 'Réponse',
  summary: 'Enquête ouverte.',
  partnerReference: 'ANDPC-118',
  occurredAt: '2026-05-06T10:00:00.000Z',
  package: null,
  acknowledged: null,
};
const log: TDpcExchangeLog = {
  signalementId: ID,
  reference: 'DPC-2026-00042',
  entries: [envoi, answer],
  pending: [{ partner: 'andpc', partnerLabel: 'ANDPC (Agence nationale du DPC)', outcome: 'transmission_andpc', draftFacts: FACTS }],
};

describe('the exchanges panel', () => {
  it('shows the log: what, with whom, when, acknowledged or not, with the package downloads', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), [`GET /api/dpc/signalements/${ID}/exchanges`]: { body: log } });
    renderWithApp(<DpcExchangesPanel signalementId={ID} />);
    const table = await screen.findByRole('table', { name: /Journal des échanges/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('MIVILUDES');
    expect(rows[0]!.textContent).toContain('Envoi du dossier');
    expect(rows[0]!.textContent).toContain('En attente d’accusé de réception');
    expect(within(rows[0]!).getByRole('link', { name: /dossier PDF/ }).getAttribute('href')).toBe('/api/dpc/exchanges/e-1/package.pdf');
    expect(within(rows[0]!).getByRole('link', { name: /données JSON/ }).getAttribute('href')).toBe('/api/dpc/exchanges/e-1/package.json');
    expect(rows[1]!.textContent).toContain('Enquête ouverte.');
    expect(rows[1]!.textContent).toContain('ANDPC-118');
  });

  it('prepares the package of a pending transmission from the facts the agent rewrote', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      [`GET /api/dpc/signalements/${ID}/exchanges`]: { body: log },
      [`POST /api/dpc/signalements/${ID}/packages`]: { body: { ...envoi, id: 'e-3', partner: 'andpc', partnerLabel: 'ANDPC (Agence nationale du DPC)', package: { sha256: 'cd'.repeat(32), fileBaseName: 'DPC-2026-00042-andpc' } } },
    });
    renderWithApp(<DpcExchangesPanel signalementId={ID} />);
    const form = await screen.findByRole('form', { name: 'Préparer le dossier pour l’ANDPC' });
    const facts = within(form).getByLabelText('Les faits à transmettre') as HTMLTextAreaElement;
    expect(facts.value).toBe(FACTS);
    const user = userEvent.setup();
    await user.clear(facts);
    await user.type(facts, 'Le formateur a conseillé d’arrêter la chimiothérapie.');
    await user.click(within(form).getByRole('button', { name: /Préparer et enregistrer l’envoi à l’ANDPC/ }));

    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ partner: 'andpc', sharedFacts: 'Le formateur a conseillé d’arrêter la chimiothérapie.' });
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Dossier pour ANDPC (Agence nationale du DPC) préparé');
    expect(within(status).getByRole('link', { name: /dossier PDF/ }).getAttribute('href')).toBe('/api/dpc/exchanges/e-3/package.pdf');
  });

  it('records an acknowledgement of a package, and shows the refused fields', async () => {
    let calls = 0;
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      [`GET /api/dpc/signalements/${ID}/exchanges`]: { body: log },
      [`POST /api/dpc/signalements/${ID}/exchanges`]: () => {
        calls += 1;
        return calls === 1 ? validationFailed({ summary: 'Le résumé de l’échange est obligatoire.' }) : { body: { ...answer, id: 'e-4', kind: 'accuse_reception' } };
      },
    });
    renderWithApp(<DpcExchangesPanel signalementId={ID} />);
    const form = await screen.findByRole('form', { name: /Enregistrer une réponse/ });
    const user = userEvent.setup();
    await user.selectOptions(within(form).getByLabelText('Partenaire'), 'miviludes');
    await user.selectOptions(within(form).getByLabelText(/Envoi concerné/), 'e-1');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer l’échange' }));
    expect(await within(form).findByRole('link', { name: 'Le résumé de l’échange est obligatoire.' })).toBeTruthy();
    expect(within(form).getByLabelText('Résumé').getAttribute('aria-invalid')).toBe('true');

    await user.type(within(form).getByLabelText('Résumé'), 'Accusé de réception reçu par courriel.');
    await user.type(within(form).getByLabelText(/Référence du dossier/), 'MIV-2026-9');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer l’échange' }));
    expect(await within(form).findByRole('status')).toBeTruthy();
    const bodies = sent.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(bodies.at(-1)).toEqual({ partner: 'miviludes', kind: 'accuse_reception', direction: 'entrant', summary: 'Accusé de réception reçu par courriel.', partnerReference: 'MIV-2026-9', acknowledges: 'e-1' });
  });

  it('shows nothing, and asks nothing, to someone who does not handle exchanges', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('relecteur_dpc', null) });
    const { container } = renderWithApp(<DpcExchangesPanel signalementId={ID} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
    expect(sent.map((r) => r.path)).toEqual(['/api/session']);
  });
});
