import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import type { Role } from '../../../contracts/roles.js';
import { ACCOUNT_MENU, ANONYMOUS_MENU, visibleEntries } from './main-menu.js';

const menuOf = (role: Role) => visibleEntries(ACCOUNT_MENU, (permission) => ROLE_PERMISSIONS[role].includes(permission)).map((entry) => entry.label);

describe('the main menu', () => {
  it('gives a doctor their own reports, requests, DPC signalements and contact details, nothing of the council’s work', () => {
    expect(menuOf('medecin')).toEqual(['Accueil', 'Vérifier un message', 'Mes signalements', "Mes demandes d'entraide", 'Mes signalements DPC', 'Mes coordonnées', 'Mon compte']);
  });

  it('gives an expert reviewer the DPC queue, whose page leads to the catalogue, and no second catalogue entry', () => {
    const reviewer = menuOf('relecteur_dpc');
    expect(reviewer).toContain('Vigilance DPC');
    expect(reviewer).not.toContain('Catalogue DPC');
  });

  it('gives an administrator the users, the audit journal and the mandates', () => {
    expect(menuOf('admin')).toEqual(expect.arrayContaining(['Utilisateurs', "Journal d'audit", "Mandats d'entraide"]));
    expect(menuOf('agent')).not.toContain('Utilisateurs');
  });

  it('gives a visitor the public services and the way to log in, the home marked only on its own path', () => {
    expect(ANONYMOUS_MENU.map((entry) => entry.label)).toEqual(['Accueil', 'Vérifier un message', 'Signaler', 'Alertes en cours', 'Entraide', 'Se connecter']);
    expect(ANONYMOUS_MENU.filter((entry) => entry.end).map((entry) => entry.to)).toEqual(['/']);
  });
});
