import type { BudgetLineKind, TBudgetSnapshotInput } from '../../../../contracts/entraide.schemas.js';
import { parseEuros } from './money.js';

/** A budget line as typed: amounts in euros. */
export interface BudgetLineFields {
  key: number;
  kind: BudgetLineKind;
  label: string;
  monthly: string;
  remaining: string;
}

export interface BudgetFields {
  recordedOn: string;
  lines: BudgetLineFields[];
  personsFrom14: string;
  childrenUnder14: string;
}

function count(text: string): number | null {
  return /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * The snapshot the server expects, amounts in cents; or the fields to correct, keyed like the server's
 * error paths (`lines.2.monthlyCents`) so one error list serves both.
 */
export function toBudgetSnapshot(fields: BudgetFields): { snapshot: TBudgetSnapshotInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const lines: TBudgetSnapshotInput['lines'] = [];
  fields.lines.forEach((line, index) => {
    const label = line.label.trim();
    if (!label) errors[`lines.${index}.label`] = 'Nommez la ligne.';
    const monthlyCents = parseEuros(line.monthly);
    if (monthlyCents === null) errors[`lines.${index}.monthlyCents`] = 'Saisissez un montant mensuel en euros, par exemple 1 250,00.';
    let remainingCents: number | undefined;
    if (line.kind === 'dette' && line.remaining.trim() !== '') {
      const parsed = parseEuros(line.remaining);
      if (parsed === null) errors[`lines.${index}.remainingCents`] = 'Saisissez le capital restant dû en euros.';
      else remainingCents = parsed;
    }
    if (label && monthlyCents !== null) lines.push({ kind: line.kind, label, monthlyCents, ...(remainingCents !== undefined ? { remainingCents } : {}) });
  });
  if (fields.lines.length === 0) errors.lines = 'Saisissez au moins une ligne.';
  const personsFrom14 = count(fields.personsFrom14);
  if (personsFrom14 === null || personsFrom14 < 1) errors['household.personsFrom14'] = 'Le foyer compte au moins une personne de 14 ans ou plus.';
  const childrenUnder14 = count(fields.childrenUnder14);
  if (childrenUnder14 === null) errors['household.childrenUnder14'] = "Saisissez un nombre d'enfants (0 s'il n'y en a pas).";
  if (fields.recordedOn && !/^\d{4}-\d{2}-\d{2}$/.test(fields.recordedOn)) errors.recordedOn = 'Date invalide.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    snapshot: {
      lines,
      household: { personsFrom14: personsFrom14!, childrenUnder14: childrenUnder14! },
      ...(fields.recordedOn ? { recordedOn: fields.recordedOn } : {}),
    },
  };
}
