import type { EntraideAidForm, EntraideDecisionKind, TEntraideDecision } from '../../../../contracts/entraide.schemas.js';
import { parseEuros } from './money.js';

/** The decision form as typed: every field a string, amounts in euros. */
export interface DecisionFields {
  kind: EntraideDecisionKind;
  decidedOn: string;
  amount: string;
  aidForm: EntraideAidForm | '';
  membersSeated: string;
  membersPresent: string;
  for: string;
  against: string;
  abstentions: string;
  note: string;
}

export type VoteField = 'membersSeated' | 'membersPresent' | 'for' | 'against' | 'abstentions';

/** The quorum (docs/entraide.md): more than half the seated members present. */
export function quorumOf(seated: number, present: number): { required: number; reached: boolean } {
  const required = Math.floor(seated / 2) + 1;
  return { required, reached: seated > 0 && present >= required };
}

function count(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The body the server expects, amounts in cents; or the fields a member must correct first, keyed like
 * the server's error paths so one error list serves both. The server checks the same rules again.
 */
export function toDecision(fields: DecisionFields): { decision: TEntraideDecision } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const vote = {} as TEntraideDecision['vote'];
  for (const name of ['membersSeated', 'membersPresent', 'for', 'against', 'abstentions'] as const) {
    const value = count(fields[name]);
    if (value === null) errors[`vote.${name}`] = 'Saisissez un nombre entier.';
    else vote[name] = value;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.decidedOn)) errors.decidedOn = 'Indiquez la date de la décision.';

  let amountCents: number | undefined;
  let aidForm: EntraideAidForm | undefined;
  if (fields.kind === 'aide_financiere') {
    const cents = parseEuros(fields.amount);
    if (cents === null || cents === 0) errors.amountCents = 'Saisissez le montant en euros, par exemple 1 500,50.';
    else amountCents = cents;
    if (fields.aidForm === '') errors.aidForm = "Choisissez la forme de l'aide.";
    else aidForm = fields.aidForm;
  }

  if (Object.keys(errors).length === 0) {
    if (vote.for + vote.against + vote.abstentions !== vote.membersPresent) {
      errors.vote = `Les voix (${vote.for} pour, ${vote.against} contre, ${vote.abstentions} abstentions) ne font pas le nombre de membres présents (${vote.membersPresent}).`;
    } else if (vote.membersPresent > vote.membersSeated) {
      errors['vote.membersPresent'] = 'Plus de membres présents que de membres en exercice.';
    } else if (!quorumOf(vote.membersSeated, vote.membersPresent).reached) {
      const { required } = quorumOf(vote.membersSeated, vote.membersPresent);
      errors['vote.membersPresent'] = `Quorum non atteint : ${required} membres présents au moins sur ${vote.membersSeated} en exercice.`;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    decision: {
      kind: fields.kind,
      decidedOn: fields.decidedOn,
      ...(amountCents !== undefined ? { amountCents } : {}),
      ...(aidForm !== undefined ? { aidForm } : {}),
      vote,
      note: fields.note.trim(),
    },
  };
}
