import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_NUMBERS, type THelplines } from '../../../../contracts/entraide.schemas.js';
import { REPORT_CONSEQUENCES } from '../../../../contracts/reports.guidance.js';
import type { TSessionView } from '../../../../contracts/auth.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { EntraideOffer } from './EntraideOffer.js';
import { offersEntraide } from './entraide-offer.js';

const ANONYMOUS: { body: TSessionView } = { body: { state: 'anonymous', csrfToken: 'csrf-test', user: null, permissions: [] } };
const PARIS_LINES: THelplines = {
  departement: '75',
  nationalDefault: false,
  emergency: EMERGENCY_NUMBERS.map((e) => ({ ...e })),
  helplines: [{ name: 'Écoute Paris', purpose: 'Médecins de Paris', number: '01 40 00 00 00', hours: '7 jours sur 7' }],
};

describe('the entraide offer after a fraud report', () => {
  it('is made after money paid, bank details, credentials or personal data given; not for a computer alone, nor when nothing was given', () => {
    expect(REPORT_CONSEQUENCES.filter((c) => offersEntraide([c]))).toEqual(['argent_verse', 'coordonnees_bancaires', 'identifiants', 'donnees_personnelles']);
    expect(offersEntraide(['acces_ordinateur'])).toBe(false);
    expect(offersEntraide([])).toBe(false);
    expect(offersEntraide(['acces_ordinateur', 'identifiants'])).toBe(true);
  });

  it('offers a doctor the request form pre-filled « financière », with their département’s helplines, and sends nothing', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('medecin', '75'),
      'GET /api/entraide/helplines?departement=75': { body: PARIS_LINES },
    });
    renderWithApp(<EntraideOffer consequences={['argent_verse']} />);
    expect(await screen.findByRole('heading', { level: 2, name: "L'entraide ordinale peut vous aider" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('link', { name: "Demander l'aide de l'entraide ordinale" }).getAttribute('href')).toBe('/entraide/demande?nature=financiere'));
    expect((await screen.findByRole('link', { name: 'Appeler Écoute Paris au 01 40 00 00 00' })).getAttribute('href')).toBe('tel:0140000000');
    // Only reads: no request for help is ever filed on the reporter's behalf.
    expect(sent.every((r) => r.method === 'GET')).toBe(true);
  });

  it('leads someone without a doctor’s account to the public page, with the national helplines', async () => {
    const national = { departement: null, nationalDefault: true, emergency: PARIS_LINES.emergency, helplines: [{ name: 'SYNEXIAL', purpose: 'Assistants sociaux', number: '0800 288 038', hours: 'En semaine' }] };
    const sent = stubFetch({ 'GET /api/session': ANONYMOUS, 'GET /api/entraide/helplines': { body: national } });
    renderWithApp(<EntraideOffer consequences={['donnees_personnelles']} />);
    await screen.findByRole('heading', { level: 2, name: "L'entraide ordinale peut vous aider" });
    expect(screen.getByRole('link', { name: "Demander l'aide de l'entraide ordinale" }).getAttribute('href')).toBe('/entraide');
    await screen.findByText('En semaine');
    expect(sent.filter((r) => r.path.startsWith('/api/entraide/')).map((r) => r.path)).toEqual(['/api/entraide/helplines']);
  });

  it('is not shown, and nothing is asked, when nothing was lost', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('medecin', '75') });
    renderWithApp(<EntraideOffer consequences={['acces_ordinateur']} />);
    await waitFor(() => expect(sent.map((r) => r.path)).toContain('/api/session'));
    expect(screen.queryByRole('heading', { name: "L'entraide ordinale peut vous aider" })).toBeNull();
    expect(sent.map((r) => r.path)).not.toContain('/api/entraide/helplines');
  });
});
