import type { ReportConsequence } from '../../../../contracts/reports.guidance.js';

/**
 * What a reporter went through that the entraide ordinale can help with: money paid or bank details
 * given (a financial loss), credentials or personal data given (an identity theft). A computer left in
 * a scammer's hands alone is a matter for cybermalveillance.gouv.fr, already in the guidance.
 */
const ENTRAIDE_CONSEQUENCES: readonly ReportConsequence[] = ['argent_verse', 'coordonnees_bancaires', 'identifiants', 'donnees_personnelles'];

export function offersEntraide(consequences: readonly ReportConsequence[]): boolean {
  return consequences.some((c) => ENTRAIDE_CONSEQUENCES.includes(c));
}

/** Where the offer leads: a doctor's own form, pre-filled « financière », or the public page for anyone else. */
export const ENTRAIDE_FINANCIAL_REQUEST_PATH = '/entraide/demande?nature=financiere';
export const ENTRAIDE_PUBLIC_PATH = '/entraide';
