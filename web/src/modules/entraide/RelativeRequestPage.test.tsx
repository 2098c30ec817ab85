import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_NUMBERS, type TEntraideReceipt } from '../../../../contracts/entraide.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { RelativeRequestPage } from './RelativeRequestPage.js';

const LYON_LINE = { name: 'Écoute Rhône', purpose: 'Médecins du Rhône', number: '04 72 00 00 00', hours: 'Du lundi au vendredi, de 9 h à 17 h' };
const RECEIPT: TEntraideReceipt = {
  reference: 'E-2026-015',
  status: 'recu',
  helplines: { departement: '69', nationalDefault: false, emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })), helplines: [LYON_LINE] },
};

describe('« Je demande pour un proche médecin » (without an account)', () => {
  it('asks who is in difficulty and who asks before sending anything', async () => {
    const sent = stubFetch({});
    const user = userEvent.setup();
    renderWithApp(<RelativeRequestPage />, { path: '/entraide/proche' });
    await user.click(screen.getByRole('button', { name: 'Envoyer la demande' }));
    const messages = within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent);
    expect(messages).toEqual([
      'Indiquez qui est la personne en difficulté.',
      'Indiquez le prénom de la personne en difficulté.',
      'Indiquez le nom de la personne en difficulté.',
      'Indiquez votre prénom.',
      'Indiquez votre nom.',
      'Indiquez votre lien avec la personne (conjoint, enfant, confrère…).',
      'Choisissez le département où la personne exerce ou habite.',
      'Choisissez au moins une nature de difficulté.',
      'Indiquez si la commission peut vous contacter, et comment.',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Médecin inscrit au tableau' }));
    expect(sent).toEqual([]);
  });

  it('sends the request for the doctor, then shows the pseudonym and the département’s helplines', async () => {
    const sent = stubFetch({ 'POST /api/entraide/requests/relative': { status: 201, body: RECEIPT } });
    const user = userEvent.setup();
    renderWithApp(<RelativeRequestPage />, { path: '/entraide/proche' });
    await user.click(screen.getByRole('radio', { name: 'Médecin inscrit au tableau' }));
    await user.type(screen.getByLabelText('Son prénom'), 'Hélène');
    await user.type(screen.getByLabelText('Son nom'), 'Morel');
    await user.type(screen.getByLabelText('Votre prénom'), 'Paul');
    await user.type(screen.getByLabelText('Votre nom'), 'Morel');
    await user.type(screen.getByLabelText('Votre lien avec la personne'), 'Conjoint');
    await user.selectOptions(screen.getByLabelText('Département'), '69');
    await user.click(screen.getByRole('checkbox', { name: /^Santé/ }));
    await user.click(screen.getByRole('radio', { name: 'Par téléphone' }));
    await user.type(screen.getByLabelText('Numéro de téléphone'), '06 98 76 54 32');
    await user.click(screen.getByRole('button', { name: 'Envoyer la demande' }));

    expect(await screen.findByText('Dossier E-2026-015')).toBeTruthy();
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'POST',
        '/api/entraide/requests/relative',
        {
          natures: ['sante'],
          urgency: 'normale',
          message: '',
          contact: { means: 'telephone', consent: true, phone: '06 98 76 54 32' },
          departement: '69',
          beneficiary: { kind: 'medecin', firstName: 'Hélène', lastName: 'Morel' },
          requester: { firstName: 'Paul', lastName: 'Morel', relation: 'Conjoint' },
        },
      ],
    ]);
    expect(screen.getByText('Un membre de la commission vous appellera.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Appeler Écoute Rhône au 04 72 00 00 00' }).getAttribute('href')).toBe('tel:0472000000');
    // A relative has no « Mes demandes »: the reference is theirs to keep.
    expect(screen.queryByRole('link', { name: "Mes demandes d'entraide" })).toBeNull();
  });
});
