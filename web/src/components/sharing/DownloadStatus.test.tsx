import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { CampaignExportLinks } from './CampaignExportLinks.js';
import { ReportDossierLink } from './ReportDossierLink.js';

const DOSSIER = 'GET /api/sharing/reports/r-1/dossier';
const REFUSED = { status: 404, body: { error: { code: 'NOT_FOUND', message: "Cette ressource n'existe pas.", requestId: 'req-test' } } };

// jsdom has no object URLs and cannot save a file: record what the browser would be handed instead.
let saved: string[];
beforeEach(() => {
  saved = [];
  Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: () => 'blob:test' });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the status of a download', () => {
  it('says nothing before the click, then that the download has started, naming the file', async () => {
    stubFetch({ [DOSSIER]: { body: { pdf: true } } });
    renderWithApp(<ReportDossierLink reportId="r-1" />);
    expect(screen.queryByText(/Le téléchargement de/)).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Télécharger le dossier (PDF)' }));

    expect(await screen.findByText('Le téléchargement de dossier-signalement.pdf a commencé.')).toBeTruthy();
    expect(saved).toEqual(['dossier-signalement.pdf']);
    expect(screen.queryByText('Dossier indisponible')).toBeNull();
  });

  it("shows a refused dossier under the link's own title, with the server's French message, and saves nothing", async () => {
    stubFetch({ [DOSSIER]: REFUSED });
    renderWithApp(<ReportDossierLink reportId="r-1" />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Télécharger le dossier (PDF)' }));

    expect(await screen.findByText('Dossier indisponible')).toBeTruthy();
    expect(screen.getByText("Cette ressource n'existe pas.")).toBeTruthy();
    expect(screen.queryByText(/Le téléchargement de/)).toBeNull();
    expect(saved).toEqual([]);
  });

  it('shows a refused indicator export under its own title', async () => {
    stubFetch({ 'GET /api/sharing/campaigns/c-1/indicators': REFUSED });
    renderWithApp(<CampaignExportLinks campaignId="c-1" />);
    await userEvent.setup().click(screen.getByRole('button', { name: /Télécharger CSV/ }));

    expect(await screen.findByText('Export impossible')).toBeTruthy();
    expect(screen.getByText("Cette ressource n'existe pas.")).toBeTruthy();
  });
});
