import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ZSiteInfo, type TSiteInfo } from '../../../../contracts/site.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { AccessibilityPage } from './AccessibilityPage.js';
import { ContactPage } from './ContactPage.js';
import { GenuineMessagesPage } from './GenuineMessagesPage.js';
import { LegalNoticePage } from './LegalNoticePage.js';
import { PersonalDataPage } from './PersonalDataPage.js';

// An answer of GET /api/site, checked against the contract so it cannot drift from it.
const SITE: TSiteInfo = ZSiteInfo.parse({
  publisher: 'Conseil national de l’Ordre des médecins',
  publisherAddress: '4, rue Léon Jost, 75855 Paris Cedex 17',
  publicationDirector: 'Le président du Conseil national',
  hosting: 'Hébergeur Exemple, 1 rue de la Paix, Paris',
  contactEmail: 'contact@vigie.ordre.example',
  dpoContact: 'dpo@ordre.example',
  publicUrl: 'https://vigie.ordre.example',
  retention: { unconfirmedReportHours: 48, entraideMonths: 36, indicatorDays: 180, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
});

describe('the site information pages', () => {
  it('« Données personnelles » gives each processing its basis and retention as the server applies them, and the DPO', async () => {
    stubFetch({ 'GET /api/site': { body: SITE } });
    renderWithApp(<PersonalDataPage />);
    const entraide = (await screen.findByRole('heading', { level: 2, name: 'Entraide ordinale' })).closest('section')!;
    expect(entraide.textContent).toContain('article 9-2-g');
    expect(entraide.textContent).toContain('36 mois après sa clôture');
    expect(entraide.textContent).toContain('commission départementale d’entraide (CDE)');
    const reports = screen.getByRole('heading', { level: 2, name: 'Signalements de fraude' }).closest('section')!;
    expect(reports.textContent).toContain('au bout de 48 heures');
    expect(reports.textContent).toContain('article 6-1-e');
    for (const title of ['Vérifier un message', 'Tableau de l’Ordre et coordonnées des médecins', 'Alertes aux médecins', 'Vigilance sur la formation (DPC)', 'Comptes et sécurité']) {
      const section = screen.getByRole('heading', { level: 2, name: title }).closest('section')!;
      expect(within(section).getByText('Base légale')).toBeTruthy();
      expect(within(section).getByText('Durée de conservation')).toBeTruthy();
    }
    expect((screen.getByRole('link', { name: 'dpo@ordre.example' })).getAttribute('href')).toBe('mailto:dpo@ordre.example');
  });

  it('« Mentions légales » names the publisher, the director and the host from configuration', async () => {
    stubFetch({ 'GET /api/site': { body: SITE } });
    renderWithApp(<LegalNoticePage />);
    expect(await screen.findByText(/Hébergeur Exemple, 1 rue de la Paix, Paris/)).toBeTruthy();
    expect(screen.getByText(/Le président du Conseil national\./)).toBeTruthy();
    expect(screen.getByText(/Conseil national de l’Ordre des médecins, 4, rue Léon Jost/)).toBeTruthy();
  });

  it('« Accessibilité » states partial conformity, the automated checks and what is not audited', async () => {
    stubFetch({ 'GET /api/site': { body: SITE } });
    renderWithApp(<AccessibilityPage />);
    expect(await screen.findByText('partiellement conforme')).toBeTruthy();
    expect(screen.getByText(/axe-core/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Contenus non accessibles ou non encore vérifiés' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'contact@vigie.ordre.example' })).toBeTruthy();
  });

  it('« Contact » and « Messages authentiques » give the configured addresses and the Ordre’s real numbers', async () => {
    stubFetch({ 'GET /api/site': { body: SITE } });
    renderWithApp(<ContactPage />);
    expect((await screen.findByRole('link', { name: 'contact@vigie.ordre.example' })).getAttribute('href')).toBe('mailto:contact@vigie.ordre.example');
    expect(screen.getByRole('link', { name: 'dpo@ordre.example' })).toBeTruthy();
    expect((screen.getByRole('link', { name: 'security.txt' })).getAttribute('href')).toBe('/.well-known/security.txt');
  });

  it('« Messages authentiques » says what the Ordre never does and where it writes from', async () => {
    stubFetch({ 'GET /api/site': { body: SITE } });
    renderWithApp(<GenuineMessagesPage />);
    expect(await screen.findByText(/ne modifie jamais vos coordonnées/)).toBeTruthy();
    expect(screen.getByText('01 53 89 32 00')).toBeTruthy();
    expect(screen.getByText('https://vigie.ordre.example')).toBeTruthy();
  });

  it('says so when the facts cannot be loaded, rather than showing blanks', async () => {
    stubFetch({ 'GET /api/site': { status: 500, body: { error: { code: 'INTERNAL', message: 'Erreur', requestId: 'r' } } } });
    renderWithApp(<PersonalDataPage />);
    expect(await screen.findByText(/n’ont pas pu être chargées/)).toBeTruthy();
  });
});
