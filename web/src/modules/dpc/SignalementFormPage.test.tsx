import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TSessionView } from '../../../../contracts/auth.schemas.js';
import { DPC_REPORTER_PROTECTION, type TDpcSignalementFiled } from '../../../../contracts/dpc-filing.schemas.js';
import { renderWithApp, sessionOf, stubFetch, validationFailed } from '../../../test/render.js';
import { SignalementFormPage } from './SignalementFormPage.js';

const ANONYMOUS: { body: TSessionView } = { body: { state: 'anonymous', csrfToken: 'csrf-test', user: null, permissions: [] } };
const FILED: TDpcSignalementFiled = { id: '6f1c7c1e-8a54-4d0c-9d0e-2f3a4b5c6d7e', reference: 'DPC-2026-00042', status: 'nouveau', publicStatusLabel: 'Reçu', screened: { priority: 'haute', findingsCount: 2 } };
const ACTION = { id: '0b6d2f7c-1d1e-4c9a-8f3b-6a7e8d9c0b1a', reference: '98761234567', title: 'Le sens caché des maladies', organisationName: 'École du sens biologique' };
const FACTS = 'On nous a appris que le décodage biologique permet de guérir le cancer.';

afterEach(() => vi.unstubAllGlobals());

function errorSummary(): string[] {
  return within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent ?? '');
}

