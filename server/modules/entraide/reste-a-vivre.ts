import type { TBudget } from '../../../contracts/entraide.schemas.js';

// The reste à vivre, « un bon indicateur » for Crésus (seed 002): what is left each month once fixed
// charges and debt instalments are paid, for the household and per consumption unit, set against the
// RSA floor so that a commission member reads at once whether the household lives under it.

/**
 * The RSA's « montant forfaitaire » for one person without resources, in cents: 646,52 € from
 * 1 April 2025 (barème published by Lefebvre Dalloz, open.lefebvre-dalloz.fr, minima sociaux). It is
 * revalued each April, so it is a setting (ENTRAIDE_RSA_FLOOR_CENTS) with this as its default.
 */
export const RSA_FLOOR_CENTS_2025 = 64_652;

export interface ResteAVivre {
  incomeCents: number;
  fixedChargesCents: number;
  debtInstalmentsCents: number;
  /** Income − fixed charges − instalments; negative when the household runs a deficit. */
  resteAVivreCents: number;
  consumptionUnits: number;
  /** Reste à vivre divided by the consumption units, rounded to the cent. */
  perUnitCents: number;
  /** Debts still to repay, where the lines say so. */
  outstandingDebtCents: number;
  /** The per-unit figure compared with the RSA floor for one person. */
  belowRsaFloor: boolean;
  /** Instalments as a share of income (the « taux d'endettement »), null without income. */
  debtRatio: number | null;
}

/** INSEE's OECD-modified scale: 1 for the first person, 0.5 per other person of 14 or more, 0.3 per child. */
export function consumptionUnits(household: TBudget['household']): number {
  return 1 + 0.5 * (household.personsFrom14 - 1) + 0.3 * household.childrenUnder14;
}

export function computeResteAVivre(budget: TBudget, rsaFloorCents = RSA_FLOOR_CENTS_2025): ResteAVivre {
  const sum = (kind: string) => budget.lines.filter((l) => l.kind === kind).reduce((total, l) => total + l.monthlyCents, 0);
  const incomeCents = sum('revenu');
  const fixedChargesCents = sum('charge_fixe');
  const debtInstalmentsCents = sum('dette');
  const resteAVivreCents = incomeCents - fixedChargesCents - debtInstalmentsCents;
  const units = consumptionUnits(budget.household);
  const perUnitCents = Math.round(resteAVivreCents / units);
  return {
    incomeCents,
    fixedChargesCents,
    debtInstalmentsCents,
    resteAVivreCents,
    consumptionUnits: units,
    perUnitCents,
    outstandingDebtCents: budget.lines.filter((l) => l.kind === 'dette').reduce((total, l) => total + (l.remainingCents ?? 0), 0),
    belowRsaFloor: perUnitCents < rsaFloorCents,
    debtRatio: incomeCents === 0 ? null : debtInstalmentsCents / incomeCents,
  };
}
