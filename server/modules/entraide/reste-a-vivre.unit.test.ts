import { describe, expect, it } from 'vitest';
import { ZBudget, type TBudget } from '../../../contracts/entraide.schemas.js';
import { ConfigError, loadConfig } from '../../config.js';
import { computeResteAVivre, consumptionUnits, RSA_FLOOR_CENTS_2025 } from './reste-a-vivre.js';

const budget = (lines: TBudget['lines'], household: TBudget['household'] = { personsFrom14: 1, childrenUnder14: 0 }): TBudget => ({ lines, household });

describe('reste à vivre', () => {
  it('is income less fixed charges and debt instalments, with the debt ratio and what is left to repay', () => {
    const r = computeResteAVivre(
      budget([
        { kind: 'revenu', label: 'Honoraires nets', monthlyCents: 420_000 },
        { kind: 'revenu', label: 'Allocations familiales', monthlyCents: 14_000 },
        { kind: 'charge_fixe', label: 'Loyer', monthlyCents: 120_000 },
        { kind: 'charge_fixe', label: 'Cotisations URSSAF', monthlyCents: 95_000 },
        { kind: 'dette', label: 'Prêt du cabinet', monthlyCents: 150_000, remainingCents: 4_200_000 },
      ]),
    );
    expect(r).toMatchObject({ incomeCents: 434_000, fixedChargesCents: 215_000, debtInstalmentsCents: 150_000, resteAVivreCents: 69_000, outstandingDebtCents: 4_200_000 });
    expect(r.debtRatio).toBeCloseTo(150_000 / 434_000);
  });

  it('divides by the consumption units of the household (1, 0.5 per other person of 14 or more, 0.3 per child)', () => {
    expect(consumptionUnits({ personsFrom14: 1, childrenUnder14: 0 })).toBe(1);
    expect(consumptionUnits({ personsFrom14: 2, childrenUnder14: 2 })).toBeCloseTo(2.1);
    const r = computeResteAVivre(budget([{ kind: 'revenu', label: 'Salaire', monthlyCents: 210_000 }], { personsFrom14: 2, childrenUnder14: 2 }));
    expect(r.perUnitCents).toBe(100_000);
    expect(r.belowRsaFloor).toBe(false);
  });

  it('flags a household living under the RSA floor, and a deficit as a negative reste à vivre', () => {
    const under = computeResteAVivre(budget([{ kind: 'revenu', label: 'Revenus', monthlyCents: 100_000 }, { kind: 'charge_fixe', label: 'Loyer', monthlyCents: 40_000 }]));
    expect(under.perUnitCents).toBe(60_000);
    expect(under.perUnitCents).toBeLessThan(RSA_FLOOR_CENTS_2025);
    expect(under.belowRsaFloor).toBe(true);
    const deficit = computeResteAVivre(budget([{ kind: 'revenu', label: 'Revenus', monthlyCents: 100_000 }, { kind: 'dette', label: 'Crédit', monthlyCents: 130_000 }]));
    expect(deficit.resteAVivreCents).toBe(-30_000);
    expect(deficit.belowRsaFloor).toBe(true);
  });

  it('refuses negative or absurd amounts and an empty household, in French', () => {
    const negative = ZBudget.safeParse(budget([{ kind: 'revenu', label: 'Revenus', monthlyCents: -5 }]));
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]?.message).toBe('Un montant ne peut pas être négatif.');
    const absurd = ZBudget.safeParse(budget([{ kind: 'dette', label: 'Crédit', monthlyCents: 100, remainingCents: 1e12 }]));
    expect(absurd.error?.issues[0]?.message).toBe('Montant invraisemblable.');
    const nobody = ZBudget.safeParse(budget([{ kind: 'revenu', label: 'Revenus', monthlyCents: 1 }], { personsFrom14: 0, childrenUnder14: 1 }));
    expect(nobody.error?.issues[0]?.message).toBe('Le foyer compte au moins une personne de 14 ans ou plus.');
  });

  it('compares with the RSA floor setting, the 2025 amount unless the April revaluation is configured', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).entraideRsaFloorCents).toBe(RSA_FLOOR_CENTS_2025);
    expect(loadConfig({ NODE_ENV: 'test', ENTRAIDE_RSA_FLOOR_CENTS: '66000' }).entraideRsaFloorCents).toBe(66_000);
    expect(() => loadConfig({ NODE_ENV: 'test', ENTRAIDE_RSA_FLOOR_CENTS: '646,52' })).toThrow(ConfigError);
    const budget65000 = budget([{ kind: 'revenu', label: 'Revenus', monthlyCents: 65_000 }]);
    expect(computeResteAVivre(budget65000).belowRsaFloor).toBe(false);
    expect(computeResteAVivre(budget65000, 66_000).belowRsaFloor).toBe(true);
  });
});
