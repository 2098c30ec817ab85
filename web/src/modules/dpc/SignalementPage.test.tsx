import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ZDpcSignalementDetail, type TDpcReporter, type TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { sessionOf, stubFetch } from '../../../test/render.js';
import { SignalementPage } from './SignalementPage.js';

const ID = '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d';
const FACTS = 'L’intervenant a affirmé que le décodage biologique permet de guérir le cancer.';
const PROGRAMME = 'Apprendre à guérir le cancer du sein par le décodage biologique.';
const NAME = 'Camille Témoin-Secret';
// What the screening read: the title, then the programme; the findings' offsets point into it.
const SCREENED = `Le sens caché des maladies\n\n${PROGRAMME}`;

const finding = (text: string, phrase: string, ruleId: string, familyLabel: string) => {
  const start = text.indexOf(phrase);
  return { ruleId, family: ruleId.split('.')[0]!, familyLabel, explanation: `Explication de ${ruleId}.`, evidence: [{ start, end: start + phrase.length, text: phrase }], weight: 30 };
};

const detail: TDpcSignalementDetail = ZDpcSignalementDetail.parse({
  id: ID,
  reference: 'DPC-2026-00042',
  kind: 'derive_therapeutique',
  subjectKind: 'action',
  subjectLabel: 'Le sens caché des maladies',
  practitionerRpps: null,
  departement: '75',
  occurredOn: '2026-02-14',
  facts: FACTS,
  findings: [finding(FACTS, 'décodage biologique', 'methode.decodage-biologique', 'Méthode sans fondement')],
  score: 82,
  priority: 'haute',
  lexiconVersion: '1.0.0',
  concernsHealth: true,
  status: 'nouveau',
  statusBeforeContradictory: null,
  version: 1,
  createdAt: '2026-03-02T09:00:00.000Z',
  reviewer: null,
  organisation: { name: 'École du sens biologique', registrationNumber: '9876', contactEmail: 'contact@ecole.example.fr' },
  action: {
    id: '5d0c3f1e-1111-4a8e-9d7e-2f1c3a4b5c6d',
    reference: '98760000001',
    title: 'Le sens caché des maladies',
    programme: PROGRAMME,
    screening: { score: 90, priority: 'haute', lexiconVersion: '1.0.0', findings: [finding(SCREENED, 'guérir le cancer', 'guerison.cancer', 'Promesse de guérison')], screenedText: SCREENED },
  },
  evidence: [{ id: '6e1d4f2a-2222-4a8e-9d7e-2f1c3a4b5c6d', fileName: 'programme.pdf', mediaType: 'application/pdf', sizeBytes: 20480, scanStatus: 'sain' }],
  events: [{ id: '7f2e5a3b-3333-4a8e-9d7e-2f1c3a4b5c6d', kind: 'depose', actorName: null, note: null, at: '2026-03-02T09:00:00.000Z' }],
  reviews: [],
  invitations: [],
  decision: null,
  can: { triage: true, review: false, invite: true, closeContradictory: false, decide: true, decideTransmission: false, revealReporter: true },
});