describe('« Signaler une formation » (/vigilance-dpc/signaler)', () => {
  it('lets a visitor report only as a patient’s relative, sends doctors to log in, and checks the form before sending', async () => {
    const sent = stubFetch({ 'GET /api/session': ANONYMOUS });
    const user = userEvent.setup();
    renderWithApp(<SignalementFormPage />, { path: '/vigilance-dpc/signaler' });
    expect((await screen.findByRole('link', { name: 'Connectez-vous' })).getAttribute('href')).toBe('/connexion');
    expect(screen.getByRole('heading', { level: 1, name: 'Signaler une formation ou une pratique' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Qui êtes-vous ?' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    expect(errorSummary()).toEqual([
      'Indiquez sur quoi porte le signalement.',
      'Choisissez la nature du signalement.',
      'Décrivez les faits.',
      'Indiquez si des patients ou leur santé sont concernés.',
      'Indiquez votre nom et votre prénom.',
      'Indiquez votre adresse électronique : le conseil pourra vous répondre.',
      'Indiquez votre lien avec le patient (enfant, conjoint, parent…).',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Une action de formation' }));
    expect(sent.map((r) => r.path)).toEqual(['/api/session']);
  });

  it('files a relative’s signalement about a named practitioner through the public door, then shows the receipt', async () => {
    const sent = stubFetch({ 'GET /api/session': ANONYMOUS, 'POST /api/dpc/signalements/public': { status: 201, body: FILED } });
    const user = userEvent.setup();
    renderWithApp(<SignalementFormPage />, { path: '/vigilance-dpc/signaler' });
    await user.click(await screen.findByRole('radio', { name: 'Un praticien ou un intervenant' }));
    await user.type(screen.getByLabelText('Nom du praticien ou de l’intervenant'), 'M. Guérisseur');
    await user.click(screen.getByRole('radio', { name: 'Dérive thérapeutique' }));
    expect(screen.getByText(/ce qu’on lui a proposé ou fait arrêter/)).toBeTruthy();
    await user.type(screen.getByLabelText('Les faits'), 'On a dit à ma mère d’arrêter sa chimiothérapie.');
    await user.click(screen.getByRole('radio', { name: 'Oui' }));
    await user.type(screen.getByLabelText('Vos nom et prénom'), 'Hélène Proche');
    await user.type(screen.getByLabelText('Votre adresse électronique'), 'helene@exemple.fr');
    await user.type(screen.getByLabelText('Lien avec le patient'), 'Fille');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    expect(await screen.findByText('Signalement DPC-2026-00042 enregistré')).toBeTruthy();
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      path: '/api/dpc/signalements/public',
      body: {
        kind: 'derive_therapeutique',
        reporterKind: 'proche',
        subject: { kind: 'praticien', name: 'M. Guérisseur' },
        facts: 'On a dit à ma mère d’arrêter sa chimiothérapie.',
        concernsHealth: true,
        reporter: { fullName: 'Hélène Proche', email: 'helene@exemple.fr', relation: 'Fille' },
      },
    });
    expect(screen.getByText(DPC_REPORTER_PROTECTION)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Suivre mes signalements DPC' })).toBeNull();
  });

  it('gives a doctor the three reporter kinds, finds the training in the catalogue and files from the account', async () => {
    const sent = stubFetch({
      'GET /api/session': sessionOf('medecin', '69'),
      'GET /api/dpc/catalogue/suggestions': { body: { items: [ACTION] } },
      'POST /api/dpc/signalements': { status: 201, body: FILED },
    });
    const user = userEvent.setup();
    renderWithApp(<SignalementFormPage />, { path: '/vigilance-dpc/signaler' });
    const who = await screen.findByRole('group', { name: 'Qui êtes-vous ?' });
    expect(within(who).getAllByRole('radio').map((r) => r.parentElement?.textContent)).toEqual(['Participant à la formation', 'Autre professionnel de santé', 'Proche d’un patient']);
    await user.click(within(who).getByRole('radio', { name: 'Participant à la formation' }));
    expect(screen.getByText(/ce qui a été enseigné ou affirmé/)).toBeTruthy();
    expect(screen.queryByLabelText('Vos nom et prénom')).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Une action de formation' }));
    await user.type(screen.getByLabelText('Rechercher la formation dans le catalogue du DPC'), 'sens caché');
    await user.click(await screen.findByRole('button', { name: /^Choisir « Le sens caché des maladies »/ }));
    expect(screen.getByText('Le sens caché des maladies')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Dérive sectaire' }));
    await user.selectOptions(screen.getByLabelText('Département où les faits ont eu lieu (facultatif)'), '69');
    await user.type(screen.getByLabelText('Les faits'), FACTS);
    await user.click(screen.getByRole('radio', { name: 'Non, ou je ne sais pas' }));
    await user.type(screen.getByLabelText('Votre téléphone (facultatif)'), '06 12 34 56 78');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    expect(await screen.findByText('Signalement DPC-2026-00042 enregistré')).toBeTruthy();
    expect(sent.some((r) => r.path === `/api/dpc/catalogue/suggestions?q=${encodeURIComponent('sens caché')}`)).toBe(true);
    expect(sent.at(-1)?.body).toEqual({
      kind: 'derive_sectaire',
      reporterKind: 'participant',
      subject: { kind: 'action', actionId: ACTION.id },
      departement: '69',
      facts: FACTS,
      concernsHealth: false,
      reporter: { phone: '06 12 34 56 78' },
    });
    expect(screen.getByRole('link', { name: 'Suivre mes signalements DPC' }).getAttribute('href')).toBe('/vigilance-dpc/mes-signalements');
  });

  it('shows the server’s refusal next to the field it names', async () => {
    stubFetch({
      'GET /api/session': sessionOf('medecin', '69'),
      'POST /api/dpc/signalements': validationFailed({ 'subject.name': 'Nom du praticien ou de l’intervenant : 200 caractères au plus.' }),
    });
    const user = userEvent.setup();
    renderWithApp(<SignalementFormPage />, { path: '/vigilance-dpc/signaler' });
    await user.click(await screen.findByRole('radio', { name: 'Proche d’un patient' }));
    await user.click(screen.getByRole('radio', { name: 'Un praticien ou un intervenant' }));
    await user.type(screen.getByLabelText('Nom du praticien ou de l’intervenant'), 'M. Guérisseur');
    await user.type(screen.getByLabelText('Son numéro RPPS (facultatif)'), '12345');
    await user.click(screen.getByRole('radio', { name: 'Situation à risque' }));
    await user.type(screen.getByLabelText('Les faits'), FACTS);
    await user.click(screen.getByRole('radio', { name: 'Oui' }));
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    // The RPPS is checked before sending.
    expect(errorSummary()).toEqual(['Le numéro RPPS compte 11 chiffres, le dernier étant une clé de contrôle.']);
    await user.clear(screen.getByLabelText('Son numéro RPPS (facultatif)'));
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    expect((await screen.findByRole('alert')).textContent).toContain('200 caractères au plus');
    expect(screen.getByLabelText('Nom du praticien ou de l’intervenant').getAttribute('aria-invalid')).toBe('true');
  });

  it('has an agent type the caller’s identity', async () => {
    stubFetch({ 'GET /api/session': sessionOf('agent', '75') });
    const user = userEvent.setup();
    renderWithApp(<SignalementFormPage />, { path: '/vigilance-dpc/signaler' });
    const who = await screen.findByRole('group', { name: 'Qui fait le signalement ?' });
    expect(within(who).getAllByRole('radio')).toHaveLength(4);
    await user.click(within(who).getByRole('radio', { name: 'Proche d’un patient' }));
    expect(screen.getByLabelText('Ses nom et prénom')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    expect(errorSummary()).toContain('Saisissez le nom de la personne qui fait le signalement.');
  });
});
