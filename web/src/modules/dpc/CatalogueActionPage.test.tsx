import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { screenProgramme } from '../../../../analysis/dpc/index.js';
import type { TDpcActionDetail } from '../../../../contracts/dpc.schemas.js';
import { stubFetch } from '../../../test/render.js';
import { CatalogueActionPage } from './CatalogueActionPage.js';

const ACTION_ID = '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d';
const TITLE = 'Le sens caché des maladies';
const PROGRAMME =
  'Apprendre à guérir le cancer du sein par le décodage biologique : chaque maladie a un sens caché, et la chimiothérapie toxique ' +
  'doit être abandonnée au profit de l’écoute du conflit.';
// The screening as the server stored it: the real lexicon on the text it serves.
const screenedText = `${TITLE}\n\n${PROGRAMME}`;
const screening = screenProgramme(screenedText);

const action: TDpcActionDetail = {
  id: ACTION_ID,
  reference: '98760000001',
  title: TITLE,
  programme: PROGRAMME,
  orientation: null,
  format: 'non_presentiel',
  formatLabel: 'Non présentiel (e-learning, classe virtuelle)',
  startsOn: '2026-03-14',
  endsOn: '2026-03-15',
  organisation: { registrationNumber: '9876', name: 'École du sens biologique', contactEmail: 'contact@sens-bio.example.fr', contactPhone: null },
  screening: {
    lexiconVersion: screening.lexiconVersion,
    score: screening.score,
    priority: screening.priority,
    findings: screening.findings.map((f) => ({ ...f, evidence: [...f.evidence] })),
    screenedText,
    screenedAt: '2026-03-01T09:00:00.000Z',
  },
  signalementCount: 2,
};

function renderAt(id: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/vigilance-dpc/catalogue/${id}`]}>
        <Routes>
          <Route path="/vigilance-dpc/catalogue/:id" element={<CatalogueActionPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('a training action of the DPC catalogue', () => {
  it('highlights the passages behind each marker in the screened text and lists the markers', async () => {
    expect(screening.priority).toBe('haute');
    stubFetch({ [`GET /api/dpc/actions/${ACTION_ID}`]: { body: action } });
    renderAt(ACTION_ID);

    expect(await screen.findByRole('heading', { level: 1, name: TITLE })).toBeTruthy();
    const text = screen.getByRole('region', { name: 'Titre et programme de la formation' });
    const marked = within(text).getAllByText((_, element) => element?.tagName === 'MARK').map((m) => m.textContent);
    const evidence = screening.findings.flatMap((f) => f.evidence.map((e) => e.text));
    expect(marked.length).toBeGreaterThan(0);
    for (const passage of marked) expect(evidence.some((e) => e.includes(passage!) || passage!.includes(e))).toBe(true);
    expect(marked.join(' ').toLowerCase()).toContain('décodage biologique');
    // Each highlighted passage points to the explanation of its marker.
    const firstMark = within(text).getAllByText((_, element) => element?.tagName === 'MARK')[0]!;
    const described = document.getElementById(firstMark.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(described?.closest('ol')).toBeTruthy();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThanOrEqual(screening.findings.length);
  });

  it('shows the action, its organisation, the priority, the lexicon, the signalements and the way to report it', async () => {
    stubFetch({ [`GET /api/dpc/actions/${ACTION_ID}`]: { body: action } });
    renderAt(ACTION_ID);
    await screen.findByRole('heading', { level: 1, name: TITLE });
    const definition = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(definition('Référence')).toBe('98760000001');
    expect(definition('Format')).toBe('Non présentiel (e-learning, classe virtuelle)');
    expect(definition('Dates')).toBe('Du 14 mars 2026 au 15 mars 2026');
    expect(definition('Nom')).toBe('École du sens biologique');
    expect(definition('Téléphone de contact')).toBe('Non communiqué');
    expect(definition('Priorité')).toBe('Priorité haute');
    expect(definition('Lexique')).toContain(`Version ${screening.lexiconVersion}`);
    expect(screen.getByRole('link', { name: 'contact@sens-bio.example.fr' }).getAttribute('href')).toBe('mailto:contact@sens-bio.example.fr');
    expect(screen.getByText('2 signalements portent sur cette formation.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Signaler cette formation' }).getAttribute('href')).toBe(`/vigilance-dpc/signaler?action=${ACTION_ID}`);
  });

  it('says so when the action is not in the catalogue', async () => {
    stubFetch({
      [`GET /api/dpc/actions/${ACTION_ID}`]: { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Élément introuvable.', requestId: 'r' } } },
    });
    renderAt(ACTION_ID);
    expect((await screen.findByRole('alert')).textContent).toContain('Élément introuvable.');
  });
});