const reporter: TDpcReporter = { reporterKind: 'participant', fullName: NAME, email: 'camille.temoin@exemple.fr', phone: '06 11 22 33 44', profession: 'Infirmière', relation: null };

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/vigilance-dpc/signalements/${ID}`]}>
        <Routes>
          <Route path="/vigilance-dpc/signalements/:id" element={<SignalementPage />} />
          <Route path="/vigilance-dpc/signalements" element={<p>Liste des signalements</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

const cachedText = (client: QueryClient) => JSON.stringify([client.getQueryCache().getAll().map((q) => q.state.data), client.getMutationCache().getAll().map((m) => m.state.data)]);

const agentRoutes = {
  'GET /api/session': sessionOf('agent', '75'),
  [`GET /api/dpc/signalements/${ID}`]: { body: detail },
  'GET /api/dpc/reviewers': { body: { items: [{ id: '8a3f6b4c-4444-4a8e-9d7e-2f1c3a4b5c6d', displayName: 'Dr Expert' }] } },
};

describe('the page of a DPC signalement', () => {
  it('highlights the markers in the facts and in the action’s programme, lists the evidence, and hides the reporter', async () => {
    const sent = stubFetch(agentRoutes);
    renderPage();
    await screen.findByRole('heading', { level: 1, name: 'Signalement DPC-2026-00042' });
    const facts = screen.getByRole('region', { name: 'Faits rapportés, marqueurs de dérive surlignés' });
    expect(within(facts).getByText('décodage biologique').tagName).toBe('MARK');
    const programme = screen.getByRole('region', { name: 'Titre et programme de l’action, marqueurs de dérive surlignés' });
    expect(within(programme).getByText('guérir le cancer').tagName).toBe('MARK');
    expect(screen.getByText('Méthode sans fondement')).toBeTruthy();
    expect(screen.getByText('Promesse de guérison')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'programme.pdf' }).getAttribute('href')).toBe(`/api/dpc/signalements/${ID}/evidence/6e1d4f2a-2222-4a8e-9d7e-2f1c3a4b5c6d`);
    expect(screen.getByRole('heading', { name: 'Trier et désigner un relecteur' })).toBeTruthy();
    expect(screen.getByText(/seul le classement sans suite est possible/)).toBeTruthy();
    expect((screen.getByLabelText('Transmission à l’ANDPC') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('region', { name: 'Échanges avec l’ANDPC et la MIVILUDES' })).toBeTruthy();
    expect(document.body.textContent).not.toContain(NAME);
    expect(sent.some((r) => r.path.endsWith('/reporter'))).toBe(false);
  });

  it('shows the reporter on demand, keeps them out of every cache, and forgets them on leaving', async () => {
    const sent = stubFetch({ ...agentRoutes, [`GET /api/dpc/signalements/${ID}/reporter`]: { body: reporter } });
    const client = renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Voir l’identité de l’auteur' }));
    expect(await screen.findByText(NAME)).toBeTruthy();
    expect(screen.getByText('06 11 22 33 44')).toBeTruthy();
    expect(sent.filter((r) => r.path.endsWith('/reporter'))).toHaveLength(1);
    expect(cachedText(client)).not.toContain(NAME);
    await user.click(screen.getByRole('button', { name: 'Masquer l’identité' }));
    expect(document.body.textContent).not.toContain(NAME);
    await user.click(screen.getByRole('button', { name: 'Voir l’identité de l’auteur' }));
    await screen.findByText(NAME);
    await user.click(screen.getByRole('link', { name: 'Retour aux signalements' }));
    await screen.findByText('Liste des signalements');
    expect(document.body.textContent).not.toContain(NAME);
    expect(cachedText(client)).not.toContain(NAME);
  });

  it('designates a reviewer with the version read', async () => {
    const sent = stubFetch({ ...agentRoutes, [`POST /api/dpc/signalements/${ID}/triage`]: { body: { id: ID, reference: 'DPC-2026-00042', status: 'en_revue', version: 2 } } });
    renderPage();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Relecteur expert'), 'Dr Expert');
    await user.click(screen.getByRole('button', { name: 'Désigner le relecteur' }));
    expect(await screen.findByText('Le relecteur est désigné : il est prévenu par courriel.')).toBeTruthy();
    expect(sent.find((r) => r.path.endsWith('/triage'))?.body).toEqual({ version: 1, reviewerId: '8a3f6b4c-4444-4a8e-9d7e-2f1c3a4b5c6d', kind: 'derive_therapeutique' });
  });

  it('gives the designated reviewer the review form, reading under their own routes, without the exchanges', async () => {
    const asReviewer = { ...detail, status: 'en_revue', reviewer: { id: 'u-1', displayName: 'Agent Test' }, can: { ...detail.can, triage: false, invite: false, decide: false, review: true } };
    const sent = stubFetch({
      'GET /api/session': sessionOf('relecteur_dpc', null),
      [`GET /api/dpc/reviews/${ID}`]: { body: asReviewer },
      [`POST /api/dpc/signalements/${ID}/review`]: { body: { id: ID, reference: 'DPC-2026-00042', status: 'avis_rendu', version: 2 } },
    });
    renderPage();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Votre avis d’expert/), 'Dérive avérée.');
    await user.click(screen.getByLabelText('Classement sans suite'));
    await user.click(screen.getByLabelText('Transmission à la MIVILUDES'));
    // Classement stands alone: ticking a transmission unticks it.
    expect((screen.getByLabelText('Classement sans suite') as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByLabelText('Méthode sans fondement — Explication de methode.decodage-biologique.'));
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’avis' }));
    await screen.findByText('Votre avis est enregistré.');
    expect(sent.find((r) => r.path.endsWith('/review'))?.body).toEqual({ version: 1, opinion: 'Dérive avérée.', recommendedOutcomes: ['transmission_miviludes'], confirmedRuleIds: ['methode.decodage-biologique'] });
    expect(screen.queryByRole('region', { name: 'Échanges avec l’ANDPC et la MIVILUDES' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Décider' })).toBeNull();
  });
});
