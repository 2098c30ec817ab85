export const ROLES = ['medecin', 'agent', 'membre_cde', 'membre_cne', 'relecteur_dpc', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role is called on screen. */
export const ROLE_LABELS: Record<Role, string> = {
  medecin: 'Médecin',
  agent: 'Agent du conseil',
  membre_cde: "Membre de la commission départementale d'entraide",
  membre_cne: "Membre de la commission nationale d'entraide",
  relecteur_dpc: 'Relecteur expert DPC',
  admin: 'Administrateur',
};

/** Every role but `medecin` must use a second factor (TOTP) before reaching anything. */
export function roleRequiresSecondFactor(role: Role): boolean {
  return role !== 'medecin';
}

/** Roles whose members act for the whole country and therefore carry no département. */
// An expert reviewer of DPC signalements works for the national vigilance (the ANDPC–MIVILUDES convention is national).
export const NATIONAL_ONLY_ROLES: readonly Role[] = ['membre_cne', 'relecteur_dpc'];
/** Roles that always belong to one département (a doctor is registered with one council). */
export const DEPARTEMENTAL_ONLY_ROLES: readonly Role[] = ['membre_cde', 'medecin'];
