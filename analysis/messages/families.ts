/** Scam families Vigie recognises, with the label a doctor reads. */
export const FAMILY_LABELS = {
  certification_periodique: 'Faux contrôle de la certification périodique (menace de radiation)',
  formation_droits: 'Formation proposée « grâce à vos droits » (DPC, CPF)',
  mot_de_passe: 'Mot de passe ou code demandé sans que vous en soyez à l’origine',
  assurance_maladie: 'Fausse Assurance Maladie (ameli, carte Vitale)',
  ecps: 'Fausse e-CPS / Pro Santé Connect',
  cotisation_ordre: 'Faux appel de cotisation ordinale',
  annuaire: 'Fausse facture d’annuaire professionnel',
  urssaf: 'Fausse URSSAF',
  conseiller_bancaire: 'Faux conseiller bancaire',
  colis: 'Faux avis de livraison de colis',
  amende: 'Fausse amende (ANTAI, péage)',
  coordonnees: 'Changement de coordonnées (usurpation d’identité)',
  hameconnage: 'Hameçonnage (vol d’identifiants ou de données bancaires)',
} as const;

export type FamilyId = keyof typeof FAMILY_LABELS;

export function isFamilyId(value: string): value is FamilyId {
  return Object.hasOwn(FAMILY_LABELS, value);
}
