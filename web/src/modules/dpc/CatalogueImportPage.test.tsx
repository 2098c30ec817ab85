import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TDpcImportReport } from '../../../../contracts/dpc.schemas.js';
import { renderWithApp, stubFetch, validationFailed, type SentRequest } from '../../../test/render.js';
import { CatalogueImportPage } from './CatalogueImportPage.js';

const CSV = 'Numéro ODPC;Organisme;Référence;Titre;Programme;Format\r\n9876;École;A1;Titre;Guérir par le décodage biologique;mixte\r\n';
const report: TDpcImportReport = {
  importId: '33333333-3333-4333-8333-333333333333',
  format: 'csv',
  actionsImported: 3,
  organisationsCreated: 2,
  organisationsUpdated: 1,
  lexiconVersion: '1.0.0',
  priorities: { aucune: 2, basse: 0, moyenne: 0, haute: 1 },
};

async function chooseAndImport(file: File) {
  const user = userEvent.setup({ applyAccept: false });
  await user.upload(screen.getByLabelText('Fichier du catalogue'), file);
  await user.click(screen.getByRole('button', { name: 'Importer' }));
}

describe('importing the DPC catalogue', () => {
  it('sends the chosen CSV file in base64 and shows the report, counted by priority', async () => {
    const sent = stubFetch({ 'POST /api/dpc/imports': { body: report } });
    renderWithApp(<CatalogueImportPage />, { path: '/vigilance-dpc/import' });
    await chooseAndImport(new File([CSV], 'andpc-2026.csv', { type: 'text/csv' }));

    expect(await screen.findByText('Catalogue importé')).toBeTruthy();
    const post = sent.find((r: SentRequest) => r.method === 'POST')!;
    const body = post.body as { format: string; fileName: string; contentBase64: string };
    expect(body.format).toBe('csv');
    expect(body.fileName).toBe('andpc-2026.csv');
    expect(new TextDecoder().decode(Uint8Array.from(atob(body.contentBase64), (c) => c.charCodeAt(0)))).toBe(CSV);

    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Priorité haute : 1 — voir ces actions', 'Priorité moyenne : 0', 'Priorité basse : 0', 'Aucun marqueur : 2']);
    expect(screen.getByRole('link', { name: 'voir ces actions' }).getAttribute('href')).toBe('/vigilance-dpc/catalogue?priority=haute');
  });

  it('lists each refused line with its column and message when the file is refused', async () => {
    const sent = stubFetch({
      'POST /api/dpc/imports': validationFailed({
        'lignes.3.Titre': 'Ligne 3, colonne « Titre » : Le titre est obligatoire.',
        'lignes.5.Date de fin': 'Ligne 5, colonne « Date de fin » : La date de fin précède la date de début.',
      }),
    });
    renderWithApp(<CatalogueImportPage />, { path: '/vigilance-dpc/import' });
    await chooseAndImport(new File(['[]'], 'catalogue.json', { type: 'application/json' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Le fichier est refusé : aucune action n’a été importée.');
    const list = within(alert).getByRole('list', { name: /Le fichier est refusé/ });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Ligne 3, colonne « Titre » : Le titre est obligatoire.',
      'Ligne 5, colonne « Date de fin » : La date de fin précède la date de début.',
    ]);
    expect((sent.find((r) => r.method === 'POST')!.body as { format: string }).format).toBe('json');
  });

  it('shows an unreadable file’s refusal on the file field', async () => {
    stubFetch({ 'POST /api/dpc/imports': validationFailed({ contentBase64: 'Colonne obligatoire absente de la ligne 1 : « Numéro ODPC ».' }) });
    renderWithApp(<CatalogueImportPage />, { path: '/vigilance-dpc/import' });
    await chooseAndImport(new File(['Titre\r\nA\r\n'], 'c.csv', { type: 'text/csv' }));
    await screen.findByRole('alert');
    const field = screen.getByLabelText('Fichier du catalogue');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${field.id}-error`)?.textContent).toContain('Colonne obligatoire absente de la ligne 1');
  });

  it('refuses a file that is neither CSV nor JSON without sending it', async () => {
    const sent = stubFetch({});
    renderWithApp(<CatalogueImportPage />, { path: '/vigilance-dpc/import' });
    await chooseAndImport(new File(['x'], 'catalogue.xlsx', { type: 'application/vnd.ms-excel' }));
    const field = screen.getByLabelText('Fichier du catalogue');
    expect(document.getElementById(`${field.id}-error`)?.textContent).toContain('Choisissez un fichier CSV (.csv) ou JSON (.json).');
    expect(sent).toEqual([]);
  });
});
