import type { TBudgetHistory } from '../../../../contracts/entraide.schemas.js';
import { formatDay, formatEuros } from './money.js';

export interface ResteAVivrePoint {
  day: string;
  /** Euros, for the chart's axis. */
  total: number;
  perUnit: number;
}

/** The chart's points (euros) and the same figures in words for its table, oldest first. */
export function resteAVivreSeries(history: TBudgetHistory): { points: ResteAVivrePoint[]; rows: { key: string; cells: string[] }[]; rsaFloor: number } {
  const rsa = formatEuros(history.rsaFloorCents);
  return {
    rsaFloor: history.rsaFloorCents / 100,
    points: history.snapshots.map((s) => ({ day: s.recordedOn, total: s.result.resteAVivreCents / 100, perUnit: s.result.perUnitCents / 100 })),
    rows: history.snapshots.map((s) => ({
      key: s.id,
      cells: [
        formatDay(s.recordedOn),
        formatEuros(s.result.resteAVivreCents),
        formatEuros(s.result.perUnitCents),
        rsa,
        s.result.belowRsaFloor ? 'Oui' : 'Non',
      ],
    })),
  };
}

export const RESTE_A_VIVRE_COLUMNS = ['Date du budget', 'Reste à vivre du foyer', 'Par unité de consommation', 'Plancher RSA (une personne)', 'Sous le plancher'] as const;
