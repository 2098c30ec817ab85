import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ALERT_TEMPLATES } from '../../../../contracts/alert-templates.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { AlertDraftPage } from './AlertDraftPage.js';

const CAMPAIGN = '2f1c7a52-0d3e-4c55-9b1a-1b2c3d4e5f60';

function stubDraftPage() {
  return stubFetch({
    'GET /api/session': sessionOf('agent', null),
    'GET /api/alerts/specialties': { body: { items: [] } },
    'POST /api/alerts/preview': { body: { recipients: 1200, withoutEmail: 0, frozen: 0 } },
    [`GET /api/alerts/campaigns/${CAMPAIGN}`]: {
      body: { id: CAMPAIGN, reference: 'C-2026-0042', label: 'Faux contrôle de certification — 09 70 12 34 56', scamFamily: 'certification_periodique', status: 'qualifiee' },
    },
  });
}

describe('drafting an alert', () => {
  it('starts from the template of the campaign’s family, never from its internal label, and shows the exact email', async () => {
    stubDraftPage();
    renderWithApp(<AlertDraftPage />, { path: `/alertes/gestion/nouvelle?campagne=${CAMPAIGN}` });

    const title = await screen.findByRole('textbox', { name: /Titre/ });
    expect((title as HTMLInputElement).value).toBe(ALERT_TEMPLATES.certification_periodique.title);
    for (const field of screen.getAllByRole('textbox')) expect((field as HTMLInputElement).value).not.toMatch(/09 70 12 34 56|C-2026-0042|certification_periodique/);
    // The agent is told which campaign, in words.
    expect(screen.getByText(/« Faux contrôle de certification — 09 70 12 34 56 » — Faux contrôle de la certification périodique \(menace de radiation\)\./)).toBeTruthy();

    const preview = screen.getByRole('region', { name: 'Aperçu de ce que recevront les médecins' });
    expect(within(preview).getByText(`[Alerte Ordre des médecins] ${ALERT_TEMPLATES.certification_periodique.title}`)).toBeTruthy();
    const mail = within(preview).getByLabelText('Texte du courriel');
    expect(mail.textContent).toMatch(/^Docteur DUPONT,\n/);
    expect(mail.textContent).toContain('CE QUI SE PASSE');
    expect(mail.textContent).toContain('Le Conseil national de l’Ordre des médecins');

    // Edits show in the preview as they are typed.
    fireEvent.change(title, { target: { value: 'Appels menaçant de radiation' } });
    expect(within(preview).getByText('[Alerte Ordre des médecins] Appels menaçant de radiation')).toBeTruthy();
    expect(within(preview).getByRole('heading', { name: 'Appels menaçant de radiation' })).toBeTruthy();
  });

  it('switches template at once while the text is untouched, and asks before replacing what the agent wrote', async () => {
    stubDraftPage();
    renderWithApp(<AlertDraftPage />, { path: '/alertes/gestion/nouvelle' });
    const title = await screen.findByRole('textbox', { name: /Titre/ });
    expect((title as HTMLInputElement).value).toBe(ALERT_TEMPLATES.generique.title);

    const picker = screen.getByRole('combobox', { name: /Partir d’un modèle/ });
    fireEvent.change(picker, { target: { value: 'colis' } });
    expect((title as HTMLInputElement).value).toBe(ALERT_TEMPLATES.colis.title);

    fireEvent.change(title, { target: { value: 'Mon titre à moi' } });
    fireEvent.change(picker, { target: { value: 'amende' } });
    expect((title as HTMLInputElement).value).toBe('Mon titre à moi');
    fireEvent.click(screen.getByRole('button', { name: 'Garder mon texte' }));
    expect((title as HTMLInputElement).value).toBe('Mon titre à moi');
    fireEvent.change(picker, { target: { value: 'amende' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remplacer mon texte par ce modèle' }));
    expect((title as HTMLInputElement).value).toBe(ALERT_TEMPLATES.amende.title);
  });
});
