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
  // A second agent in Paris: alerts need two (the approver is never the drafter).
  { key: 'agent2', email: 'agent2@demo.vigie.fr', displayName: 'Julien Agent', role: 'agent', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPAGENTBBBBBBBBBBB' },
  { key: 'cde', email: 'cde@demo.vigie.fr', displayName: 'Dr Marc Commission', role: 'membre_cde', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPCDEAAAAAAAAAAAAA' },
  { key: 'cne', email: 'cne@demo.vigie.fr', displayName: 'Dr Anne Nationale', role: 'membre_cne', departement: null, totpSecret: 'JBSWY3DPEHPK3PXPCNEAAAAAAAAAAAAA' },
  { key: 'medecin', email: 'medecin@demo.vigie.fr', displayName: 'Dr Louise Médecin', role: 'medecin', departement: '75', totpSecret: null },
  { key: 'medecin2fa', email: 'medecin2fa@demo.vigie.fr', displayName: 'Dr Hugo Prudent', role: 'medecin', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPMEDECINAAAAAAAAA' },
  { key: 'ancien', email: 'ancien.agent@demo.vigie.fr', displayName: 'Ancien Agent', role: 'agent', departement: '75', totpSecret: 'JBSWY3DPEHPK3PXPANCIENAAAAAAAAAA', status: 'disabled' },
];

export interface DemoDoctor {
  rppsPrefix: string;
  birthName: string;
  firstNames: string;
  specialty: string;
  departement: string;
  city: string;
  postalCode: string;
  /** Compared with the identity document's MRZ at the counter (docs/identity-checks.md). */
  birthDate?: string;
  /** Demo account of the same doctor (by key), linked to the record. */
  accountKey?: string;
}

/** Registry records for the demo: their correspondence addresses receive the alerts in the catcher. */
export const DEMO_DOCTORS: DemoDoctor[] = [
  { rppsPrefix: '1000000001', birthName: 'Médecin', firstNames: 'Louise', specialty: 'Médecine générale', departement: '75', city: 'Paris', postalCode: '75011', accountKey: 'medecin' },
  { rppsPrefix: '1000000002', birthName: 'Prudent', firstNames: 'Hugo', specialty: 'Cardiologie', departement: '75', city: 'Paris', postalCode: '75014', accountKey: 'medecin2fa' },
  { rppsPrefix: '1000000003', birthName: 'Lefèvre', firstNames: 'Camille', birthDate: '1980-04-12', specialty: 'Pédiatrie', departement: '75', city: 'Paris', postalCode: '75018' },
  { rppsPrefix: '1000000004', birthName: 'Nguyen', firstNames: 'Thomas', specialty: 'Médecine générale', departement: '75', city: 'Paris', postalCode: '75005' },
  { rppsPrefix: '1000000005', birthName: 'Benali', firstNames: 'Sarah', specialty: 'Dermatologie', departement: '75', city: 'Paris', postalCode: '75009' },
  { rppsPrefix: '1000000006', birthName: 'Durand', firstNames: 'Pierre', specialty: 'Médecine générale', departement: '69', city: 'Lyon', postalCode: '69003' },
  { rppsPrefix: '1000000007', birthName: 'Martin', firstNames: 'Élise', specialty: 'Psychiatrie', departement: '13', city: 'Marseille', postalCode: '13006' },
];

/** The demo address of a registry record (reserved demo domain; the catcher keeps the messages). */
export function demoDoctorEmail(d: DemoDoctor): string {
  return `${d.firstNames}.${d.birthName}`.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '') + '@medecins.demo.vigie.fr';
}
