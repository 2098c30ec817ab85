import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { HomePage } from './HomePage.js';

const counts = { nouveau: 0, en_revue: 3, avis_rendu: 1, contradictoire: 0, decide: 2 };
const page = (c: typeof counts) => ({ body: { items: [], total: 0, page: 1, pageSize: 25, counts: c } });

describe('the DPC counts on the home pages', () => {
  it('gives an expert reviewer the signalements designated to them, counted, linking to their list', async () => {
    const sent = stubFetch({ 'GET /api/session': sessionOf('relecteur_dpc', null), 'GET /api/dpc/reviews': page(counts) });
    renderWithApp(<HomePage />);
    expect(await screen.findByRole('heading', { name: 'Signalements qui vous sont confiés' })).toBeTruthy();
    expect(await screen.findByText('3 signalements à examiner.')).toBeTruthy();
    expect(screen.getByText('1 signalement avec votre avis, en attente de décision.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'En attente de votre avis' }).getAttribute('href')).toBe('/vigilance-dpc/signalements?status=en_revue');
    expect(sent.some((r) => r.path.startsWith('/api/dpc/signalements'))).toBe(false);
  });

  it('gives an agent the count of DPC signalements to triage, linking to the queue', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75'), 'GET /api/dpc/signalements': page({ ...counts, nouveau: 4 }), 'GET /api/home/work': { body: { items: [], doctor: null } } });
    renderWithApp(<HomePage />);
    expect(await screen.findByText(/^4 signalements à trier\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Signalements DPC' }).getAttribute('href')).toBe('/vigilance-dpc/signalements?status=nouveau');
  });
});
