import type { Permission } from '../../../contracts/permissions.js';

/**
 * The entries of the main navigation, in the order they are shown. An entry with `anyOf` appears only to
 * those who hold one of those permissions (the server still guards every page's data); `unless` hides it
 * when an earlier, broader entry already leads there.
 */
export interface MenuEntry {
  readonly to: string;
  readonly label: string;
  /** Marked current only on that exact path (the home). */
  readonly end?: boolean;
  readonly anyOf?: readonly Permission[];
  readonly unless?: readonly Permission[];
}

/** Without an account: the public check, filing, alerts, mutual aid and the way to log in. */
export const ANONYMOUS_MENU: readonly MenuEntry[] = [
  { to: '/', label: 'Accueil', end: true },
  { to: '/verifier', label: 'Vérifier un message' },
  { to: '/signaler', label: 'Signaler' },
  { to: '/alertes', label: 'Alertes en cours' },
  { to: '/entraide', label: 'Entraide' },
  { to: '/connexion', label: 'Se connecter' },
];

const DPC_QUEUE: readonly Permission[] = ['dpc:signalement_triage', 'dpc:signalement_review'];

/** With an account: what each role works with, then the account and the administration. */
export const ACCOUNT_MENU: readonly MenuEntry[] = [
  { to: '/', label: 'Accueil', end: true },
  { to: '/verifier', label: 'Vérifier un message' },
  { to: '/mes-signalements', label: 'Mes signalements', anyOf: ['report:create'] },
  { to: '/entraide/mes-demandes', label: "Mes demandes d'entraide", anyOf: ['entraide:request'] },
  { to: '/signalements', label: 'Signalements', anyOf: ['report:triage'] },
  { to: '/campagnes', label: 'Campagnes', anyOf: ['campaign:read'] },
  { to: '/alertes/gestion', label: 'Alertes', anyOf: ['alert:draft'] },
  { to: '/vigilance-dpc/mes-signalements', label: 'Mes signalements DPC', anyOf: ['dpc:signalement_read_own'] },
  { to: '/tableau-de-bord', label: 'Statistiques', anyOf: ['dashboard:read'] },
  { to: '/vigilance-dpc/signalements', label: 'Vigilance DPC', anyOf: DPC_QUEUE },
  // The queue's page links to the catalogue: those without the queue reach the catalogue directly.
  { to: '/vigilance-dpc/catalogue', label: 'Catalogue DPC', anyOf: ['dpc:catalogue_read'], unless: DPC_QUEUE },
  { to: '/tableau', label: 'Tableau', anyOf: ['registry:read'] },
  { to: '/entraide/dossiers', label: "Dossiers d'entraide", anyOf: ['entraide:case_read'] },
  { to: '/mes-coordonnees', label: 'Mes coordonnées', anyOf: ['self_registry:read'] },
  { to: '/compte', label: 'Mon compte' },
  { to: '/admin/utilisateurs', label: 'Utilisateurs', anyOf: ['users:read'] },
  { to: '/admin/journal', label: "Journal d'audit", anyOf: ['audit:read'] },
  { to: '/admin/entraide', label: "Mandats d'entraide", anyOf: ['entraide:mandates_manage'] },
];

/** The entries a holder of these permissions sees. */
export function visibleEntries(menu: readonly MenuEntry[], held: (permission: Permission) => boolean): MenuEntry[] {
  return menu.filter((entry) => (!entry.anyOf || entry.anyOf.some(held)) && !entry.unless?.some(held));
}
