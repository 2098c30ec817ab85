import type { Role } from '../contracts/roles.js';

/** Demo accounts (département 75, Paris, plus national ones). Never loaded outside `npm run seed:demo`. */
export const DEMO_PASSWORD = 'Demonstration-Vigie-2026';

export interface DemoAccount {
  key: string;
  email: string;
  displayName: string;
  role: Role;
  departement: string | null;
  /** Fixed TOTP seed so `npm run demo:code` can show the current code; null = no 2FA yet. */
  totpSecret: string | null;
  status?: 'active' | 'disabled';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'admin', email: 'admin@demo.vigie.fr', displayName: 'Claire Administratrice', role: 'admin', departement: null, totpSecret: 'JBSWY3DPEHPK3PXPADMINAAAAAAAAAAA' },
  { key: 'admin75', email: 'admin75@demo.vigie.fr', displayName: 'Paul Admin Paris', role: 'admin', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPADMINSEVENTYFIVE' },
  { key: 'agent', email: 'agent@demo.vigie.fr', displayName: 'Sophie Agent', role: 'agent', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPAGENTAAAAAAAAAAA' },
  { key: 'cde', email: 'cde@demo.vigie.fr', displayName: 'Dr Marc Commission', role: 'membre_cde', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPCDEAAAAAAAAAAAAA' },
  { key: 'cne', email: 'cne@demo.vigie.fr', displayName: 'Dr Anne Nationale', role: 'membre_cne', departement: null, totpSecret: 'JBSWY3DPEHPK3PXPCNEAAAAAAAAAAAAA' },
  { key: 'medecin', email: 'medecin@demo.vigie.fr', displayName: 'Dr Louise Médecin', role: 'medecin', departement: '75', totpSecret: null },
  { key: 'medecin2fa', email: 'medecin2fa@demo.vigie.fr', displayName: 'Dr Hugo Prudent', role: 'medecin', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPMEDECINAAAAAAAAA' },
  { key: 'ancien', email: 'ancien.agent@demo.vigie.fr', displayName: 'Ancien Agent', role: 'agent', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPANCIENAAAAAAAAAA', status: 'disabled' },
];
