import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ZDpcVigilance, type TDpcVigilance } from '../../../../contracts/dpc.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { DriftVigilancePage } from './DriftVigilancePage.js';

// An answer of GET /api/dpc/vigilance, checked against the contract below so it cannot drift from it.
const VIGILANCE: TDpcVigilance = {
  lexiconVersion: '1.0.0',
  families: [
    {
      id: 'guerison-miraculeuse',
      label: 'Promesse de guérir des maladies graves',
      explanation: 'Le texte promet de guérir un cancer ou « toutes les maladies ».',
      markers: [
        {
          ruleId: 'guerison.cancer',
          description: 'Promet de guérir le cancer.',
          explanation: 'Aucune méthode non validée ne guérit un cancer.',
          phrases: ['cancer', 'tumeur…'],
          examples: ['Apprendre à guérir le cancer par le décodage biologique'],
        },
      ],
      sources: [
        { id: 'ars-derive-therapeutique', title: 'Les dérives sectaires dans le domaine de la santé', publisher: 'ARS de Corse', url: 'https://www.corse.ars.sante.fr/derives' },
      ],
    },
    {
      id: 'emprise',
      label: 'Pression, isolement et emprise',
      explanation: 'Le texte isole le malade de sa famille et de son médecin.',
      markers: [
        {
          ruleId: 'emprise.isolement',
          description: 'Incite à se couper de sa famille.',
          explanation: 'La rupture avec l’environnement d’origine est un critère de la dérive sectaire.',
          phrases: ['famille', 'proches'],
          examples: ['Elle ne voit plus ses enfants depuis le stage'],
          onlyIn: ['signalement'],
        },
      ],
      sources: [{ id: 'miviludes-criteres', title: 'Critères de la dérive sectaire', publisher: 'MIVILUDES', url: 'https://www.derives-sectes.gouv.fr/' }],
    },
  ],
  referrals: [
    { body: 'MIVILUDES', what: 'Signaler une situation de dérive sectaire, demander un avis', url: 'https://www.derives-sectes.gouv.fr', email: 'miviludes@pm.gouv.fr' },
    { body: 'Agence nationale du DPC', what: 'Signaler une action de DPC sans contenu scientifique', url: 'https://www.agencedpc.fr', email: 'communication@agencedpc.fr' },
  ],
};

describe('the awareness page « Dérives thérapeutiques et sectaires dans la formation »', () => {
  it('explains each family under its own heading, with its signs, examples and linked sources', async () => {
    const sent = stubFetch({ 'GET /api/dpc/vigilance': { body: ZDpcVigilance.parse(VIGILANCE) } });
    renderWithApp(<DriftVigilancePage />, { path: '/vigilance-dpc' });

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dérives thérapeutiques et sectaires dans la formation');
    const cure = (await screen.findByRole('heading', { level: 2, name: 'Promesse de guérir des maladies graves' })).closest('section')!;
    expect(within(cure).getByText('Promet de guérir le cancer.')).toBeTruthy();
    expect(within(cure).getByText('Apprendre à guérir le cancer par le décodage biologique').tagName).toBe('Q');
    expect(within(cure).getByText('« tumeur… »')).toBeTruthy();
    const source = within(cure).getByRole('link', { name: 'https://www.corse.ars.sante.fr/derives' });
    expect(source.getAttribute('href')).toBe('https://www.corse.ars.sante.fr/derives');

    const influence = screen.getByRole('heading', { level: 2, name: 'Pression, isolement et emprise' }).closest('section')!;
    expect(within(influence).getByText('Ce signe ne compte que dans les signalements écrits par une personne.')).toBeTruthy();
    expect(within(influence).queryByText('Promet de guérir le cancer.')).toBeNull();

    const contents = screen.getByRole('navigation', { name: 'Sur cette page' });
    expect(within(contents).getByRole('link', { name: 'Pression, isolement et emprise' }).getAttribute('href')).toBe('#famille-emprise');
    expect(screen.getByText('1.0.0')).toBeTruthy();
    expect(sent.map((request) => request.path)).toEqual(['/api/dpc/vigilance']);
  });

  it('says where to refer, with the addresses written out, and the emergency numbers', async () => {
    stubFetch({ 'GET /api/dpc/vigilance': { body: ZDpcVigilance.parse(VIGILANCE) } });
    renderWithApp(<DriftVigilancePage />, { path: '/vigilance-dpc' });

    const referrals = (await screen.findByRole('heading', { level: 2, name: 'Que faire, et vers qui orienter ?' })).closest('section')!;
    const href = (name: string) => within(referrals).getByRole('link', { name }).getAttribute('href');
    expect(href('https://www.derives-sectes.gouv.fr')).toBe('https://www.derives-sectes.gouv.fr');
    expect(href('miviludes@pm.gouv.fr')).toBe('mailto:miviludes@pm.gouv.fr');
    expect(href('communication@agencedpc.fr')).toBe('mailto:communication@agencedpc.fr');
    expect(href('17')).toBe('tel:17');
    expect(href('112')).toBe('tel:112');
  });

  it('says so when the content cannot be loaded', async () => {
    stubFetch({ 'GET /api/dpc/vigilance': { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Indisponible', requestId: 'r' } } } });
    renderWithApp(<DriftVigilancePage />, { path: '/vigilance-dpc' });

    expect(await screen.findByText('Le contenu de la page n’a pas pu être chargé. Réessayez dans un instant.')).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
  });
});
