import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CONTACT_STATE_LABELS, type TDoctorHome } from '../../../../contracts/home.schemas.js';
import { renderWithApp, sessionOf, stubFetch } from '../../../test/render.js';
import { HomePage } from './HomePage.js';

const DOCTOR: TDoctorHome = {
  reports: [
    { receiptNumber: 'SIG-2026-AAAA1111', createdAt: '2026-11-16T09:12:00.000Z', status: 'en_cours', statusLabel: "En cours d'examen par le conseil" },
    { receiptNumber: 'SIG-2026-BBBB2222', createdAt: '2026-11-10T09:12:00.000Z', status: 'qualifie', statusLabel: 'Examiné : démarchage abusif confirmé' },
  ],
  reportsTotal: 7,
  contact: 'en_attente_presence',
  alerts: {
    total: 4,
    latest: [
      { id: 'a-1', title: 'Faux contrôle de certification périodique', publishedAt: '2026-12-01T08:00:00.000Z' },
      { id: 'a-2', title: 'Faux appels de l’ANDPC', publishedAt: '2026-11-20T08:00:00.000Z' },
      { id: 'a-3', title: 'Courriels de radiation', publishedAt: '2026-11-02T08:00:00.000Z' },
    ],
  },
};

function renderDoctorHome(doctor: TDoctorHome) {
  const session = sessionOf('medecin', '75');
  stubFetch({ 'GET /api/session': session, 'GET /api/home/work': { body: { items: [], doctor } } });
  renderWithApp(<HomePage />);
}

const section = async (name: string) => (await screen.findByRole('heading', { name })).closest('section')!;

describe('the doctor’s home', () => {
  it('shows their latest reports with their status, the current alerts and where their record stands', async () => {
    renderDoctorHome(DOCTOR);

    const reports = await section('Mes derniers signalements');
    const lines = within(reports).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines[0]).toContain('SIG-2026-AAAA1111');
    expect(lines[0]).toContain("En cours d'examen par le conseil");
    expect(lines[1]).toContain('Examiné : démarchage abusif confirmé');
    expect(within(reports).getByRole('link', { name: 'Voir mes 7 signalements' }).getAttribute('href')).toBe('/mes-signalements');

    const alerts = await section('Alertes en cours');
    expect(within(alerts).getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Faux contrôle de certification périodique',
      'Faux appels de l’ANDPC',
      'Courriels de radiation',
    ]);
    expect(within(alerts).getByRole('link', { name: 'Lire les 4 alertes en cours' }).getAttribute('href')).toBe('/alertes');

    const contact = await section('État de mes coordonnées');
    expect(contact.textContent).toContain('Une modification de vos coordonnées attend votre passage au conseil');
    expect(within(contact).getByRole('link', { name: 'Mes coordonnées' }).getAttribute('href')).toBe('/mes-coordonnees');
    expect(document.body.textContent).not.toMatch(/bientôt disponible|Prochainement/i);
    // A doctor has no « À traiter ».
    expect(screen.queryByRole('heading', { name: 'À traiter' })).toBeNull();
  });

  it('says a frozen record is frozen, and an empty history and no alert calmly', async () => {
    renderDoctorHome({ ...DOCTOR, reports: [], reportsTotal: 0, contact: 'gelee', alerts: { total: 0, latest: [] } });
    expect((await section('État de mes coordonnées')).querySelector('.notice--danger')!.textContent).toContain(CONTACT_STATE_LABELS.gelee);
    expect((await section('Mes derniers signalements')).textContent).toContain('Vous n’avez encore fait aucun signalement.');
    expect((await section('Alertes en cours')).textContent).toContain('Aucune alerte en cours.');
  });

  it('says an up-to-date record is up to date', async () => {
    renderDoctorHome({ ...DOCTOR, contact: 'a_jour' });
    const contact = await section('État de mes coordonnées');
    expect(contact.textContent).toContain('Vos coordonnées sont à jour');
    expect(contact.querySelector('.notice')).toBeNull();
  });
});
