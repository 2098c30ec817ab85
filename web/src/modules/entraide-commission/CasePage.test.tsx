import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TEntraideCaseDetail, TEntraideIdentity } from '../../../../contracts/entraide.schemas.js';
import { sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { CasePage } from './CasePage.js';

const CASE_ID = '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d';
const NAME = 'Montgolfier-Azéma';

const detail: TEntraideCaseDetail = {
  id: CASE_ID,
  reference: 'E-2026-014',
  departement: '75',
  status: 'en_cours',
  natures: ['financiere', 'sante'],
  urgency: 'rapide',
  source: 'espace_medecin',
  beneficiaryKind: 'medecin',
  referentName: null,
  openedAt: '2026-03-02T09:00:00.000Z',
  lastActivityAt: '2026-03-03T10:00:00.000Z',
  contactMeans: 'telephone',
  contactConsent: true,
  identityVisibleToCne: false,
  escalatedAt: null,
  closedAt: null,
  journal: [{ kind: 'note', occurredAt: '2026-03-03T10:00:00.000Z', authorName: 'Dr Bazin', text: 'Premier appel.' }],
  decisions: [],
};

const identity: TEntraideIdentity = {
  reference: 'E-2026-014',
  beneficiary: { kind: 'medecin', firstName: 'Lucien', lastName: NAME, rpps: '10000000001' },
  requester: null,
  contact: { means: 'telephone', consent: true, phone: '06 00 00 00 01' },
  message: 'Difficultés de trésorerie au cabinet.',
};

const routes = (role: 'membre_cde' | 'membre_cne' = 'membre_cde') => ({
  'GET /api/session': sessionOf(role, role === 'membre_cde' ? '75' : null),
  [`GET /api/entraide/cases/${CASE_ID}`]: { body: detail },
  'GET /api/entraide/members': { body: { members: [{ userId: '5d0c3f1e-1111-4a8e-9d7e-2f1c3a4b5c6d', name: 'Dr Bazin', role: 'president' }] } },
});

/** The page at its address, with a link away, and the query client kept to look into its caches. */
function renderCase() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/entraide/dossiers/${CASE_ID}`]}>
        <Routes>
          <Route path="/entraide/dossiers/:id" element={<CasePage />} />
          <Route path="/entraide/dossiers" element={<p>Liste des dossiers</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

function cachedText(client: QueryClient): string {
  return JSON.stringify([client.getQueryCache().getAll().map((q) => q.state.data), client.getMutationCache().getAll().map((m) => m.state.data)]);
}

describe('the case page of a commission member', () => {
  it('shows the pseudonym and the journal, never the identity before a reveal', async () => {
    const sent = stubFetch(routes());
    renderCase();

    await screen.findByRole('heading', { level: 1, name: 'Dossier E-2026-014' });
    expect(screen.getByText('Premier appel.')).toBeTruthy();
    expect(document.body.textContent).not.toContain(NAME);
    expect(screen.getByText(/chaque consultation est tracée/)).toBeTruthy();
    expect(sent.some((r) => r.path.endsWith('/reveal'))).toBe(false);
  });

  it('refuses a reveal without a reason of 10 characters, without asking the server', async () => {
    const sent = stubFetch(routes());
    renderCase();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: "Révéler l'identité" }));
    await user.type(screen.getByLabelText('Motif de la consultation'), 'appel');
    await user.click(within(screen.getByRole('form', { name: "Révéler l'identité" })).getByRole('button', { name: "Révéler l'identité" }));

    expect(await screen.findByText("Le motif de la consultation est obligatoire.")).toBeTruthy();
    expect(screen.getByLabelText('Motif de la consultation').getAttribute('aria-invalid')).toBe('true');
    expect(sent.some((r) => r.path.endsWith('/reveal'))).toBe(false);
    expect(document.body.textContent).not.toContain(NAME);
  });

  it('shows the server’s refusal of a reveal, and still no identity', async () => {
    stubFetch({ ...routes(), [`POST /api/entraide/cases/${CASE_ID}/reveal`]: validationFailed({ reason: "Indiquez pourquoi vous consultez l'identité (10 caractères au moins)." }) });
    renderCase();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: "Révéler l'identité" }));
    await user.type(screen.getByLabelText('Motif de la consultation'), 'Rappeler la personne après le premier entretien');
    await user.click(within(screen.getByRole('form', { name: "Révéler l'identité" })).getByRole('button', { name: "Révéler l'identité" }));
    expect(await screen.findByText('Certaines informations sont invalides. Corrigez les champs signalés.')).toBeTruthy();
    expect(document.body.textContent).not.toContain(NAME);
  });

  it('reveals the identity with the reason, keeps it out of every cache, and forgets it on leaving', async () => {
    const sent = stubFetch({ ...routes(), [`POST /api/entraide/cases/${CASE_ID}/reveal`]: { body: identity } });
    const client = renderCase();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: "Révéler l'identité" }));
    await user.type(screen.getByLabelText('Motif de la consultation'), 'Rappeler la personne après le premier entretien');
    await user.click(within(screen.getByRole('form', { name: "Révéler l'identité" })).getByRole('button', { name: "Révéler l'identité" }));

    expect(await screen.findByText(`Lucien ${NAME} — Médecin inscrit au tableau`)).toBeTruthy();
    expect(screen.getByText('06 00 00 00 01')).toBeTruthy();
    expect(sent.find((r) => r.path.endsWith('/reveal'))?.body).toEqual({ reason: 'Rappeler la personne après le premier entretien' });
    expect(cachedText(client)).not.toContain(NAME);

    await user.click(screen.getByRole('button', { name: "Masquer l'identité" }));
    expect(document.body.textContent).not.toContain(NAME);

    await user.click(screen.getByRole('button', { name: "Révéler l'identité" }));
    await user.type(screen.getByLabelText('Motif de la consultation'), 'Préparer la commission du 12 mars');
    await user.click(within(screen.getByRole('form', { name: "Révéler l'identité" })).getByRole('button', { name: "Révéler l'identité" }));
    await screen.findByText(`Lucien ${NAME} — Médecin inscrit au tableau`);
    await user.click(screen.getByRole('link', { name: 'Retour aux dossiers' }));
    await screen.findByText('Liste des dossiers');
    expect(document.body.textContent).not.toContain(NAME);
    expect(cachedText(client)).not.toContain(NAME);
  });

  it('tells a CNE member without the person’s consent that the case is worked under its pseudonym', async () => {
    stubFetch({ ...routes('membre_cne'), [`GET /api/entraide/cases/${CASE_ID}`]: { body: { ...detail, status: 'transmis_cne', escalatedAt: '2026-03-04T10:00:00.000Z' } } });
    renderCase();
    expect(await screen.findByText(/n'a pas consenti à ce que son identité soit connue de la commission nationale/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: "Révéler l'identité" })).toBeNull();
    // Only the CDE escalates, and records the person's consent.
    expect(screen.queryByRole('heading', { name: 'Transmettre à la commission nationale' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Consentement de la personne' })).toBeNull();
  });

  it('lists the decisions with their amount, form, date and vote', async () => {
    stubFetch({
      ...routes(),
      [`GET /api/entraide/cases/${CASE_ID}`]: {
        body: {
          ...detail,
          decisions: [
            { kind: 'aide_financiere', decidedOn: '2026-12-03', amountCents: 150_050, aidForm: 'secours', vote: { membersSeated: 9, membersPresent: 6, for: 5, against: 0, abstentions: 1 }, quorumReached: true, commission: 'cde' },
            { kind: 'accompagnement', decidedOn: '2027-01-15', amountCents: null, aidForm: null, vote: { membersSeated: 7, membersPresent: 5, for: 3, against: 0, abstentions: 2 }, quorumReached: true, commission: 'cne' },
          ],
        },
      },
    });
    renderCase();
    const list = within((await screen.findByRole('heading', { name: 'Décisions prises' })).closest('section')!).getByRole('list');
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent?.replace(/[\u00a0\u202f]/g, ' '));
    expect(items).toEqual([
      'Aide financière — 1 500,50 € — secours (don) — le 03/12/2026 — 5 pour, 0 contre, 1 abstention (quorum atteint)',
      'Accompagnement par la commission — le 15/01/2027 — 3 pour, 0 contre, 2 abstentions (quorum atteint) — commission nationale',
    ]);
  });

  it('lets the CDE record, after a transmission under pseudonym, the person’s consent to let the CNE know who they are', async () => {
    const transmitted = { ...detail, status: 'transmis_cne' as const, escalatedAt: '2026-03-04T10:00:00.000Z' };
    const sent = stubFetch({
      ...routes(),
      [`GET /api/entraide/cases/${CASE_ID}`]: { body: transmitted },
      [`POST /api/entraide/cases/${CASE_ID}/cne-consent`]: { body: { ...transmitted, identityVisibleToCne: true } },
    });
    renderCase();
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Consentement de la personne' });
    // The escalation itself is done: its form is gone.
    expect(screen.queryByRole('heading', { name: 'Transmettre à la commission nationale' })).toBeNull();

    await user.click(within(form).getByRole('button', { name: 'Inscrire le consentement' }));
    expect(await within(form).findAllByText('La personne doit avoir consenti à ce que la commission nationale connaisse son identité.')).not.toHaveLength(0);
    expect(sent.some((r) => r.path.endsWith('/cne-consent'))).toBe(false);

    await user.click(within(form).getByLabelText('La personne consent désormais à ce que la commission nationale connaisse son identité'));
    await user.type(within(form).getByLabelText('Note pour le journal (facultatif)'), 'Accord donné au téléphone le 5 mars.');
    await user.click(within(form).getByRole('button', { name: 'Inscrire le consentement' }));
    await screen.findByText(/Le consentement est inscrit/);
    expect(sent.find((r) => r.path.endsWith('/cne-consent'))?.body).toEqual({ consent: true, note: 'Accord donné au téléphone le 5 mars.' });
    expect(screen.queryByRole('form', { name: 'Consentement de la personne' })).toBeNull();
    expect(screen.getByText(/avec l’accord de la personne pour son identité/)).toBeTruthy();
  });
});
