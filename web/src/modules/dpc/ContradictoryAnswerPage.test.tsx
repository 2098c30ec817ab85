import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TDpcContradictoryView } from '../../../../contracts/dpc-workflow.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { ContradictoryAnswerPage } from './ContradictoryAnswerPage.js';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c';
const VIEW: TDpcContradictoryView = {
  reference: 'DPC-2026-00042',
  subjectLabel: 'Le sens caché des maladies — École du sens biologique',
  statement: 'Le programme présente la chimiothérapie comme toxique. Vos observations sont attendues.',
  dueOn: '2026-04-01',
  state: 'ouvert',
};

function openWithToken(hash: string) {
  window.history.replaceState(null, '', `/vigilance-dpc/reponse${hash}`);
  renderWithApp(<ContradictoryAnswerPage />, { path: '/vigilance-dpc/reponse' });
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the organisation’s answer page', () => {
  it('reads the token from the link’s fragment, shows the statement and takes one answer', async () => {
    const sent = stubFetch({
      'GET /api/session': { body: { state: 'anonymous', csrfToken: 'csrf-test', user: null, permissions: [] } },
      [`GET /api/dpc/contradictory/${TOKEN}`]: { body: VIEW },
      [`POST /api/dpc/contradictory/${TOKEN}/answer`]: { body: { reference: 'DPC-2026-00042', answeredAt: '2026-03-20T10:00:00.000Z' } },
    });
    openWithToken(`#${TOKEN}`);
    expect(await screen.findByText(VIEW.statement)).toBeTruthy();
    expect(screen.getByText(VIEW.subjectLabel)).toBeTruthy();
    expect(screen.getByText('1 avril 2026')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    expect(await screen.findAllByText('Écrivez votre réponse avant de l’envoyer.')).not.toHaveLength(0);
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
    await user.type(screen.getByLabelText(/Vos observations/), 'Notre formation suit les recommandations de la HAS.');
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    expect(await screen.findByRole('heading', { name: 'Réponse envoyée' })).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ answer: 'Notre formation suit les recommandations de la HAS.' });
    expect(screen.queryByRole('button', { name: 'Envoyer la réponse' })).toBeNull();
  });

  it('says when the invitation is already answered or closed, with no form', async () => {
    stubFetch({ [`GET /api/dpc/contradictory/${TOKEN}`]: { body: { ...VIEW, state: 'clos' } } });
    openWithToken(`#${TOKEN}`);
    expect(await screen.findByText(/Cette demande d’observations est close/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Envoyer la réponse' })).toBeNull();
  });

  it('shows the server’s answer to an unknown link', async () => {
    stubFetch({ [`GET /api/dpc/contradictory/${TOKEN}`]: { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Ce lien ne correspond à aucune demande d’observations.', requestId: 'r' } } } });
    openWithToken(`#${TOKEN}`);
    expect(await screen.findByText('Ce lien ne correspond à aucune demande d’observations.')).toBeTruthy();
  });

  it('asks for the complete link when the fragment is missing, without calling the server', async () => {
    const sent = stubFetch({});
    openWithToken('');
    expect(await screen.findByText('Ouvrez cette page avec le lien complet reçu par courriel.')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });
});
