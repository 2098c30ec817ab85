import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HELPLINES, EMERGENCY_NUMBERS, type TEntraideReceipt } from '../../../../contracts/entraide.schemas.js';
import { renderWithApp, sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { OwnRequestPage } from './OwnRequestPage.js';

const RECEIPT: TEntraideReceipt = {
  reference: 'E-2026-014',
  status: 'recu',
  helplines: { departement: '75', nationalDefault: true, emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })), helplines: [...DEFAULT_HELPLINES] },
};

describe('« Demander de l’aide » (a doctor, for themself)', () => {
  it('pre-fills « Financière » from the address of the fraud report’s offer', async () => {
    stubFetch({ 'GET /api/session': sessionOf('medecin', '75') });
    renderWithApp(<OwnRequestPage />, { path: '/entraide/demande?nature=financiere' });
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: /^Financière/ })).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /^Santé/ }).checked).toBe(false);
  });

  it('sends nothing while a nature or the choice about contact is missing, and puts the focus on the first field to fix', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('medecin', '75') });
    const user = userEvent.setup();
    renderWithApp(<OwnRequestPage />, { path: '/entraide/demande' });
    await user.click(await screen.findByRole('button', { name: 'Envoyer ma demande' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getAllByRole('link').map((l) => l.textContent)).toEqual([
      'Choisissez au moins une nature de difficulté.',
      'Indiquez si la commission peut vous contacter, et comment.',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /^Sociale/ }));
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);

    // « Par téléphone » asks for the number, and only then.
    await user.click(screen.getByRole('checkbox', { name: /^Personnelle/ }));
    await user.click(screen.getByRole('radio', { name: 'Par téléphone' }));
    await user.click(screen.getByRole('button', { name: 'Envoyer ma demande' }));
    expect(within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent)).toEqual(['Indiquez le numéro auquel la commission peut appeler.']);
    expect(document.activeElement).toBe(screen.getByLabelText('Numéro de téléphone'));
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the emergency numbers again when help is needed today', async () => {
    stubFetch({ 'GET /api/session': sessionOf('medecin', '75') });
    const user = userEvent.setup();
    renderWithApp(<OwnRequestPage />, { path: '/entraide/demande' });
    expect(await screen.findAllByRole('link', { name: 'Appeler le 3114' })).toHaveLength(1);
    await user.click(screen.getByRole('radio', { name: "Aujourd'hui" }));
    const links = screen.getAllByRole('link', { name: 'Appeler le 3114' });
    expect(links).toHaveLength(2);
    expect(links.every((l) => l.getAttribute('href') === 'tel:3114')).toBe(true);
  });

  it('sends the request, then shows the pseudonym, what happens next and the helplines', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('medecin', '75'),
      'POST /api/entraide/requests': { status: 201, body: RECEIPT },
    });
    const user = userEvent.setup();
    renderWithApp(<OwnRequestPage />, { path: '/entraide/demande?nature=financiere' });
    await user.click(await screen.findByRole('radio', { name: 'Dans les 48 heures' }));
    await user.type(screen.getByLabelText('Message (facultatif)'), "J'ai perdu 8 000 € dans une escroquerie.");
    await user.click(screen.getByRole('radio', { name: 'Par courriel' }));
    // The account's address is offered; the doctor may give another.
    const email = screen.getByLabelText<HTMLInputElement>('Adresse électronique');
    expect(email.value).toBe('agent@exemple.fr');
    await user.clear(email);
    await user.type(email, 'perso@exemple.fr');
    await user.click(screen.getByRole('button', { name: 'Envoyer ma demande' }));

    expect(await screen.findByText('Dossier E-2026-014')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      [
        '/api/entraide/requests',
        { natures: ['financiere'], urgency: 'rapide', message: "J'ai perdu 8 000 € dans une escroquerie.", contact: { means: 'courriel', consent: true, email: 'perso@exemple.fr' } },
      ],
    ]);
    expect(screen.getByText('Un membre de la commission vous écrira par courriel.')).toBeTruthy();
    expect(screen.getByRole('link', { name: "Mes demandes d'entraide" }).getAttribute('href')).toBe('/entraide/mes-demandes');
    expect(screen.getByRole('link', { name: 'Appeler SYNEXIAL au 0800 288 038' }).getAttribute('href')).toBe('tel:0800288038');
    expect(screen.getByRole('link', { name: 'Appeler STIMULUS au 09 80 80 03 07' }).getAttribute('href')).toBe('tel:0980800307');
  });

  it('shows the server’s refusal next to the field it is about', async () => {
    stubFetch({
      'GET /api/session': sessionOf('medecin', '75'),
      'POST /api/entraide/requests': validationFailed({ 'contact.phone': 'Numéro trop long.' }),
    });
    const user = userEvent.setup();
    renderWithApp(<OwnRequestPage />, { path: '/entraide/demande?nature=sante' });
    await user.click(await screen.findByRole('radio', { name: 'Par téléphone' }));
    await user.type(screen.getByLabelText('Numéro de téléphone'), '06 12 34 56 78');
    await user.click(screen.getByRole('button', { name: 'Envoyer ma demande' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Certaines informations sont invalides. Corrigez les champs signalés.')).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Numéro trop long.' }).getAttribute('href')).toBe('#demande-entraide-phone');
    expect(screen.getByLabelText('Numéro de téléphone').getAttribute('aria-invalid')).toBe('true');
  });
});
