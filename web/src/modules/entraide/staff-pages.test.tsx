import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HELPLINES, EMERGENCY_NUMBERS, type TEntraideReceipt } from '../../../../contracts/entraide.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { CallsPage } from './CallsPage.js';
import { RecordRequestPage } from './RecordRequestPage.js';
import type { TEntraideCallList } from './entraide.api.js';

const OPEN_CALL = '0b9b5f2e-1c1a-4f7e-8d2b-5a6c7d8e9f01';
const CALLS: TEntraideCallList = {
  calls: [
    { id: OPEN_CALL, departement: '75', receivedOn: '2026-03-02', natures: ['financiere', 'personnelle'], urgency: 'rapide', caseReference: null },
    { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', departement: '75', receivedOn: '2026-02-20', natures: [], urgency: 'normale', caseReference: 'E-2026-003' },
  ],
};
const RECEIPT: TEntraideReceipt = {
  reference: 'E-2026-020',
  status: 'recu',
  helplines: { departement: '75', nationalDefault: true, emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })), helplines: [...DEFAULT_HELPLINES] },
};

describe('the entraide screens of an agent', () => {
  it('logs a call without identity, for the agent’s département, and lists calls with the way to open a case', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'GET /api/entraide/calls': { body: CALLS },
      'POST /api/entraide/calls': { status: 201, body: { id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' } },
    });
    const user = userEvent.setup();
    renderWithApp(<CallsPage />, { path: '/entraide/appels' });

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByRole('link', { name: /^Ouvrir un dossier/ }).getAttribute('href')).toBe(`/entraide/enregistrer?appel=${OPEN_CALL}`);
    expect(within(rows[1]!).getByText('Dossier E-2026-003')).toBeTruthy();
    expect(within(rows[1]!).queryByRole('link')).toBeNull();

    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Département').value).toBe('75'));
    expect(screen.getByLabelText<HTMLSelectElement>('Département').disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Santé' }));
    await user.click(screen.getByRole('radio', { name: "Aujourd'hui" }));
    await user.type(screen.getByLabelText('Résumé (facultatif)'), 'Épuisement, ne dort plus, souhaite être rappelé.');
    await user.click(screen.getByRole('button', { name: "Noter l'appel" }));

    await screen.findByText('Appel noté');
    const logged = sent.find((r) => r.method === 'POST');
    expect(logged?.path).toBe('/api/entraide/calls');
    expect(logged?.body).toMatchObject({ departement: '75', natures: ['sante'], urgency: 'immediate', summary: 'Épuisement, ne dort plus, souhaite être rappelé.' });
    expect((logged?.body as { receivedOn: string }).receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('opens a case from a logged call: its natures and urgency carried over, sent to the call’s route', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'GET /api/entraide/calls': { body: CALLS },
      [`POST /api/entraide/calls/${OPEN_CALL}/case`]: { status: 201, body: RECEIPT },
    });
    const user = userEvent.setup();
    renderWithApp(<RecordRequestPage />, { path: `/entraide/enregistrer?appel=${OPEN_CALL}` });

    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: /^Financière/ })).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /^Personnelle/ }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Dans les 48 heures' }).checked).toBe(true);
    expect(screen.getByLabelText<HTMLSelectElement>('Département').disabled).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Médecin inscrit au tableau' }));
    await user.type(screen.getByLabelText('Son prénom'), 'Marc');
    await user.type(screen.getByLabelText('Son nom'), 'Lambert');
    await user.click(screen.getByRole('radio', { name: 'Ne pas la contacter : elle rappellera' }));
    await user.click(screen.getByRole('button', { name: 'Ouvrir le dossier' }));

    expect(await screen.findByText('Dossier E-2026-020')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      [
        `/api/entraide/calls/${OPEN_CALL}/case`,
        {
          natures: ['financiere', 'personnelle'],
          urgency: 'rapide',
          message: '',
          contact: { means: 'aucun', consent: false },
          departement: '75',
          beneficiary: { kind: 'medecin', firstName: 'Marc', lastName: 'Lambert' },
        },
      ],
    ]);
    expect(screen.getByText('La commission ne contactera pas la personne : elle rappellera le conseil en donnant cette référence.')).toBeTruthy();
  });

  it('records a request received by phone on the recorded route', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'POST /api/entraide/requests/recorded': { status: 201, body: RECEIPT } });
    const user = userEvent.setup();
    renderWithApp(<RecordRequestPage />, { path: '/entraide/enregistrer' });
    await user.click(await screen.findByRole('radio', { name: 'Un proche' }));
    await user.click(screen.getByRole('radio', { name: 'Docteur junior' }));
    await user.type(screen.getByLabelText('Son prénom'), 'Léa');
    await user.type(screen.getByLabelText('Son nom'), 'Roux');
    await user.type(screen.getByLabelText('Prénom du proche'), 'Anne');
    await user.type(screen.getByLabelText('Nom du proche'), 'Roux');
    await user.type(screen.getByLabelText('Lien du proche avec la personne'), 'Mère');
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Département').value).toBe('75'));
    await user.click(screen.getByRole('checkbox', { name: /^Sociale/ }));
    await user.click(screen.getByRole('radio', { name: 'Par courrier' }));
    await user.type(screen.getByLabelText('Adresse postale'), '3 rue des Lilas, 75011 Paris');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la demande' }));

    await screen.findByText('Dossier E-2026-020');
    const recorded = sent.find((r) => r.method === 'POST');
    expect(recorded?.path).toBe('/api/entraide/requests/recorded');
    expect(recorded?.body).toMatchObject({
      departement: '75',
      beneficiary: { kind: 'docteur_junior', firstName: 'Léa', lastName: 'Roux' },
      requester: { firstName: 'Anne', lastName: 'Roux', relation: 'Mère' },
      contact: { means: 'courrier', consent: true, address: '3 rue des Lilas, 75011 Paris' },
    });
  });
});
