import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../../analysis/analyze.js';
import type { MessageKind } from '../../../../analysis/analysis.types.js';
import { renderWithApp, stubFetch, validationFailed, type SentRequest } from '../../../test/render.js';
import { CheckPage } from './CheckPage.js';

const RADIATION_CALL =
  "Bonjour docteur, ici la direction régionale de certification périodique. Votre certification n'est pas validée.\n" +
  "Si vous ne régularisez pas aujourd'hui, vous serez radié. Rappelez-nous au 08 99 12 34 56.";

const GENUINE_DPC =
  'Bonjour Docteur,\n' +
  "Votre inscription à l'action de DPC « Prise en charge de l'insuffisance cardiaque » est confirmée.\n" +
  'Retrouvez le détail de votre parcours sur https://www.mondpc.fr/\n' +
  "L'Agence nationale du DPC";

/** The server's answer, computed by the real analysis engine from what the page sent. */
function analysed(request: SentRequest) {
  const { kind, text } = request.body as { kind: MessageKind; text: string };
  return { body: analyzeText({ kind, text }) };
}

describe('« Vérifier un message »', () => {
  it('sends the message with its kind, then shows the verdict, its reasons and what to do, with the focus on the result', async () => {
    const sent = stubFetch({ 'POST /api/analyses': analysed });
    const expected = analyzeText({ kind: 'call', text: RADIATION_CALL });
    const user = userEvent.setup();
    renderWithApp(<CheckPage />);

    await user.click(screen.getByRole('radio', { name: 'Appel téléphonique' }));
    await user.click(screen.getByLabelText("Ce que l'interlocuteur a dit"));
    await user.paste(RADIATION_CALL);
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));

    const heading = await screen.findByRole('heading', { level: 2, name: 'Résultat' });
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/api/analyses', { kind: 'call', text: RADIATION_CALL }]]);
    expect(document.activeElement).toBe(heading);
    expect(expected.verdict).toBe('fraude_probable');
    expect(screen.getByText('Fraude probable', { exact: true })).toBeTruthy();
    expect(screen.getByText('Ne répondez pas, ne cliquez sur aucun lien.')).toBeTruthy();

    const why = screen.getByRole('region', { name: 'Pourquoi' });
    const reasons = within(why).getAllByRole('listitem').map((li) => li.querySelector('p')?.textContent);
    expect(reasons).toEqual(expected.findings.filter((f) => f.weight >= 0).map((f) => f.explanation));
    expect(within(screen.getByRole('region', { name: 'Que faire' })).getAllByRole('listitem')).toHaveLength(expected.advice.length);
    expect(screen.getByRole('link', { name: "Signaler ce message à l'Ordre" }).getAttribute('href')).toBe('/signaler');
  });

  it('starts over on « Vérifier un autre message »: the result goes, the text box is empty and has the focus', async () => {
    stubFetch({ 'POST /api/analyses': analysed });
    const user = userEvent.setup();
    renderWithApp(<CheckPage />);
    await user.click(screen.getByLabelText('Message à vérifier'));
    await user.paste(GENUINE_DPC);
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));

    await screen.findByRole('heading', { level: 2, name: 'Résultat' });
    expect(screen.getByText('Aucun signal détecté', { exact: true })).toBeTruthy();
    expect(screen.getByText("L'absence de signal ne garantit pas qu'un message est sûr.")).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Éléments rassurants' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Vérifier un autre message' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Résultat' })).toBeNull());
    const text = screen.getByLabelText('Message à vérifier');
    expect(text).toHaveProperty('value', '');
    expect(document.activeElement).toBe(text);
  });

  it('shows the server’s refusal in the summary and on the text box', async () => {
    stubFetch({ 'POST /api/analyses': validationFailed({ text: 'Collez le message ou déposez le fichier .eml.' }) });
    const user = userEvent.setup();
    renderWithApp(<CheckPage />);
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Collez le message ou déposez le fichier .eml.' }).getAttribute('href')).toBe('#verifier-text');
    const text = screen.getByLabelText('Message à vérifier');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(text.getAttribute('aria-describedby')).toContain('verifier-text-error');
    expect(screen.queryByRole('heading', { name: 'Résultat' })).toBeNull();
  });
});
