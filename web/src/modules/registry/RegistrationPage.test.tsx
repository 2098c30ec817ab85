import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SPECIALTY_LABELS } from '../../../../contracts/specialties.js';
import { renderWithApp, sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { RegistrationPage } from './RegistrationPage.js';

describe('RegistrationPage', () => {
  it('offers the specialty from the official list only, « Non renseignée » first', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75') });
    renderWithApp(<RegistrationPage />);
    const select = await screen.findByRole('combobox', { name: /Spécialité/ });
    const options = within(select).getAllByRole<HTMLOptionElement>('option');
    expect(options[0]?.textContent).toBe('Non renseignée');
    expect(options.slice(1).map((o) => o.value)).toEqual([...SPECIALTY_LABELS]);
    expect(options.map((o) => o.textContent)).toContain('Anesthésie-réanimation');
  });

  it('sends the chosen label, and shows the server’s refusal next to the field', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('agent', '75'),
      'POST /api/registry/registrations': validationFailed({ specialty: 'Choisissez une spécialité de la liste officielle.' }),
    });
    const user = userEvent.setup();
    renderWithApp(<RegistrationPage />);
    await user.selectOptions(await screen.findByRole('combobox', { name: /Spécialité/ }), 'Dermatologie et vénéréologie');
    await user.click(screen.getByRole('button', { name: "Enregistrer l'inscription" }));

    await waitFor(() => expect(sent.some((r) => r.method === 'POST')).toBe(true));
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({ specialty: 'Dermatologie et vénéréologie' });
    const select = await screen.findByRole('combobox', { name: /Spécialité/ });
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Choisissez une spécialité de la liste officielle.').length).toBeGreaterThan(0);
  });
});
